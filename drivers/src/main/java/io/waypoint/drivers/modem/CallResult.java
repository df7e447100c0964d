package io.waypoint.drivers.modem;

/** How a call attempt ended, as the wire's {@code call_ended} event counts it. */
public enum CallResult {
    /** The far end answered; the call may have lasted any time since. */
    ANSWERED,
    /** The far end was busy, or rejected the call. */
    BUSY,
    /** It rang and nobody answered (the network gave up, or the attempt reached its limit). */
    NO_ANSWER,
    /**
     * The call never reached the far end: no network, no credit, no SIM, the network dropped it
     * before it was answered, or the modem refused or stopped answering. A failed attempt should not
     * use up a person's turn.
     */
    FAILED;

    /** The wire name: {@code answered}, {@code busy}, {@code no_answer} or {@code failed}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
