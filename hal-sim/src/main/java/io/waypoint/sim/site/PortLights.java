package io.waypoint.sim.site;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The kiosk's port lights: one LED per port on a PCF8574 (P0 = port 1 ... P7 = port 8), each wired
 * from 3.3 V through its resistor into its pin, so a pin written 0 lights its LED (the chip sinks
 * 25 mA but sources only its weak pull-up) and all are dark at power-on. It keeps what each light
 * showed and when, for tests, and tells a simulated person whether a port looks free.
 *
 * <p>Changes are dated by the clock at the write (not by the chip's bus time, which runs ahead
 * of the clock over a long run). The last hour of changes is kept: blinking lights change a few times a
 * second, and a day of them (10 MB) would outweigh the kiosk software the simulator runs in. Thread-safe.
 */
public final class PortLights {
    /** How long a light must have been on, unchanged, for a person to take its port as free. */
    public static final Duration STEADY = Duration.ofSeconds(2);
    private static final Duration KEPT = Duration.ofHours(1);

    /** The light turned on ({@code lit}) or off at {@code at}. */
    public record Change(Instant at, boolean lit) {}

    private final Clock clock;
    private final int ports;
    private final List<Deque<Change>> changes = new ArrayList<>();
    private boolean written;

    PortLights(Clock clock, int ports) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ports = ports;
        for (int p = 0; p <= ports; p++) {
            changes.add(new ArrayDeque<>());
        }
    }

    /** Every change of port {@code port}'s light (1..N) in the last hour, oldest first; dark before the first. */
    public synchronized List<Change> history(int port) {
        return List.copyOf(of(port));
    }

    /** Whether port {@code port}'s light is on now. */
    public synchronized boolean lit(int port) {
        Change last = of(port).peekLast();
        return last != null && last.lit();
    }

    /**
     * Whether a person at {@code t} takes port {@code port} as free: its light has been on and
     * unchanged for {@link #STEADY} (a dark or blinking light is a port in use, finished, out of order
     * or switched off). A kiosk that has never written its lights has none: every port looks free.
     */
    synchronized boolean looksFree(int port, Instant t) {
        if (!written) {
            return true;
        }
        Change last = of(port).peekLast();
        return last != null && last.lit() && !last.at().isAfter(t.minus(STEADY));
    }

    /** The kiosk wrote {@code pins} to the expander. */
    synchronized void written(int pins) {
        written = true;
        Instant now = clock.instant();
        for (int port = 1; port <= ports; port++) {
            boolean lit = (pins & (1 << (port - 1))) == 0;
            Deque<Change> c = changes.get(port);
            boolean wasLit = c.peekLast() != null && c.peekLast().lit();
            if (lit != wasLit) {
                c.addLast(new Change(now, lit));
                Instant horizon = now.minus(KEPT);
                while (c.size() > 1 && c.peekFirst().at().isBefore(horizon)) {
                    c.removeFirst();
                }
            }
        }
    }

    private Deque<Change> of(int port) {
        if (port < 1 || port > ports) {
            throw new IllegalArgumentException("port must be 1 to " + ports + ", was " + port);
        }
        return changes.get(port);
    }
}
