package io.waypoint.drivers.modem;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to the call in progress. A call attempt gives {@link Dialling}, then possibly
 * {@link Alerting} and {@link Answered}, or {@link Refused}, and always exactly one {@link Ended}. No event says where the
 * call went: a call is a duration and a result, nothing more.
 */
public sealed interface CallEvent {

    /** The modem was asked to place the call. */
    record Dialling(Instant at) implements CallEvent {
        public Dialling {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The far end is ringing. */
    record Alerting(Instant at) implements CallEvent {
        public Alerting {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The far end answered; talking time counts from {@code at}, which is when the modem said so
     * (within one {@link ModemSettings#callPoll()} of the answer).
     */
    record Answered(Instant at) implements CallEvent {
        public Answered {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The operator refused the call ({@code +CME ERROR: 257} to ATD, or its message and then the end
     * before an answer): as far as the modem can tell, the SIM has no credit, and the status says
     * {@link ModemFault#NO_CREDIT}. An {@link Ended} with {@link CallResult#FAILED} follows at once.
     */
    record Refused(Instant at) implements CallEvent {
        public Refused {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The attempt is over and the modem is free for the next one.
     *
     * @param talked zero unless the call was answered
     */
    record Ended(CallResult result, Duration talked, Instant at) implements CallEvent {
        public Ended {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(talked, "talked");
            Objects.requireNonNull(at, "at");
            if (talked.isNegative()) {
                throw new IllegalArgumentException("talked must not be negative, was " + talked);
            }
        }

        /** Seconds talked, rounded to the nearest second, as the wire counts them. */
        public long seconds() {
            return talked.plusMillis(500).getSeconds();
        }
    }
}
