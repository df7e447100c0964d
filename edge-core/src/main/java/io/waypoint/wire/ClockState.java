package io.waypoint.wire;

/**
 * Whether the node's clock was synchronised (NTP, GPS, the gateway) when it stamped a message.
 * An unsynced {@code ts} may be far off; the gateway still stores it but may prefer arrival time.
 */
public enum ClockState {
    SYNCED("synced"), UNSYNCED("unsynced");

    private final String wire;

    ClockState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException when {@code s} is neither {@code synced} nor {@code unsynced} */
    public static ClockState fromWire(String s) {
        ClockState c = ofWire(s);
        if (c == null) {
            throw new IllegalArgumentException("clock must be synced or unsynced, was " + Inspection.quote(s));
        }
        return c;
    }

    static ClockState ofWire(String s) {
        if ("synced".equals(s)) {
            return SYNCED;
        }
        return "unsynced".equals(s) ? UNSYNCED : null;
    }
}
