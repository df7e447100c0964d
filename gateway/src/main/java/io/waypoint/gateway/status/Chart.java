package io.waypoint.gateway.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line chart of the page: a metric of each node over a window, reduced to at most
 * {@link #MAX_POINTS} points a node, broken where readings are missing, on a scale from 0 to a
 * round {@code yMax}. Pure: the renderer only maps it to pixels.
 *
 * @param unit   what the values are in, e.g. {@code NTU}
 * @param yMax   the top of the scale: a round number (1, 2 or 5 times a power of ten) at or above every value
 *               and at or above the floor the chart was made with, so a limit line is always in view
 * @param limits values drawn as dashed lines (e.g. 1 and 5 NTU)
 */
record Chart(String unit, Instant from, Instant to, double yMax, List<Series> series, List<Double> limits) {
    /** Points a node at most: 288 is one per 5 minutes of a day, finer than a phone's width shows. */
    static final int MAX_POINTS = 288;

    /** One node's line, as runs of points without a gap. */
    record Series(String node, List<List<Point>> runs) {
        int points() {
            return runs.stream().mapToInt(List::size).sum();
        }
    }

    record Point(Instant t, double v) {}

    /** How the readings that fall into one point's time are made one. */
    enum Reduce {
        /** The highest: a short spike of turbidity is never averaged away. */
        MAX,
        /** The mean. */
        MEAN
    }

    boolean isEmpty() {
        return series.stream().allMatch(s -> s.runs().isEmpty());
    }

    /**
     * @param readings each node's readings, in any order; those outside [{@code from}, {@code to}] are left out
     * @param floor    the least {@code yMax}
     * @param gap      readings further apart than this are not joined by a line
     */
    static Chart of(String unit, Instant from, Instant to, Map<String, List<Point>> readings, double floor, List<Double> limits,
                    Duration gap, Reduce reduce) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long bucketMs = Math.max(1, (span + MAX_POINTS - 1) / MAX_POINTS);
        double top = floor;
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Point>> e : new TreeMap<>(readings).entrySet()) {
            // bucket -> {time of its last reading, reduced value, count}
            TreeMap<Long, double[]> buckets = new TreeMap<>();
            for (Point p : e.getValue()) {
                if (p.t().isBefore(from) || p.t().isAfter(to) || !Double.isFinite(p.v())) {
                    continue;
                }
                long b = Math.min(MAX_POINTS - 1, (p.t().toEpochMilli() - from.toEpochMilli()) / bucketMs);
                double[] acc = buckets.get(b);
                if (acc == null) {
                    buckets.put(b, new double[] {p.t().toEpochMilli(), p.v(), 1});
                } else {
                    acc[0] = Math.max(acc[0], p.t().toEpochMilli());
                    acc[1] = reduce == Reduce.MAX ? Math.max(acc[1], p.v()) : acc[1] + p.v();
                    acc[2]++;
                }
            }
            List<List<Point>> runs = new ArrayList<>();
            List<Point> run = new ArrayList<>();
            Instant last = null;
            for (double[] acc : buckets.values()) {
                double v = reduce == Reduce.MAX ? acc[1] : acc[1] / acc[2];
                Instant t = Instant.ofEpochMilli((long) acc[0]);
                // a gap is judged between the points drawn, which are at most one bucket further apart than the readings
                if (last != null && Duration.between(last, t).compareTo(gap.plusMillis(bucketMs)) > 0) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
                run.add(new Point(t, v));
                top = Math.max(top, v);
                last = t;
            }
            if (!run.isEmpty()) {
                runs.add(run);
            }
            series.add(new Series(e.getKey(), List.copyOf(runs)));
        }
        return new Chart(unit, from, to, roundUp(top), List.copyOf(series), List.copyOf(limits));
    }

    /** The least of 1, 2 or 5 times a power of ten at or above {@code v} (positive). */
    static double roundUp(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            double candidate = m * power;
            if (candidate >= v * (1 - 1e-12)) {
                return candidate;
            }
        }
        return 10 * power;
    }
}
