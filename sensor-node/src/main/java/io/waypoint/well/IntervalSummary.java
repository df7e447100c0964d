package io.waypoint.well;

import io.waypoint.wire.WellTelemetry.Summary;

/** Min, mean and max of the samples of one telemetry interval. Pure; not thread-safe. */
final class IntervalSummary {
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;
    private long n;

    void add(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a sample must be a finite number, was " + v);
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        n++;
    }

    long count() {
        return n;
    }

    /** The summary so far, or null when there were no samples; then starts a new interval. */
    Summary takeSummary() {
        Summary s = n == 0 ? null : new Summary(min, sum / n, max, n);
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        sum = 0;
        n = 0;
        return s;
    }
}
