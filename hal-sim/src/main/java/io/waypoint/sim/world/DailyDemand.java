package io.waypoint.sim.world;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When people come for water over a day (UTC), and the draws at the one tap they make: a pure
 * function of the day, the seed and the filter, so any day can be built on demand, in any order,
 * and always comes out the same.
 *
 * <p>People arrive at random with a rate that follows the day (few at night; a morning peak, a
 * midday lull, a late-afternoon peak). Each fills one container at the tap, which runs at what the
 * filter lets through times how far they open it; the next person waits for the tap, and someone who
 * would wait longer than {@link #MAX_WAIT_MS} gives up. A day holds only draws that end before its
 * midnight, so days never overlap.
 */
final class DailyDemand {
    static final long DAY_MS = 86_400_000L;
    /** Someone who would queue longer than this leaves. */
    static final long MAX_WAIT_MS = 45 * 60_000L;
    private static final int MINUTES = 1440;
    /** Cumulative share of the day's arrivals up to the end of each minute of the day. */
    private static final double[] CUMULATIVE = cumulativeShape();

    /** The tap's flow through the filter as it is at an instant (epoch ms), L/min, fully open. */
    interface Tap {
        double achievableLpm(long epochMs);
    }

    /** One day's draws, in time order: the tap runs {@code lpm[i]} from {@code start[i]} to {@code end[i]}. */
    record Day(long[] start, long[] end, double[] lpm) {
        /** Flow at an instant of this day, L/min: the draw under way, or 0. */
        double flowAt(long epochMs) {
            int i = Arrays.binarySearch(start, epochMs);
            if (i < 0) {
                i = -i - 2;
            }
            return i >= 0 && epochMs < end[i] ? lpm[i] : 0;
        }

        /** Litres drawn over the whole day. */
        double litres() {
            double l = 0;
            for (int i = 0; i < start.length; i++) {
                l += lpm[i] * (end[i] - start[i]) / 60_000.0;
            }
            return l;
        }
    }

    private DailyDemand() {
    }

    /**
     * The draws of the day that starts at midnight {@code dayIndex} days after the epoch (UTC).
     *
     * @param meanArrivals how many people come on an average day
     * @param containerL   litres each draw fills
     */
    static Day day(long dayIndex, long seed, double meanArrivals, double containerL, Tap tap) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, Seeds.DEMAND, dayIndex));
        long midnight = dayIndex * DAY_MS;
        int n = (int) Math.max(0, Math.round(meanArrivals + Math.sqrt(meanArrivals) * rng.nextGaussian()));
        long[] arrivals = new long[n];
        for (int i = 0; i < n; i++) {
            arrivals[i] = midnight + arrivalOffsetMs(rng.nextDouble(), rng.nextDouble());
        }
        Arrays.sort(arrivals);
        long[] start = new long[n];
        long[] end = new long[n];
        double[] lpm = new double[n];
        int k = 0;
        long tapFree = midnight;
        for (long arrival : arrivals) {
            // drawn for every arrival, whether or not it ends in a draw, so one change does not reshuffle the rest
            double opened = 1 - 0.12 * Math.pow(rng.nextDouble(), 2);
            long changeover = 15_000 + (long) (rng.nextDouble() * 25_000);
            long begin = Math.max(arrival, tapFree);
            if (begin - arrival > MAX_WAIT_MS) {
                continue;
            }
            double flow = tap.achievableLpm(begin) * opened;
            long finish = begin + Math.round(containerL / flow * 60_000);
            if (finish >= midnight + DAY_MS) {
                continue;
            }
            start[k] = begin;
            end[k] = finish;
            lpm[k] = flow;
            k++;
            tapFree = finish + changeover;
        }
        return new Day(Arrays.copyOf(start, k), Arrays.copyOf(end, k), Arrays.copyOf(lpm, k));
    }

    /** Relative arrival rate at an hour of the day (0..24): the shape of a day at a well. */
    static double rate(double hour) {
        return 0.02
                + 1.00 * bell(hour, 7.5, 1.4)
                + 0.45 * bell(hour, 12.5, 1.8)
                + 0.85 * bell(hour, 17.0, 1.5);
    }

    private static double bell(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z);
    }

    /** Inverse of the day's cumulative arrival shape: a uniform draw to an offset from midnight. */
    private static long arrivalOffsetMs(double u, double withinMinute) {
        int i = Arrays.binarySearch(CUMULATIVE, u);
        int minute = Math.min(MINUTES - 1, i < 0 ? -i - 1 : i);
        return Math.round((minute + withinMinute) * 60_000);
    }

    private static double[] cumulativeShape() {
        double[] c = new double[MINUTES];
        double sum = 0;
        for (int m = 0; m < MINUTES; m++) {
            sum += rate((m + 0.5) / 60.0);
            c[m] = sum;
        }
        for (int m = 0; m < MINUTES; m++) {
            c[m] /= sum;
        }
        return c;
    }
}
