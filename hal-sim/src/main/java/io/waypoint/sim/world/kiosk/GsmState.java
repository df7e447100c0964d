package io.waypoint.sim.world.kiosk;

import java.util.Objects;

/**
 * The mobile network and the modem at an instant, as an emulated modem reports them.
 *
 * @param signalCsq    what {@code AT+CSQ} gives: 0..31, or 99 when no signal is detectable
 * @param registration what {@code AT+CREG?} gives
 * @param credit       whether the SIM has credit for ordinary calls
 * @param modem        how the modem behaves on its serial line
 */
public record GsmState(int signalCsq, Registration registration, boolean credit, ModemBehaviour modem) {
    /** {@code AT+CSQ}'s "not known or not detectable". */
    public static final int NO_SIGNAL_CSQ = 99;

    public GsmState {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(modem, "modem");
        if (!(signalCsq >= 0 && signalCsq <= 31) && signalCsq != NO_SIGNAL_CSQ) {
            throw new IllegalArgumentException("signal_csq must be 0-31 or 99, was " + signalCsq);
        }
    }
}
