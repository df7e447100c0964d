package io.waypoint.time;

import java.time.Instant;

/** A clock that starts at a chosen instant and runs {@code speed} times faster than real time. */
final class ScaledClock extends UtcClock {
    private final Instant start;
    private final double speed;
    private final long startNanos;

    ScaledClock(Instant start, double speed) {
        this(start, speed, System.nanoTime());
    }

    ScaledClock(Instant start, double speed, long startNanos) {
        this.start = start;
        this.speed = speed;
        this.startNanos = startNanos;
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - startNanos;
        return start.plusNanos((long) (elapsed * speed));
    }
}
