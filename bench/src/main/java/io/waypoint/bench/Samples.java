package io.waypoint.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Measured values (rates of several runs, latencies of many samples) and the order statistics a
 * figure reports. Percentiles are nearest-rank: the value at rank ceil(p/100 x n), so p99 of 200
 * latencies is the second-largest, a value that was really measured, never an interpolation.
 */
public final class Samples {
    private final double[] sorted;

    private Samples(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples: a figure needs at least one measurement");
        }
        sorted = values.clone();
        Arrays.sort(sorted);
    }

    public static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Samples of(double... values) {
        return new Samples(values);
    }

    public int count() {
        return sorted.length;
    }

    /** The middle value; for an even count the mean of the two middle ones. */
    public double median() {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]. */
    public double percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }
}
