package io.waypoint.kiosk.policy;

import java.time.Instant;
import java.util.Optional;

/** Where the free phone is: nobody's turn, a turn waiting for a number, a call ringing, or a call connected. */
public sealed interface CallState {

    /** Nobody's turn: the call button starts one. */
    record Idle() implements CallState {
    }

    /**
     * A turn waits for a number.
     *
     * @param expiresAt     when the turn ends if nothing is dialled
     * @param attemptsLeft  ordinary calls this turn may still place
     * @param emergencyOnly true while the service is unavailable or shed: only emergency numbers go through
     * @param lastAttempt   how the turn's last attempt ended, if one did (to say "busy, try again")
     */
    record AwaitingNumber(Instant expiresAt, int attemptsLeft, boolean emergencyOnly,
                          Optional<CallResult> lastAttempt) implements CallState {
    }

    /**
     * A call is placed and not yet answered.
     *
     * @param since when it was placed
     */
    record Placing(Instant since, boolean emergency) implements CallState {
    }

    /**
     * A call is connected.
     *
     * @param since  when it was answered
     * @param endsAt when the kiosk hangs up; empty for an emergency call, which has no limit
     */
    record Connected(Instant since, boolean emergency, Optional<Instant> endsAt) implements CallState {
    }
}
