package io.waypoint.bench.node;

import io.waypoint.bench.CpuTicks;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** CPU ticks over a window of wall time as a share of one core. */
final class CpuShare {
    private CpuShare() {}

    /**
     * {@code ticks} used over {@code window}, in percent of one core.
     *
     * @param ticksPerSecond the kernel's clock ticks per second (CLK_TCK)
     */
    static double percentOfOneCore(long ticks, long ticksPerSecond, Duration window) {
        if (window.isZero() || window.isNegative() || ticksPerSecond <= 0) {
            throw new IllegalArgumentException("a CPU share needs a positive window and tick rate, was " + window + ", "
                    + ticksPerSecond + " ticks/s");
        }
        return 100.0 * ticks / ticksPerSecond / (window.toNanos() / 1e9);
    }

    /**
     * The ticks threads used between two readings keyed by thread id, counting only threads whose
     * name {@code counted} accepts. A thread that ended between the readings is missing from the later one
     * and its ticks in the window cannot be known; a thread born in the window counts from zero.
     */
    static long ticksBetween(Map<Long, CpuTicks> before, Map<Long, CpuTicks> after, java.util.function.Predicate<String> counted) {
        long sum = 0;
        for (Map.Entry<Long, CpuTicks> e : after.entrySet()) {
            if (!counted.test(e.getValue().name())) {
                continue;
            }
            CpuTicks b = before.get(e.getKey());
            sum += e.getValue().total() - (b == null ? 0 : b.total());
        }
        return sum;
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
