package io.waypoint.kiosk.policy;

import java.util.Locale;

/** How a placed call ended; {@link #wireName()} is the {@code result} of a {@code call_ended} event. */
public enum CallResult {
    ANSWERED, BUSY, NO_ANSWER, FAILED;

    /** {@code answered}, {@code busy}, {@code no_answer} or {@code failed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
