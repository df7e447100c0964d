package io.waypoint.sim.site;

import io.waypoint.sim.board.BoardActivity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a simulated site saw of its node, kept where a test in another process can read it after
 * the node's process was SIGKILLed. Test support only: a site keeps one when its JVM has the system
 * property {@value #DIRECTORY} naming a directory (a test starts the node's JVM with it); the
 * node never sets or reads it, and without it nothing is written.
 *
 * <ul>
 * <li>{@value #LOG}: one line per event, each appended with one write (the page cache keeps what a
 *     killed process wrote): {@code <life> <simulated instant> <event>}, the life being the process
 *     id. Events: {@code start <board> <site id>} when a site is built, what the software did to the
 *     board ({@code opened i2c 1 0x40}, {@code opened input 17}, {@code out <pin> high|low <part>}
 *     for every change of an output), and what the site adds (a kiosk: {@code press <port>} when a
 *     person presses a port's button, at the press's instant; {@code sms <number> idle|during-call <text>} for
 *     every SMS its modem's network took).</li>
 * <li>counters ({@code <name>.count}), memory-mapped and written in place at every count, so a
 *     SIGKILL loses none; a new life continues from what the last one left (a well:
 *     {@value WellSite#FLOW_PULSES}, the flow meter's pulses handed to the node while it listened
 *     to the flow input).</li>
 * </ul>
 */
public final class SiteRecord implements BoardActivity, AutoCloseable {
    /** The system property naming the directory of the record. */
    public static final String DIRECTORY = "waypoint.sim.record";
    /** The event log's file name in the directory. */
    public static final String LOG = "board.log";

    /** One line of the event log. */
    public record Line(long life, Instant at, String event) {
        /** The event's words after its first ({@code out 4 low port 1 relay} → {@code [4, low, port, 1, relay]}). */
        public List<String> words() {
            return List.of(event.split(" "));
        }

        public boolean is(String kind) {
            return event.equals(kind) || event.startsWith(kind + " ");
        }
    }

    /** A count kept across lives in a memory-mapped file. */
    public static final class Counter {
        private final MappedByteBuffer buffer;
        private long value;

        private Counter(MappedByteBuffer buffer) {
            this.buffer = buffer;
            this.value = buffer.getLong(0);
        }

        /** Adds {@code n}, in the page cache before returning. */
        public synchronized void add(long n) {
            value += n;
            buffer.putLong(0, value);
        }

        public synchronized long value() {
            return value;
        }
    }

    private final Path dir;
    private final long life = ProcessHandle.current().pid();
    private final FileChannel log;
    private boolean closed;

    private SiteRecord(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.log = FileChannel.open(dir.resolve(LOG), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** The record the system property asks for, if it does. */
    static Optional<SiteRecord> fromSystemProperty() {
        String d = System.getProperty(DIRECTORY);
        if (d == null || d.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SiteRecord(Path.of(d)));
        } catch (IOException e) {
            throw new UncheckedIOException("hal-sim: " + DIRECTORY + " = '" + d + "': cannot write the site record there: "
                    + e.getMessage(), e);
        }
    }

    /** Appends {@code event} at simulated instant {@code at} (nothing once the site closed its record). */
    public synchronized void event(Instant at, String event) {
        if (closed) {
            return;
        }
        byte[] line = (life + " " + at + " " + event + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                log.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("hal-sim: cannot append to the site record " + dir.resolve(LOG) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void opened(String part, Instant at) {
        event(at, "opened " + part);
    }

    @Override
    public void driven(int pin, String part, boolean high, Instant at) {
        event(at, "out " + pin + " " + (high ? "high" : "low") + " " + part);
    }

    /** The counter {@code name}, continuing from its value in the record. */
    public Counter counter(String name) {
        try (FileChannel ch = FileChannel.open(dir.resolve(name + ".count"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new Counter(ch.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES)); // the mapping outlives the channel
        } catch (IOException e) {
            throw new UncheckedIOException("hal-sim: cannot map the counter " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            log.close();
        } catch (IOException e) {
            // nothing was buffered: every line is already written
        }
    }

    /** Every line of the event log in {@code dir}, oldest first (an empty list if there is none yet). */
    public static List<Line> read(Path dir) {
        Path file = dir.resolve(LOG);
        List<Line> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = l.split(" ", 3);
                if (f.length == 3) { // a line a killed process left half-written is not an event
                    out.add(new Line(Long.parseLong(f[0]), Instant.parse(f[1]), f[2]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counter {@code name} in the record in {@code dir} (0 if it was never counted). */
    public static long count(Path dir, String name) {
        Path file = dir.resolve(name + ".count");
        try {
            if (!Files.exists(file) || Files.size(file) < Long.BYTES) {
                return 0;
            }
            return ByteBuffer.wrap(Files.readAllBytes(file)).getLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
