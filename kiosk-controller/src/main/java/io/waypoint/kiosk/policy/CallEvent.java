package io.waypoint.kiosk.policy;

import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;

/**
 * What the free phone's policy decided or saw. {@link HangUp} and {@link Warning} ask the controller
 * to act; {@link CallEnded} goes to telemetry. None carries who called or what number.
 */
public sealed interface CallEvent {

    /** When it happened (for a limit reached between ticks, the moment of the limit). */
    Instant at();

    /** A turn began: the person may dial. */
    record TurnStarted(Instant at, boolean emergencyOnly) implements CallEvent {
    }

    /** Tell the person (screen, voice) that the call ends in {@code left}. */
    record Warning(Instant at, Duration left) implements CallEvent {
    }

    /** Hang the modem up now ({@code ATH}): the limit is reached, it rang too long, or the person ended it. */
    record HangUp(Instant at) implements CallEvent {
    }

    /**
     * A placed call ended.
     *
     * @param talked how long it was connected (zero if it never was)
     */
    record CallEnded(Instant at, Duration talked, CallResult result) implements CallEvent {

        /** {@code {"type":"call_ended","seconds":180,"result":"answered"}}. */
        public EventBody toEventBody() {
            return EventBody.callEnded(talked.toSeconds(), result.wireName());
        }
    }

    /** The turn is over: the handset is free for the next person. Forget whatever was typed. */
    record TurnEnded(Instant at, Reason reason) implements CallEvent {
    }

    /** Why a turn ended. */
    enum Reason {
        /** An ordinary call was answered and has ended. */
        CALL_MADE,
        /** Every attempt of the turn failed. */
        ATTEMPTS_USED,
        /** Nothing was dialled in time. */
        TIMED_OUT,
        /** The person hung up before calling. */
        CANCELLED
    }
}
