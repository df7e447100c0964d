package io.waypoint.fuzz;

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
}
