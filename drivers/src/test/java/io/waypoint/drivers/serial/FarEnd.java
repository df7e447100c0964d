package io.waypoint.drivers.serial;

import io.waypoint.sim.serial.SocatPty;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** The other end of a pseudo-terminal cable: raw bytes, for testing the link itself. */
final class FarEnd implements AutoCloseable {
    final SocatPty pty;
    private final FileChannel in;
    private final FileChannel out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    FarEnd() throws IOException {
        pty = SocatPty.start();
        in = FileChannel.open(pty.deviceEnd(), StandardOpenOption.READ);
        out = FileChannel.open(pty.deviceEnd(), StandardOpenOption.WRITE);
        Thread reader = new Thread(this::readLoop, "far-end-rx");
        reader.setDaemon(true);
        reader.start();
    }

    String driverPort() {
        return pty.driverEnd().toString();
    }

    void write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    byte[] await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (received.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " bytes, got " + received.size());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
            byte[] all = received.toByteArray();
            received.reset();
            return all;
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
                    received.write(buffer.array(), 0, n);
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
        pty.close();
    }
}
