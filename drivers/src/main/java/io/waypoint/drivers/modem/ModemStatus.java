package io.waypoint.drivers.modem;

import java.util.Objects;

/**
 * What the modem looks like now, as the kiosk reports it in telemetry ({@code signal_csq},
 * {@code network}, {@code modem}).
 *
 * @param signalCsq {@code AT+CSQ} rssi: 0 (-113 dBm or less) to 31 (-51 dBm or more), 99 unknown
 * @param fault     why ordinary calls cannot be placed, or null when the modem is {@code ok}
 * @param evidence  what the modem said that shows the fault, for a technician (never a modem line,
 *                  never a number); empty when ok
 */
public record ModemStatus(int signalCsq, Network network, ModemFault fault, String evidence) {
    /** Before the modem said anything. */
    public static final ModemStatus UNKNOWN = new ModemStatus(99, Network.UNKNOWN, ModemFault.NOT_RESPONDING,
            "not probed yet");

    public ModemStatus {
        if (!(signalCsq >= 0 && signalCsq <= 31) && signalCsq != 99) {
            throw new IllegalArgumentException("signalCsq must be 0-31 or 99 (unknown), was " + signalCsq);
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Whether ordinary calls can be placed. */
    public boolean ok() {
        return fault == null;
    }

    /** The wire state: {@code ok} or {@code fault:<reason>}, e.g. {@code fault:no_credit}. */
    public String state() {
        return fault == null ? "ok" : "fault:" + fault.reason();
    }

    /** The signal in dBm, or null when unknown. */
    public Integer signalDbm() {
        return signalCsq == 99 ? null : -113 + 2 * signalCsq;
    }

    /**
     * One line for a technician's console and the log: the state, what showed it, what to do, then
     * the signal and the network.
     */
    public String describe() {
        StringBuilder s = new StringBuilder("GSM modem ").append(state());
        if (fault != null) {
            if (!evidence.isEmpty()) {
                s.append(" (").append(evidence).append(')');
            }
            s.append(": ").append(fault.whatToDo());
        }
        s.append("; signal ").append(signalCsq == 99 ? "unknown (CSQ 99)" : "CSQ " + signalCsq + " (" + signalDbm() + " dBm)");
        s.append(", network ").append(network.wire());
        return s.toString();
    }
}
