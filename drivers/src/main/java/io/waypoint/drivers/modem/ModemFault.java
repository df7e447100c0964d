package io.waypoint.drivers.modem;

/**
 * Why the modem cannot place ordinary calls, each with what a technician on site should do. In
 * order of precedence: when several hold, the first is reported.
 */
public enum ModemFault {
    NOT_RESPONDING("not_responding", "check the modem's power supply (a GSM modem draws 2 A peaks: a weak supply "
            + "resets it), its serial cable and the configured port; it is probed again until it answers"),
    NO_SIM("no_sim", "insert a SIM card (contacts down, holder closed); if one is in, clean its contacts or "
            + "replace it"),
    SIM_LOCKED("sim_locked", "the SIM asks for its PIN or PUK: remove the PIN lock in a phone, then put the "
            + "SIM back"),
    NO_NETWORK("no_network", "check the antenna is screwed on, the SIM is active and an operator covers this "
            + "place (try the SIM in a phone here)"),
    NO_CREDIT("no_credit", "the operator refuses calls: top up the SIM's credit, or check its plan allows voice "
            + "calls; emergency numbers still work"),
    LOW_SIGNAL("low_signal", "calls may fail or drop: check the antenna cable and connector, raise the antenna, "
            + "move it away from metal and walls");

    private final String reason;
    private final String whatToDo;

    ModemFault(String reason, String whatToDo) {
        this.reason = reason;
        this.whatToDo = whatToDo;
    }

    /** The wire reason, as in {@code fault:no_sim}. */
    public String reason() {
        return reason;
    }

    /** What a technician on site should do about it. */
    public String whatToDo() {
        return whatToDo;
    }
}
