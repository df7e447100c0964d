package io.waypoint.sim.world.kiosk;

import java.time.Instant;
import java.util.Objects;

/**
 * Something plugged into a charging port from {@code from} until its owner unplugs it at
 * {@code until}, whatever the kiosk does meanwhile (it may switch the port off; the phone stays).
 *
 * @param port the port, 1.. as labelled on the kiosk
 */
public record PortStay(int port, PortLoad load, Instant from, Instant until) {
    public PortStay {
        Objects.requireNonNull(load, "load");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("a stay ends after it starts: " + from + " .. " + until);
        }
    }

    /** Whether it is plugged in at {@code t}: from {@code from} (included) to {@code until} (excluded). */
    public boolean covers(Instant t) {
        return !t.isBefore(from) && t.isBefore(until);
    }
}
