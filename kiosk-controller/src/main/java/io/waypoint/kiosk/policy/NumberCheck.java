package io.waypoint.kiosk.policy;

/** What {@link DialRules#check} makes of a dialled number. Never carries the number itself. */
public enum NumberCheck {
    /** One of the emergency numbers: always allowed, never time-limited. */
    EMERGENCY,
    /** Digits, optionally after one leading {@code +}, of an allowed length. */
    ALLOWED,
    /**
     * Something other than digits and one leading {@code +}: a {@code *} or {@code #} (which a modem
     * runs as network codes, e.g. {@code *#06#} shows the IMEI, others divert calls or spend credit),
     * a letter, a space, a {@code +} elsewhere, or nothing at all.
     */
    NOT_DIGITS,
    /** Fewer digits than allowed. */
    TOO_SHORT,
    /** More digits than allowed. */
    TOO_LONG;

    /** Whether a call to such a number may be placed (service permitting). */
    public boolean allowed() {
        return this == EMERGENCY || this == ALLOWED;
    }
}
