package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer to a dialled number: place the call (the controller still holds the number it was
 * given and passes it to the modem) or not, and why. Never holds the number.
 */
public sealed interface DialDecision {

    /**
     * Place the call now.
     *
     * @param emergency true for an emergency number: no limit, and it does not use the turn
     * @param limit     how long it may last once answered; empty for an emergency call
     */
    record Place(boolean emergency, Optional<Duration> limit) implements DialDecision {
    }

    /** Do not place it. */
    record Refused(Reason reason) implements DialDecision {
    }

    /** Why a number was not placed. */
    enum Reason {
        /** Not digits and one leading +: {@code *}, {@code #}, letters. */
        NOT_DIGITS,
        TOO_SHORT,
        TOO_LONG,
        /** Calls are unavailable or shed: only emergency numbers go through. */
        EMERGENCY_ONLY,
        /** No turn was started (press the call button first). */
        NO_TURN,
        /** A call is ringing or connected: one handset, one call. */
        CALL_IN_PROGRESS
    }
}
