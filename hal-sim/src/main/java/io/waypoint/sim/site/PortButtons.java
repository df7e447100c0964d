package io.waypoint.sim.site;

import io.waypoint.sim.chip.kiosk.Pcf8574Chip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The kiosk's port buttons: one push button per port from its pin of a PCF8574 (P0 = port 1 ...) to
 * ground, so a read of the expander, with the pin released high, gives 0 on a pressed button's bit.
 * Presses are scripted for spans of simulated time, and answered for the instant of each read. A
 * press no read fell in is held until the first read after it began, as a person holds a button
 * until the kiosk reacts: at a high simulation speed a kiosk whose poll came late (a pause of its
 * JVM is minutes of simulated time) still sees each press once. Thread-safe.
 */
final class PortButtons implements Pcf8574Chip.Inputs {
    private static final Duration KEPT = Duration.ofMinutes(1);

    private static final class Press {
        final int port;
        final Instant from;
        final Instant until;
        boolean read;

        Press(int port, Instant from, Instant until) {
            this.port = port;
            this.from = from;
            this.until = until;
        }
    }

    /** Told of each press as it is scripted: the port and when the button goes down. */
    interface PressListener {
        void pressed(int port, Instant from);
    }

    private final int ports;
    private final PressListener listener;
    private final List<Press> presses = new ArrayList<>();

    PortButtons(int ports) {
        this(ports, (port, from) -> { });
    }

    PortButtons(int ports, PressListener listener) {
        this.ports = ports;
        this.listener = listener;
    }

    /** Port {@code port}'s button (1..N) is held from {@code from} for {@code held}. */
    synchronized void press(int port, Instant from, Duration held) {
        if (port < 1 || port > ports) {
            throw new IllegalArgumentException("port must be 1 to " + ports + ", was " + port);
        }
        presses.add(new Press(port, from, from.plus(held)));
        listener.pressed(port, from);
    }

    @Override
    public synchronized int heldLow(Instant at) {
        presses.removeIf(p -> p.read && p.until.isBefore(at.minus(KEPT)));
        int low = 0;
        for (Press p : presses) {
            if (!at.isBefore(p.from) && (at.isBefore(p.until) || !p.read)) {
                low |= 1 << (p.port - 1);
                p.read = true;
            }
        }
        return low;
    }
}
