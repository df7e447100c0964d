package io.waypoint.sim.world.kiosk;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from a scenario's one seed, as the well's world derives its
 * own: each part of the kiosk's world (a day's visitors, a call's outcome, the signal's wander at a
 * moment) draws from its own stream and index, so asking for one day or moment never depends on
 * what was asked before. {@link SplittableRandom}'s output mixing spreads nearby inputs.
 */
final class RandomStreams {
    static final long VISITS = 0x5649534954L;
    static final long OUTCOMES = 0x4f5554434fL;
    static final long SIGNAL = 0x5349474e4cL;
    static final long CLOUDS = 0x434c4f5544L;

    private RandomStreams() {
    }

    /** A generator for stream {@code stream}, element {@code index}. */
    static SplittableRandom of(long seed, long stream, long index) {
        long mixed = new SplittableRandom(seed ^ new SplittableRandom(stream).nextLong()).nextLong();
        return new SplittableRandom(new SplittableRandom(mixed + index * 0x9E3779B97F4A7C15L).nextLong());
    }

    /** A number in [0, 1) for stream {@code stream}, element {@code index}. */
    static double unit(long seed, long stream, long index) {
        return of(seed, stream, index).nextDouble();
    }
}
