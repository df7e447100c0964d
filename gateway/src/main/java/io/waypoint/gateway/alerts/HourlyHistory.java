package io.waypoint.gateway.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric's readings of one node summed by hour of event time (UTC hours since the epoch), for a
 * {@link Rule.Baseline}: the recent hours, and the same hours of earlier days. Bounded: hours older
 * than what the rule looks at are dropped as new ones come.
 */
final class HourlyHistory {
    private static final long HOUR_S = 3_600;

    /** A sum of readings and how many there were. */
    record Mean(double sum, long count) {
        static final Mean NONE = new Mean(0, 0);

        Mean plus(double s, long n) {
            return new Mean(sum + s, count + n);
        }

        double value() {
            return sum / count;
        }
    }

    /** Hour since the epoch → {sum, count}; ascending. */
    private final TreeMap<Long, double[]> hours = new TreeMap<>();
    /** The event time of the earliest reading ever recorded, or null. */
    private Instant since;

    /** The event time of the earliest reading recorded, or null before any. */
    Instant since() {
        return since;
    }

    /** Adds a reading at {@code t}, and drops hours more than {@code keepHours} before its hour. */
    void add(Instant t, double value, int keepHours) {
        long hour = hour(t);
        if (since == null || t.isBefore(since)) {
            since = t;
        }
        double[] h = hours.computeIfAbsent(hour, k -> new double[2]);
        h[0] += value;
        h[1]++;
        hours.headMap(hour - keepHours, false).clear();
    }

    /** The first hour of the recent window of {@code recentHours} hours ending with the hour of {@code t}. */
    static Instant recentStart(Instant t, int recentHours) {
        return Instant.ofEpochSecond((hour(t) - recentHours + 1) * HOUR_S);
    }

    /** The readings of the {@code recentHours} whole hours ending with the hour of {@code t}. */
    Mean recent(Instant t, int recentHours) {
        return sum(hour(t), recentHours, 0);
    }

    /** The readings of the same hours as {@link #recent} on each of the {@code days} days before. */
    Mean sameHoursBefore(Instant t, int recentHours, int days) {
        Mean m = Mean.NONE;
        for (int d = 1; d <= days; d++) {
            Mean day = sum(hour(t), recentHours, d);
            m = m.plus(day.sum(), day.count());
        }
        return m;
    }

    private Mean sum(long lastHour, int recentHours, int daysBack) {
        long last = lastHour - 24L * daysBack;
        double s = 0;
        long n = 0;
        for (double[] h : hours.subMap(last - recentHours + 1, true, last, true).values()) {
            s += h[0];
            n += (long) h[1];
        }
        return new Mean(s, n);
    }

    /** Every hour kept: hour since the epoch → {sum, count}, for a snapshot. */
    Map<Long, double[]> hours() {
        return hours;
    }

    /** Rebuilds a history from a snapshot. */
    static HourlyHistory of(Instant since, Map<Long, double[]> hours) {
        HourlyHistory h = new HourlyHistory();
        h.since = since;
        hours.forEach((k, v) -> h.hours.put(k, new double[] {v[0], v[1]}));
        return h;
    }

    private static long hour(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), HOUR_S);
    }
}
