package io.waypoint.sim.world;

/**
 * Independent random streams derived from a scenario's one seed: each part of the world (demand of
 * a day, turbidity's wander at a moment) draws from its own stream and index, so asking for one day
 * or moment never depends on what was asked before. SplitMix64's finaliser spreads nearby inputs.
 */
final class Seeds {
    static final long DEMAND = 0x44454d414e44L;
    static final long WANDER = 0x57414e444552L;

    private Seeds() {
    }

    /** A seed for stream {@code stream}, element {@code index}. */
    static long derive(long seed, long stream, long index) {
        return finalise(finalise(seed ^ finalise(stream)) + index * 0x9E3779B97F4A7C15L);
    }

    /** A number in [-1, 1) for stream {@code stream}, element {@code index}. */
    static double signedUnit(long seed, long stream, long index) {
        return (derive(seed, stream, index) >>> 11) * 0x1.0p-52 - 1;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
