package io.waypoint.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One parser that reads bytes from outside, wrapped so the fuzzer can feed it: the valid inputs it
 * starts from, how to write a plausible input of its format, and how to run one input.
 *
 * <p>{@link #run} returns what the parser made of the input; a documented rejection (the parser's
 * own exception or result for bad input) is an {@link Outcome.Rejected}. Anything it throws is a
 * crash, including an {@link InvariantViolation} for a result the parser promises never to give.
 * Each run starts from fresh parser state, so an input alone reproduces what it did.
 */
public interface FuzzTarget {

    /** The name on the command line: {@code --target NAME}. */
    String name();

    /** What is fuzzed, for the report. */
    String describe();

    /** Inputs are cut to this many bytes: what the real input path can deliver, and a bit more. */
    int maxInputBytes();

    /**
     * Most inputs are cut to this many bytes and only a few to {@link #maxInputBytes()}: long inputs
     * cost time, and most paths are reached by short ones.
     */
    default int typicalInputBytes() {
        return Math.min(maxInputBytes(), 4096);
    }

    /** Valid inputs of the format, each worth mutating. */
    List<byte[]> seeds();

    /** A new input written from the format's grammar, often valid, often wrong in one place. */
    byte[] generate(SplittableRandom random);

    /** Words of the format the mutator inserts: labels, keys, prefixes. */
    List<byte[]> dictionary();

    /** Runs the parser on one input. */
    Outcome run(byte[] input) throws Exception;

    /**
     * A random source fixed by the input's bytes, for targets that choose how to deliver an input
     * (in which pieces, with which pauses): the same input is always delivered the same way.
     */
    static SplittableRandom deliveryRandom(byte[] input) {
        long h = 0x9E3779B97F4A7C15L ^ input.length;
        for (byte b : input) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return new SplittableRandom(h);
    }
}
