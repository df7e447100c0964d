package io.waypoint.bench.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between a node and its broker that counts the MQTT packets each way
 * ({@link MqttPacketTally}): the bytes a node costs on the site's network or a metered uplink.
 * Unlike testkit's RecordingRelay it keeps the two directions apart, which packet parsing needs.
 */
final class WireTap implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final MqttPacketTally up = new MqttPacketTally();
    private final MqttPacketTally down = new MqttPacketTally();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private WireTap(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free port of 127.0.0.1 and relays to {@code 127.0.0.1:targetPort}. */
    static WireTap to(int targetPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            WireTap tap = new WireTap(s, targetPort);
            Thread t = new Thread(tap::acceptLoop, "wiretap-accept");
            t.setDaemon(true);
            t.start();
            return tap;
        } catch (IOException e) {
            throw new UncheckedIOException("wire tap cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** Node to broker. */
    MqttPacketTally up() {
        return up;
    }

    /** Broker to node. */
    MqttPacketTally down() {
        return down;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(in);
                sockets.add(out);
                pump(in, out, up);
                pump(out, in, down);
            } catch (IOException e) {
                // the broker refused this one (or the tap closed): the node sees its connection drop
            }
        }
    }

    private void pump(Socket from, Socket to, MqttPacketTally tally) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    tally.feed(buf, 0, n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away; closing both ends the other pump
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "wiretap-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(WireTap::closeQuietly);
    }
}
