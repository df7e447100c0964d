package io.waypoint.drivers.turbidity;

import java.util.Arrays;

/**
 * The median of a few samples: one sample disturbed by a pump starting or a bubble passing the
 * optics does not move it, where it would move a mean.
 */
public final class Median {
    private Median() {}

    /** The middle value, or the mean of the two middle values of an even count. */
    public static double of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the median of no samples is undefined");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
