package io.waypoint.drivers.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Pulses per second over a sliding window of clock time, from per-second buckets: the rate counts
 * the last {@code window} whole seconds before the current one, so it lags by up to a second and
 * needs no timer. Pure; not thread-safe.
 */
final class RateWindow {
    private final int seconds;
    private final long[] bucketSecond;
    private final long[] bucketPulses;

    RateWindow(Duration window) {
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("rate window must be at least 1 s, was " + window);
        }
        this.seconds = (int) window.toSeconds();
        this.bucketSecond = new long[seconds + 1];
        this.bucketPulses = new long[seconds + 1];
        Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    void add(Instant t, long pulses) {
        long s = t.getEpochSecond();
        int i = (int) Math.floorMod(s, (long) bucketSecond.length);
        if (bucketSecond[i] != s) {
            bucketSecond[i] = s;
            bucketPulses[i] = 0;
        }
        bucketPulses[i] += pulses;
    }

    /** Average pulses per second over the window's whole seconds before {@code now}. */
    double hertz(Instant now) {
        long current = now.getEpochSecond();
        long total = 0;
        for (int i = 0; i < bucketSecond.length; i++) {
            long s = bucketSecond[i];
            if (s < current && s >= current - seconds) {
                total += bucketPulses[i];
            }
        }
        return (double) total / seconds;
    }
}
