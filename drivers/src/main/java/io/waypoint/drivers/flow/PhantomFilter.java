package io.waypoint.drivers.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells water from electrical noise: a pulse counts as flow only if at least {@code minPulses}
 * pulses fall within {@code window} of each other, or while flow is already running (a pulse
 * within {@code window} of the last accepted one). Isolated pulses on an idle line (a pump
 * switching, a long cable picking up mains) are held, and dropped once they are older than the
 * window. The cost: a flow slower than {@code minPulses} per window is not counted (3 per 2 s, the
 * default, is 0.4 L/min on a 450 p/L meter). Pure; not thread-safe.
 */
final class PhantomFilter {
    private final int minPulses;
    private final Duration window;
    private final Deque<Instant> held = new ArrayDeque<>();
    private Instant lastAccepted;
    private long rejected;

    PhantomFilter(int minPulses, Duration window) {
        if (minPulses < 1) {
            throw new IllegalArgumentException("phantom filter needs at least 1 pulse, was " + minPulses);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("phantom filter window must be positive, was " + window);
        }
        this.minPulses = minPulses;
        this.window = window;
    }

    /** A pulse at {@code t}: returns how many pulses become flow now (0 while it is held). */
    int pulse(Instant t) {
        if (lastAccepted != null && !t.isAfter(lastAccepted.plus(window))) {
            lastAccepted = t;
            return 1;
        }
        expire(t);
        held.addLast(t);
        if (held.size() < minPulses) {
            return 0;
        }
        int n = held.size();
        held.clear();
        lastAccepted = t;
        return n;
    }

    /** Drops held pulses older than the window at {@code now}. */
    void expire(Instant now) {
        Instant oldest = now.minus(window);
        while (!held.isEmpty() && held.peekFirst().isBefore(oldest)) {
            held.removeFirst();
            rejected++;
        }
    }

    /** Pulses dropped as noise so far. */
    long rejected() {
        return rejected;
    }
}
