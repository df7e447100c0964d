package io.waypoint.kiosk.policy;

import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;

/** What happened at a charging port, for the panel and, as {@link EventBody}, for telemetry. */
public sealed interface ChargingEvent {

    /** The port's number, 1 to N. */
    int port();

    /** When it happened. */
    Instant at();

    /** A turn started: by a press, or by a phone plugged in when so configured. */
    record Started(int port, Instant at, Duration limit) implements ChargingEvent {
    }

    /**
     * A turn ended.
     *
     * @param duration from its start to its end
     * @param wh       the energy delivered: current × bus volts × time
     */
    record Ended(int port, Instant at, Duration duration, double wh, ChargingEndReason reason)
            implements ChargingEvent {

        /** {@code {"type":"charging_ended","port":3,"seconds":3600,"wh":9.512,"reason":"time_limit"}}. */
        public EventBody toEventBody() {
            return EventBody.chargingEnded(port, duration.toSeconds(), Math.round(wh * 1000) / 1000.0,
                    reason.wireName());
        }
    }

    /** The port was locked with its relay open. */
    record Faulted(int port, Instant at, PortFault fault) implements ChargingEvent {

        /** {@code {"type":"fault","part":"charging port 3","reason":"over_current"}}. */
        public EventBody toEventBody() {
            return EventBody.fault(part(port), fault.wireName());
        }
    }

    /** A technician cleared the port's fault: it is free again. */
    record FaultCleared(int port, Instant at) implements ChargingEvent {

        /** {@code {"type":"fault_cleared","part":"charging port 3"}}. */
        public EventBody toEventBody() {
            return EventBody.faultCleared(part(port));
        }
    }

    /** The name of a port in fault events: {@code charging port 3}. */
    private static String part(int port) {
        return "charging port " + port;
    }
}
