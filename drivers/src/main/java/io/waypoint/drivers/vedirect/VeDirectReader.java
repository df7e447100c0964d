package io.waypoint.drivers.vedirect;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.drivers.serial.SerialLinkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * Listens to a Victron charge controller (SmartSolar/BlueSolar MPPT, BMV) on its VE.Direct port and
 * keeps the latest good reading, stamped with when its last byte arrived.
 *
 * <p>The controller talks on its own, a block about every second, whether or not anyone listens; the
 * reader takes every byte on one background thread, drops blocks with a bad checksum or cut short,
 * and skips hex-protocol frames (see {@link VeDirectReading} for the fields). A block is sent in one
 * burst (about 0.1 s at 19,200 baud), so a pause of {@link #QUIET_GAP} inside a block means the rest
 * of it is lost.
 *
 * <p>Time comes from the link's clock. The link belongs to the caller, who opens it at {@link #BAUD}
 * 8N1 and closes it after the reader. Thread-safe.
 */
public final class VeDirectReader implements AutoCloseable {
    /** The VE.Direct line speed. */
    public static final int BAUD = 19_200;
    /** Silence inside a block after which the block is given up. */
    public static final Duration QUIET_GAP = Duration.ofMillis(500);

    private final SerialLink link;
    private final Clock clock;
    private final Instant started;
    private final VeDirectBlockParser parser = new VeDirectBlockParser();
    private final Thread thread;
    private volatile Latest latest;
    private volatile VeDirectStats stats;
    private volatile SerialLinkException failure;
    private volatile boolean closed;

    /**
     * A reading and when it came.
     *
     * @param receivedAt when its block's checksum byte arrived, on the link's clock
     */
    public record Latest(VeDirectReading reading, Instant receivedAt) {
        public Latest {
            Objects.requireNonNull(reading, "reading");
            Objects.requireNonNull(receivedAt, "receivedAt");
        }

        /** How old the reading is at {@code now} (never negative). */
        public Duration ageAt(Instant now) {
            Duration age = Duration.between(receivedAt, now);
            return age.isNegative() ? Duration.ZERO : age;
        }
    }

    private VeDirectReader(SerialLink link) {
        this.link = Objects.requireNonNull(link, "link");
        this.clock = link.clock();
        this.started = clock.instant();
        this.stats = parser.stats();
        this.thread = new Thread(this::readLoop, "vedirect-rx " + link.port());
        thread.setDaemon(true);
    }

    /** Starts listening on {@code link}, which must be open at {@link #BAUD} 8N1. */
    public static VeDirectReader start(SerialLink link) {
        VeDirectReader reader = new VeDirectReader(link);
        reader.thread.start();
        return reader;
    }

    /** The latest good reading; empty until the first block with a right checksum. */
    public Optional<Latest> latest() {
        return Optional.ofNullable(latest);
    }

    /** How old the latest reading is now, on the link's clock; empty if there is none. */
    public Optional<Duration> age() {
        Latest l = latest;
        return l == null ? Optional.empty() : Optional.of(l.ageAt(clock.instant()));
    }

    /** What came over the line so far. */
    public VeDirectStats stats() {
        return stats;
    }

    /** The port listened to. */
    public String port() {
        return link.port();
    }

    /**
     * What is wrong, in one line for a technician, if the reader has had no good reading for
     * {@code staleAfter} (or since it started, that long ago) or its port failed; empty while all is well.
     */
    public Optional<String> problem(Duration staleAfter) {
        Instant now = clock.instant();
        SerialLinkException f = failure;
        if (f != null && !closed) {
            return Optional.of("VE.Direct charge controller: " + f.getMessage());
        }
        Latest l = latest;
        if (l != null && l.ageAt(now).compareTo(staleAfter) < 0) {
            return Optional.empty();
        }
        if (l == null && Duration.between(started, now).compareTo(staleAfter) < 0) {
            return Optional.empty();
        }
        VeDirectStats s = stats;
        String since = l == null ? "since listening started " + seconds(Duration.between(started, now)) + " ago"
                : "for " + seconds(l.ageAt(now)) + " (last good block)";
        if (s.bytes() == 0) {
            return Optional.of("VE.Direct charge controller on " + link.port() + ": nothing received " + since
                    + ": check the VE.Direct cable (controller TX to adapter RX, and GND), that the controller "
                    + "has battery power, and that its VE.Direct port is not set to another function");
        }
        if (s.blocks() == 0 || l == null) {
            return Optional.of("VE.Direct charge controller on " + link.port() + ": " + s.bytes()
                    + " bytes but no good block " + since + " (" + s + "): check that the port runs at " + BAUD
                    + " baud 8N1 and that the cable is a VE.Direct cable, away from inverter and mains wiring");
        }
        return Optional.of("VE.Direct charge controller on " + link.port() + ": no good block " + since + " (" + s
                + "): check the VE.Direct cable and the controller's power");
    }

    /** Stops listening; the link stays open. Harmless if repeated. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        Instant lastPiece = null;
        try {
            while (!closed) {
                Optional<SerialLink.Received> received = link.receive(QUIET_GAP);
                if (received.isEmpty()) {
                    if (parser.inBlock()) {
                        parser.lineWentQuiet();
                        stats = parser.stats();
                    }
                    continue;
                }
                SerialLink.Received piece = received.get();
                if (lastPiece != null && parser.inBlock()
                        && Duration.between(lastPiece, piece.at()).compareTo(QUIET_GAP) >= 0) {
                    parser.lineWentQuiet();
                }
                lastPiece = piece.at();
                for (VeDirectReading r : parser.feed(piece.bytes())) {
                    latest = new Latest(r, piece.at());
                }
                stats = parser.stats();
            }
        } catch (SerialLinkException e) {
            if (!closed) {
                failure = e;
                Logger.warn("VE.Direct charge controller: {}", e.getMessage());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    @Override
    public String toString() {
        return "VE.Direct reader on " + link.port();
    }
}
