package io.waypoint.bench.gateway;

import io.waypoint.uplink.MqttPackets;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.UplinkOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The ingest figure's load generator: MQTT 3.1.1 publishers at QoS 1 that cost next to nothing, so
 * that the broker and the receiver are what the figure measures. Each publisher has its own socket
 * and two threads: one waits until a quarter of its window is open, then writes every PUBLISH the window
 * allows in one system call (packets encoded
 * before the clock starts), the other reads the PUBACKs that gathered in the last millisecond and opens
 * the window again.
 *
 * <p>Why not Paho: Paho publishing at full speed spent more CPU a message than the broker, so on two
 * cores the generator, not the broker, set {@code mosquitto_sub}'s rate (11,600 msg/s with four Paho
 * publishers). The anchor and the gateway both receive this same generator's load in the same run.
 */
final class PipelinedPublishers implements AutoCloseable {
    private static final int CONNACK = 0x20;
    private static final int PUBACK = 0x40;
    private static final long ACK_GATHERING_NANOS = 1_000_000;

    private final List<Connection> connections = new ArrayList<>();
    private final int inFlight;

    private PipelinedPublishers(int inFlight) {
        this.inFlight = inFlight;
    }

    /** Connects {@code count} publishers (clean sessions) to {@code brokerUrl} ({@code tcp://host:port}). */
    static PipelinedPublishers connect(String brokerUrl, int count, int inFlight, String prefix) throws IOException {
        if (inFlight < 1 || inFlight > 30_000) {
            throw new IllegalArgumentException("inFlight must be 1..30000 (packet ids are reused after 65535), was " + inFlight);
        }
        URI uri = URI.create(brokerUrl);
        PipelinedPublishers p = new PipelinedPublishers(inFlight);
        try {
            for (int i = 0; i < count; i++) {
                p.connections.add(Connection.open(uri, prefix + "-" + i, inFlight));
            }
        } catch (IOException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** Sends publisher {@code i}'s share of the load on connection {@code i}; returns when every PUBACK is in. */
    void publish(TelemetryLoad load) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            Connection c = connections.get(i);
            List<TelemetryLoad.Message> share = load.perPublisher().get(i);
            Thread t = new Thread(() -> {
                try {
                    c.send(share);
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "publisher-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Publishes {@code messages} from publisher 0. */
    void publishAll(List<TelemetryLoad.Message> messages) {
        connections.get(0).send(messages);
    }

    int inFlight() {
        return inFlight;
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            c.close();
        }
    }

    /** One publisher: a socket, a window of PUBACKs awaited, a reader thread that opens it again. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final Semaphore window;
        private final int inFlight;
        private final Thread reader;
        private volatile IOException readFailure;
        private int nextPacketId = 1;

        private Connection(Socket socket, int inFlight) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.inFlight = inFlight;
            this.window = new Semaphore(inFlight);
            this.reader = new Thread(this::readAcks, "puback-reader");
            reader.setDaemon(true);
        }

        static Connection open(URI broker, String clientId, int inFlight) throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(broker.getHost(), broker.getPort()), 10_000);
            s.setSoTimeout(10_000);
            Connection c = new Connection(s, inFlight);
            c.out.write(MqttPackets.connect(UplinkOptions.of(broker, clientId)
                    .withCleanSession(true).withKeepAlive(Duration.ofSeconds(60))));
            c.out.flush();
            InputStream in = s.getInputStream();
            byte[] connack = in.readNBytes(4);
            if (connack.length != 4 || (connack[0] & 0xF0) != CONNACK || connack[3] != 0) {
                s.close();
                throw new IOException("the broker at " + broker + " refused publisher " + clientId + " (CONNACK "
                        + java.util.Arrays.toString(connack) + ")");
            }
            s.setSoTimeout(0);
            c.reader.start();
            return c;
        }

        /** Writes the messages as fast as the window allows; returns when the last is acknowledged. */
        void send(List<TelemetryLoad.Message> messages) {
            List<byte[]> packets = new ArrayList<>(messages.size());
            for (TelemetryLoad.Message m : messages) {
                packets.add(MqttPackets.publish(Outgoing.of(m.topic(), m.payload()), nextPacketId));
                nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
            }
            byte[] buffer = new byte[64 * 1024];
            try {
                int i = 0;
                while (i < packets.size()) {
                    // wait for a quarter of the window to open, not one slot: a write and a wake-up for every
                    // PUBACK cost the generator as much CPU as the broker's whole work on the message
                    int want = Math.min(Math.max(1, inFlight / 4), packets.size() - i);
                    if (!window.tryAcquire(want, 30, TimeUnit.SECONDS)) {
                        throw failed("no PUBACK for 30 s");
                    }
                    int open = want + window.drainPermits();
                    checkReader();
                    // a batch of as many packets as the window opened, in as few writes as the buffer allows
                    int used = 0;
                    int k = 0;
                    for (; k < open && i < packets.size(); k++, i++) {
                        byte[] p = packets.get(i);
                        if (used + p.length > buffer.length) {
                            out.write(buffer, 0, used);
                            used = 0;
                        }
                        if (p.length > buffer.length) {
                            out.write(p);
                        } else {
                            System.arraycopy(p, 0, buffer, used, p.length);
                            used += p.length;
                        }
                    }
                    out.write(buffer, 0, used);
                    window.release(open - k); // opened but not used: the load ran out
                }
                // the last PUBACKs: every permit back
                if (!window.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
                    throw failed("PUBACKs still missing after 60 s");
                }
                checkReader();
                window.release(inFlight);
            } catch (IOException e) {
                throw new UncheckedIOException("publishing to the broker failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing", e);
            }
        }

        private void checkReader() {
            if (readFailure != null) {
                throw failed("the broker closed the connection: " + readFailure.getMessage());
            }
        }

        private static IllegalStateException failed(String why) {
            return new IllegalStateException("publisher: " + why);
        }

        /** PUBACKs arrive as 4-byte packets; read many at once, release one permit each. */
        private void readAcks() {
            byte[] buf = new byte[16 * 1024];
            int have = 0;
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    int n = in.read(buf, have, buf.length - have);
                    if (n < 0) {
                        throw new IOException("end of stream");
                    }
                    have += n;
                    int at = 0;
                    int acks = 0;
                    while (have - at >= 2) {
                        int type = buf[at] & 0xF0;
                        int len = buf[at + 1] & 0xFF; // every packet a publisher receives is short (PUBACK, PINGRESP)
                        if (have - at < 2 + len) {
                            break;
                        }
                        if (type == PUBACK) {
                            acks++;
                        }
                        at += 2 + len;
                    }
                    System.arraycopy(buf, at, buf, 0, have - at);
                    have -= at;
                    if (acks > 0) {
                        window.release(acks);
                    }
                    // let PUBACKs gather: read for each one as it came, these threads cost half a core at 14k msg/s;
                    // a millisecond is nothing beside a window of hundreds in flight
                    LockSupport.parkNanos(ACK_GATHERING_NANOS);
                }
            } catch (IOException e) {
                readFailure = e;
                window.release(inFlight); // wake the writer, which then reports the failure
            }
        }

        void close() {
            try {
                if (!socket.isClosed()) {
                    socket.getOutputStream().write(new byte[] {(byte) 0xE0, 0});
                }
            } catch (IOException e) {
                // the broker may be gone already; closing is all that is left
            }
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to keep
            }
        }
    }
}
