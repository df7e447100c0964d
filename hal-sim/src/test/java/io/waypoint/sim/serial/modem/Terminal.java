package io.waypoint.sim.serial.modem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A person at a terminal on the driver's end of the modem's cable: types command lines, reads the
 * lines that come back (bytes as ISO-8859-1, so noise shows as it is), and keeps every raw byte.
 */
final class Terminal implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final Set<String> FINALS = Set.of("OK", "ERROR", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE");

    private final FileChannel in;
    private final FileChannel out;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

    private Terminal(FileChannel in, FileChannel out) {
        this.in = in;
        this.out = out;
        Thread reader = new Thread(this::readLoop, "test-terminal");
        reader.setDaemon(true);
        reader.start();
    }

    static Terminal open(String port) throws IOException {
        // two channels: one FileChannel makes a write wait for a blocked read
        return new Terminal(FileChannel.open(Path.of(port), StandardOpenOption.READ),
                FileChannel.open(Path.of(port), StandardOpenOption.WRITE));
    }

    /** Types {@code command} and CR. */
    void type(String command) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((command + "\r").getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Types {@code command} and returns the lines up to and including its final result. */
    List<String> ask(String command) throws Exception {
        type(command);
        List<String> reply = new ArrayList<>();
        while (true) {
            String line = next();
            reply.add(line);
            if (FINALS.contains(line) || line.startsWith("+CME ERROR:")) {
                return reply;
            }
        }
    }

    /** The next line; fails after {@link #WAIT}. */
    String next() throws InterruptedException {
        String line = lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + WAIT);
        }
        return line;
    }

    /** The next line that is not one of {@code skipped}. */
    String nextExcept(Set<String> skipped) throws InterruptedException {
        while (true) {
            String line = next();
            if (!skipped.contains(line)) {
                return line;
            }
        }
    }

    /** The lines that arrive within {@code quiet}. */
    List<String> linesWithin(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        List<String> got = new ArrayList<>();
        lines.drainTo(got);
        return got;
    }

    /** Every byte received so far. */
    byte[] raw() {
        synchronized (raw) {
            return raw.toByteArray();
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                buffer.clear();
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                synchronized (raw) {
                    raw.write(buffer.array(), 0, n);
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\r' || b == '\n') {
                        if (line.size() > 0) {
                            lines.add(line.toString(StandardCharsets.ISO_8859_1));
                            line.reset();
                        }
                    } else {
                        line.write(b);
                    }
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
