package io.waypoint.kiosk.policy;

import java.util.Locale;

/** Why a charging turn ended; {@link #wireName()} is the {@code reason} of a {@code charging_ended} event. */
public enum ChargingEndReason {
    /** The phone's current stayed low: it is charged. The port stays powered until it is unplugged. */
    FULL,
    /** The turn's time ran out. */
    TIME_LIMIT,
    /** The port drew too much, or was short-circuited: it is locked until a technician clears it. */
    OVER_CURRENT,
    /** No phone drew current: it was taken away, or never plugged in after the press. */
    UNPLUGGED,
    /** Charging was switched off to save the battery. */
    SHED,
    /** A technician, a remote command or the controller's shutdown stopped it. */
    STOPPED;

    /** {@code full}, {@code time_limit}, {@code over_current}, {@code unplugged}, {@code shed} or {@code stopped}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
