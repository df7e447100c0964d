package io.waypoint.wire;

/**
 * Where an alert is in its life: raised, escalated (nobody acknowledged it in time), acknowledged
 * (a person took it), resolved (the condition cleared). On the wire in lower case.
 */
public enum AlertState {
    RAISED, ESCALATED, ACKNOWLEDGED, RESOLVED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AlertState fromWire(String s) {
        for (AlertState v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("alert state must be raised, escalated, acknowledged or resolved, was '" + s + "'");
    }
}
