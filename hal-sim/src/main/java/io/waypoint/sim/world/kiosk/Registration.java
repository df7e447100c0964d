package io.waypoint.sim.world.kiosk;

/**
 * Whether the GSM modem is registered on a network, as {@code AT+CREG?} reports it, and as the
 * kiosk reports it on the wire ({@code calls.network}).
 */
public enum Registration {
    /** Registered on its home network: stat 1. */
    HOME(1, "home"),
    /** Registered on another operator's network: stat 5. */
    ROAMING(5, "roaming"),
    /** Not registered, looking for a network: stat 2. */
    SEARCHING(2, "searching"),
    /** The network refused the SIM: stat 3. Emergency calls still work on any network in reach. */
    DENIED(3, "denied"),
    /** Not registered and not looking: stat 0. */
    NONE(0, "none");

    private final int cregStat;
    private final String wire;

    Registration(int cregStat, String wire) {
        this.cregStat = cregStat;
        this.wire = wire;
    }

    /** The {@code <stat>} of {@code +CREG: <n>,<stat>}. */
    public int cregStat() {
        return cregStat;
    }

    /** The word of {@code calls.network} on the wire. */
    public String wire() {
        return wire;
    }

    /** Whether ordinary calls can be placed: home or roaming. */
    public boolean registered() {
        return this == HOME || this == ROAMING;
    }
}
