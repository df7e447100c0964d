package io.waypoint.kiosk.policy;

/** Why the modem says a placed call did not connect. */
public enum CallFailure {
    /** {@code BUSY}. */
    BUSY,
    /** {@code NO ANSWER}, or it rang until the kiosk gave up. */
    NO_ANSWER,
    /** {@code NO CARRIER} before the call was answered: rejected or lost. */
    NO_CARRIER,
    /** {@code NO DIALTONE}: no network. */
    NO_DIALTONE,
    /** The network refused it for lack of credit. */
    NO_CREDIT,
    /** Any other error ({@code +CME ERROR}, {@code ERROR}). */
    ERROR;

    /** How the call counts in telemetry: busy, no_answer, or failed. */
    public CallResult result() {
        switch (this) {
            case BUSY:
                return CallResult.BUSY;
            case NO_ANSWER:
                return CallResult.NO_ANSWER;
            default:
                return CallResult.FAILED;
        }
    }
}
