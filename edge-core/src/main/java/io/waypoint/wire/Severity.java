package io.waypoint.wire;

/** How urgent an alert is; on the wire in lower case. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Severity fromWire(String s) {
        for (Severity v : values()) {
            if (v.wire().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("severity must be info, warning or critical, was '" + s + "'");
    }
}
