package io.waypoint.kiosk.policy;

/**
 * Whether the modem can place ordinary calls, as the controller learns it from the modem
 * ({@code +CREG}, {@code +CME ERROR}, a modem that stops answering). When it cannot, the panel says
 * so and only emergency numbers are dialled (112 needs no SIM and no credit on most networks; a
 * modem judged faulty may still manage one, and trying costs nothing).
 */
public enum CallService {
    AVAILABLE,
    /** Not registered: no signal, searching, or denied. */
    NO_NETWORK,
    /** The SIM has no credit left. */
    NO_CREDIT,
    /** The modem does not answer or reports errors. */
    MODEM_FAULT
}
