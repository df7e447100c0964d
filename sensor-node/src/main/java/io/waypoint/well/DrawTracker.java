package io.waypoint.well;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the last complete draw (the tap opened, water ran, the tap closed) from the flow
 * meter's pulse count sampled every few seconds: what a bucket test measures. The technician fills
 * a marked bucket in one draw, closes the tap and types {@code calibrate flow <litres>}; the pulses
 * of that draw give the unit's own K-factor. Pure.
 */
final class DrawTracker {
    /** One draw: pulses counted and how long water ran (to the sampling interval). */
    record Draw(long pulses, Duration duration, Instant ended) {}

    private long idlePulses = -1;
    private Instant idleAt;
    private boolean flowing;
    private Draw last;

    /** A sample: the meter's cumulative pulse count and whether water is flowing now. */
    void sample(Instant t, long pulses, boolean flowingNow) {
        if (!flowingNow) {
            if (flowing && idlePulses >= 0 && pulses > idlePulses) {
                last = new Draw(pulses - idlePulses, Duration.between(idleAt, t), t);
            }
            flowing = false;
            idlePulses = pulses;
            idleAt = t;
        } else {
            flowing = true;
        }
    }

    /** The last complete draw, if there was one since the node started. */
    Optional<Draw> lastDraw() {
        return Optional.ofNullable(last);
    }

    boolean flowing() {
        return flowing;
    }
}
