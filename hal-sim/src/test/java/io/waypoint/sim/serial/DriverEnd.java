package io.waypoint.sim.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a driver would see at the other end of a simulated device's cable, for tests that speak raw
 * bytes (the drivers' own tests use jssc). Collects everything that arrives.
 */
final class DriverEnd implements AutoCloseable {
    private final FileChannel in;
    private final FileChannel out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Thread reader;

    private DriverEnd(FileChannel in, FileChannel out) {
        this.in = in;
        this.out = out;
        this.reader = new Thread(this::readLoop, "test-driver-end");
        reader.setDaemon(true);
        reader.start();
    }

    static DriverEnd open(String port) throws IOException {
        // two channels: one FileChannel makes a write wait for a blocked read
        return new DriverEnd(FileChannel.open(Path.of(port), StandardOpenOption.READ),
                FileChannel.open(Path.of(port), StandardOpenOption.WRITE));
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Waits until at least {@code n} bytes arrived, takes and returns all that arrived. */
    byte[] await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " bytes within " + timeout + ", got "
                            + Frames.hex(received.toByteArray()));
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            return take();
        }
    }

    /** Takes what arrived so far. */
    byte[] take() {
        synchronized (received) {
            byte[] bytes = received.toByteArray();
            received.reset();
            return bytes;
        }
    }

    /** Asserts that nothing arrives within {@code quiet}. */
    void assertNothingWithin(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        byte[] got = take();
        if (got.length > 0) {
            throw new AssertionError("expected silence for " + quiet + ", got " + Frames.hex(got));
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        try {
            while (true) {
                buffer.clear();
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                synchronized (received) {
                    received.write(Arrays.copyOf(buffer.array(), n), 0, n);
                    received.notifyAll();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        out.close();
    }
}
