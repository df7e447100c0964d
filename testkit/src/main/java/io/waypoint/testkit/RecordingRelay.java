package io.waypoint.testkit;

import java.io.ByteArrayOutputStream;
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
 * A TCP relay on 127.0.0.1 that forwards every connection to a target port and keeps a copy of
 * every byte in both directions: what an eavesdropper on the site's network would see, for tests
 * that look for secrets on the wire.
 */
public final class RecordingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RecordingRelay(ServerSocket server, int target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free port of 127.0.0.1 and relays to {@code 127.0.0.1:targetPort}. */
    public static RecordingRelay to(int targetPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            RecordingRelay r = new RecordingRelay(s, targetPort);
            Thread t = new Thread(r::acceptLoop, "relay-accept-" + s.getLocalPort());
            t.setDaemon(true);
            t.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("relay cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every byte relayed so far, both directions, in the order the chunks arrived. */
    public byte[] bytes() {
        synchronized (seen) {
            return seen.toByteArray();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(in);
                sockets.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                if (!closed) {
                    continue; // the target refused this one; the client sees its connection drop
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (seen) {
                        seen.write(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: closing both below ends the other pump too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-" + from.getPort() + "-" + to.getPort());
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
        sockets.forEach(RecordingRelay::closeQuietly);
    }
}
