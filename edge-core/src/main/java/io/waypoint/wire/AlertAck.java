package io.waypoint.wire;

/**
 * A member of staff takes an alert, on {@code wp/v1/{site}/alerts/ack}: {@code {"key":..,"by":..}}.
 *
 * @param key {@code <rule>.<node>} of the alert
 * @param by  who: a short name or initials, 1 to 64 characters without control characters
 */
public record AlertAck(String key, String by) {
    public static final int MAX_BY = 64;

    /** @throws IllegalArgumentException for a malformed key or {@code by} */
    public AlertAck {
        if (!Ids.isAlertKey(key)) {
            throw Ids.invalid("alert key", key, "<rule>.<node>");
        }
        if (!isBy(by)) {
            throw new IllegalArgumentException("by must be 1 to " + MAX_BY + " characters without control characters, was "
                    + Inspection.quote(by));
        }
    }

    static boolean isBy(String by) {
        if (by == null || by.isBlank() || by.length() > MAX_BY) {
            return false;
        }
        for (int i = 0; i < by.length(); i++) {
            if (by.charAt(i) < 0x20 || by.charAt(i) == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
