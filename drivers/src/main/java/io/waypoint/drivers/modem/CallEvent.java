package io.waypoint.drivers.modem;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happened to the call in progress. A call attempt gives {@link Dialling}, then possibly
 * {@link Alerting} and {@link Answered}, and always exactly one {@link Ended}. No event says where the
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
