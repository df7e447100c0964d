package io.waypoint.time;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that is always UTC: time on the wire is UTC, a zone only matters for display, done elsewhere. */
abstract class UtcClock extends Clock {
    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        return this;
    }
}
