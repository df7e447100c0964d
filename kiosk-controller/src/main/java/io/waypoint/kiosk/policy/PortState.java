package io.waypoint.kiosk.policy;

import java.time.Instant;

/** Where one charging port is in its cycle free → charging → done → free, or locked by a fault. */
public sealed interface PortState {

    /** Nobody's turn: the port can start one. */
    record Free() implements PortState {
    }

    /**
     * A turn is running.
     *
     * @param since  when it started
     * @param endsAt when its time limit ends it, at the latest
     * @param wh     the energy delivered so far
     */
    record Charging(Instant since, Instant endsAt, double wh) implements PortState {
    }

    /**
     * The turn ended and the port waits for the phone to be collected.
     *
     * @param since   when the turn ended
     * @param reason  why it ended
     * @param freesAt when the port frees if nobody unplugs the phone before (a full phone that is
     *                unplugged frees it at once)
     */
    record Done(Instant since, ChargingEndReason reason, Instant freesAt) implements PortState {
    }

    /**
     * Locked with its relay open until a technician clears it.
     *
     * @param since when the fault happened
     */
    record Faulted(PortFault fault, Instant since) implements PortState {
    }
}
