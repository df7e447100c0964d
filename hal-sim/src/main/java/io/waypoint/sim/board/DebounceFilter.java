package io.waypoint.sim.board;

import io.waypoint.sim.chip.EdgeSource.EdgeSink;
import java.time.Duration;
import java.time.Instant;

/**
 * The debounce a GPIO input applies, as the Linux kernel's line debounce does it: a new level is
 * reported only once the wire has held it for the whole period, and then at the instant the period
 * ends (so debouncing adds exactly one period of latency). A pulse shorter than the period, or a
 * burst of bounces, changes nothing; reported levels always alternate. A zero period reports every
 * change at once.
 *
 * <p>Pure and single-threaded: feed it the raw edges in order with {@link #edge}, and call
 * {@link #flush} with the current time to release levels that have become stable since.
 */
public final class DebounceFilter {
    private final long periodNanos;
    private boolean reported;
    private boolean raw;
    private Instant rawSince;

    /** A filter of {@code period} on a wire that starts at {@code initialHigh}. */
    public DebounceFilter(Duration period, boolean initialHigh) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("debounce period must be >= 0, was " + period);
        }
        this.periodNanos = period.toNanos();
        this.reported = initialHigh;
        this.raw = initialHigh;
    }

    /** The wire changed to {@code high} at {@code at}. */
    public void edge(Instant at, boolean high, EdgeSink out) {
        if (high == raw) {
            return;
        }
        flush(at, out);
        raw = high;
        rawSince = at;
        if (periodNanos == 0) {
            flush(at, out);
        }
    }

    /** Reports the current level if it has now been stable for the period. */
    public void flush(Instant now, EdgeSink out) {
        if (raw == reported || rawSince == null) {
            return;
        }
        Instant stableAt = rawSince.plusNanos(periodNanos);
        if (!now.isBefore(stableAt)) {
            reported = raw;
            out.edge(stableAt, raw);
        }
    }

    /** The level last reported. */
    public boolean reportedHigh() {
        return reported;
    }
}
