package io.waypoint.fuzz;

import java.util.function.Supplier;

/**
 * A parser gave a result it promises never to give (a reply outside the bytes it came from, an
 * encoded message its own validator refuses): a bug as real as an exception, counted as a crash.
 */
public final class InvariantViolation extends RuntimeException {
    public InvariantViolation(String message) {
        super(message);
    }

    /** Throws unless {@code holds}. */
    public static void check(boolean holds, String what) {
        if (!holds) {
            throw new InvariantViolation(what);
        }
    }

    /** Throws unless {@code holds}; the message is made only then (checks run for every input). */
    public static void check(boolean holds, Supplier<String> what) {
        if (!holds) {
            throw new InvariantViolation(what.get());
        }
    }
}
