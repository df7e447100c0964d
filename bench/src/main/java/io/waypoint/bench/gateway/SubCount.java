package io.waypoint.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code mosquitto_sub} at QoS 1 on every node's telemetry, the anchor of the gateway ingest figure:
 * what the broker can deliver to one plain C subscriber of the same load in the same run. It prints
 * each message's topic (one short line); this class counts the lines as they come.
 */
final class SubCount implements AutoCloseable {
    /** A topic the harness publishes on until the subscriber shows it: then its subscription is in place. */
    static final String READY_TOPIC = "wp/v1/" + TelemetryLoad.SITE + "/ready/telemetry";

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final long expected;
    private volatile long doneAtNanos;
    private volatile long counted;

    /** mosquitto_sub's process id (stdbuf runs it in its own place). */
    long pid() {
        return process.pid();
    }

    private SubCount(Process process, long expected) {
        this.process = process;
        this.expected = expected;
    }

    static SubCount start(String host, int port, long expected) {
        try {
            Process p = new ProcessBuilder(List.of("stdbuf", "-oL", "mosquitto_sub", "-h", host, "-p", Integer.toString(port),
                    "-q", "1", "-i", "bench-sub-" + System.nanoTime(), "-t", "wp/v1/+/+/telemetry", "-F", "%t"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            SubCount s = new SubCount(p, expected);
            Thread reader = new Thread(s::read, "mosquitto_sub-reader");
            reader.setDaemon(true);
            reader.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto_sub (apt-get install mosquitto-clients)", e);
        }
    }

    private void read() {
        byte[] ready = READY_TOPIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] line = new byte[256];
        int len = 0;
        long n = 0;
        byte[] buf = new byte[65_536];
        try (InputStream in = process.getInputStream()) {
            for (int r; (r = in.read(buf)) >= 0; ) {
                for (int i = 0; i < r; i++) {
                    byte b = buf[i];
                    if (b != '\n') {
                        if (len < line.length) {
                            line[len] = b;
                        }
                        len++;
                        continue;
                    }
                    if (len == ready.length && java.util.Arrays.equals(line, 0, len, ready, 0, len)) {
                        this.ready.countDown();
                    } else if (++n == expected) {
                        doneAtNanos = System.nanoTime();
                        done.countDown();
                    }
                    len = 0;
                }
                counted = n;
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Whether the subscriber has shown a message of {@link #READY_TOPIC} within {@code ms}. */
    boolean awaitReady(long ms) throws InterruptedException {
        return ready.await(ms, TimeUnit.MILLISECONDS);
    }

    /** When the {@code expected}-th message arrived ({@link System#nanoTime}), or -1 after {@code timeoutS}. */
    long awaitAll(long timeoutS) throws InterruptedException {
        return done.await(timeoutS, TimeUnit.SECONDS) ? doneAtNanos : -1;
    }

    long counted() {
        return counted;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
