package io.waypoint.sim.serial.modem;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to a call a {@link SimulatedModem} places, once it is dialled: who answers and how the
 * call ends. Times count from the ATD, in line (wall) time. The call rings from
 * {@link ModemBehaviour#alertAfter()} until its outcome if that comes later.
 */
public sealed interface FarEnd {

    /**
     * Answered after {@code after}; the far end hangs up {@code hangsUpAfter} later ({@code NO CARRIER}),
     * or never (null): then the call lasts until the driver hangs up.
     */
    record Answers(Duration after, Duration hangsUpAfter) implements FarEnd {
        public Answers {
            nonNegative(after, "after");
            if (hangsUpAfter != null) {
                nonNegative(hangsUpAfter, "hangsUpAfter");
            }
        }
    }

    /** {@code BUSY} after {@code after}. */
    record Busy(Duration after) implements FarEnd {
        public Busy {
            nonNegative(after, "after");
        }
    }

    /** Rings, then {@code NO ANSWER} after {@code after}. */
    record NoAnswer(Duration after) implements FarEnd {
        public NoAnswer {
            nonNegative(after, "after");
        }
    }

    /** The network drops the call before it is answered: {@code NO CARRIER} after {@code after}. */
    record Drops(Duration after) implements FarEnd {
        public Drops {
            nonNegative(after, "after");
        }
    }

    /** {@code answered} with probability {@code p}, otherwise {@code otherwise}; drawn at each ATD. */
    record Chance(double p, FarEnd answered, FarEnd otherwise) implements FarEnd {
        public Chance {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be 0 to 1, was " + p);
            }
            Objects.requireNonNull(answered, "answered");
            Objects.requireNonNull(otherwise, "otherwise");
        }
    }

    /** Answered after {@code after}; the far end stays until the driver hangs up. */
    static FarEnd answersAfter(Duration after) {
        return new Answers(after, null);
    }

    /** Answered after {@code after}, and the far end hangs up after {@code talk}. */
    static FarEnd answersAndHangsUp(Duration after, Duration talk) {
        return new Answers(after, Objects.requireNonNull(talk, "talk"));
    }

    private static void nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
