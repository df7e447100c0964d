package io.waypoint.kiosk.policy;

import java.util.Locale;

/** Why a charging port was locked. Either way the relay opened at once and stays open until cleared. */
public enum PortFault {
    /** Above the over-current limit for its hold time. */
    OVER_CURRENT,
    /** A single reading far above the limit. */
    SHORT_CIRCUIT;

    /** {@code over_current} or {@code short_circuit}: the {@code reason} of a {@code fault} event. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
