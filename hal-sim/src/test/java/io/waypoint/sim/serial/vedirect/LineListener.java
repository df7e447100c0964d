package io.waypoint.sim.serial.vedirect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;

/** The driver's end of a simulated controller's cable, read raw: everything that arrives is kept. */
final class LineListener implements AutoCloseable {
    private final FileChannel in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    LineListener(String port) throws IOException {
        in = FileChannel.open(Path.of(port), StandardOpenOption.READ);
        Thread reader = new Thread(this::readLoop, "test-line-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** Drops what arrived so far (what the terminals buffered before this listener opened). */
    void forget() {
        synchronized (received) {
            received.reset();
        }
    }

    /** Waits until {@code n} bytes arrived or the wait is over, then takes all of them. */
    byte[] take(int n, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (received) {
            while (received.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            byte[] all = received.toByteArray();
            received.reset();
            return all;
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            while (true) {
                buffer.clear();
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                synchronized (received) {
                    received.writeBytes(Arrays.copyOf(buffer.array(), n));
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
    }
}
