package io.waypoint.drivers.opennds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Simulated time that moves only when a test moves it; the access point and the adapter share it. */
final class WorldClock extends Clock {
    private final AtomicReference<Instant> now;

    WorldClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    void pass(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
