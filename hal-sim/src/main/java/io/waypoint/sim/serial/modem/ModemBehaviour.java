package io.waypoint.sim.serial.modem;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link SimulatedModem} and the network behind it behave: the SIM, the registration, the
 * signal, credit, what the far end does with a call, and what goes wrong on the line. Immutable: tests
 * and scenarios change a running modem with {@link SimulatedModem#update}; a change applies from the
 * next command (a call already placed keeps the far end it drew).
 *
 * @param sim                the SIM card
 * @param registration       the {@code +CREG} stat the modem reports
 * @param csq                {@code +CSQ} rssi: 0-31, 99 unknown
 * @param credit             whether the operator lets ordinary calls through
 * @param refusal            how calls without credit are refused
 * @param farEnd             what happens to each call placed
 * @param alertAfter         when a placed call starts ringing (stat 3), if its outcome is later
 * @param emergencyNumbers   numbers the network connects whatever the SIM, registration and credit
 * @param noise              probability (0-1) of a line of noise bytes (non-UTF-8, control bytes) before
 *                           each line the modem sends
 * @param unsolicitedEvery   about how often a stranger's call shows up unasked ({@code RING} with
 *                           {@code +CLIP}, or {@code MISSED_CALL}), each carrying a number; null: never
 * @param silent             the modem stops answering entirely (reads and drops everything, sends
 *                           nothing) until this is false again
 * @param replyDelay         how long the modem takes to answer a command
 * @param imei               what {@code AT+CGSN} answers
 * @param imsi               what {@code AT+CIMI} answers (with a SIM)
 * @param iccid              what {@code AT+CCID} answers (with a SIM)
 */
public record ModemBehaviour(SimCard sim, Registration registration, int csq, boolean credit, Refusal refusal,
        FarEnd farEnd, Duration alertAfter, Set<String> emergencyNumbers, double noise, Duration unsolicitedEvery,
        boolean silent, Duration replyDelay, String imei, String imsi, String iccid) {

    /** The SIM card in the modem. */
    public enum SimCard {
        /** Inserted and unlocked: {@code +CPIN: READY}. */
        READY,
        /** Locked with a PIN: {@code +CPIN: SIM PIN}. */
        PIN_REQUIRED,
        /** No SIM: {@code +CME ERROR: 10}. */
        ABSENT
    }

    /** The {@code +CREG} registration stat. */
    public enum Registration {
        NONE(0), HOME(1), SEARCHING(2), DENIED(3), ROAMING(5);

        private final int stat;

        Registration(int stat) {
            this.stat = stat;
        }

        /** The stat as {@code +CREG} reports it. */
        public int stat() {
            return stat;
        }

        boolean registered() {
            return this == HOME || this == ROAMING;
        }
    }

    /** How the operator refuses a call when there is no credit. */
    public enum Refusal {
        /** ATD is answered {@code +CME ERROR: 257} (network rejected request). */
        CME_ERROR,
        /** ATD says OK, the operator sends a {@code +CUSD} text, then {@code NO CARRIER}. */
        OPERATOR_MESSAGE
    }

    public ModemBehaviour {
        Objects.requireNonNull(sim, "sim");
        Objects.requireNonNull(registration, "registration");
        if (!(csq >= 0 && csq <= 31) && csq != 99) {
            throw new IllegalArgumentException("csq must be 0-31 or 99, was " + csq);
        }
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(farEnd, "farEnd");
        Objects.requireNonNull(alertAfter, "alertAfter");
        emergencyNumbers = Set.copyOf(emergencyNumbers);
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("noise must be 0 to 1, was " + noise);
        }
        if (unsolicitedEvery != null && (unsolicitedEvery.isZero() || unsolicitedEvery.isNegative())) {
            throw new IllegalArgumentException("unsolicitedEvery must be positive or null, was " + unsolicitedEvery);
        }
        Objects.requireNonNull(replyDelay, "replyDelay");
        Objects.requireNonNull(imei, "imei");
        Objects.requireNonNull(imsi, "imsi");
        Objects.requireNonNull(iccid, "iccid");
    }

    /**
     * A healthy modem on its home network: SIM ready, CSQ 18, credit, calls ring after 1 s and are
     * answered after 4 s and last until the driver hangs up; 112, 911 and 999 are emergency numbers;
     * answers in 5 ms; a clean line, nothing unsolicited.
     */
    public static ModemBehaviour normal() {
        return new ModemBehaviour(SimCard.READY, Registration.HOME, 18, true, Refusal.CME_ERROR,
                FarEnd.answersAfter(Duration.ofSeconds(4)), Duration.ofSeconds(1), Set.of("112", "911", "999"), 0,
                null, false, Duration.ofMillis(5), "356938035643809", "214070123456789", "8934071234567890123");
    }

    public ModemBehaviour withSim(SimCard newSim) {
        return new ModemBehaviour(newSim, registration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withRegistration(Registration newRegistration) {
        return new ModemBehaviour(sim, newRegistration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withCsq(int newCsq) {
        return new ModemBehaviour(sim, registration, newCsq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    /** Credit or none, refused as {@code newRefusal} when none. */
    public ModemBehaviour withCredit(boolean newCredit, Refusal newRefusal) {
        return new ModemBehaviour(sim, registration, csq, newCredit, newRefusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withFarEnd(FarEnd newFarEnd) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, newFarEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withAlertAfter(Duration newAlertAfter) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, newAlertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withEmergencyNumbers(Set<String> newEmergencyNumbers) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, alertAfter, newEmergencyNumbers,
                noise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withNoise(double newNoise) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                newNoise, unsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withUnsolicitedEvery(Duration newUnsolicitedEvery) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, newUnsolicitedEvery, silent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withSilent(boolean newSilent) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, newSilent, replyDelay, imei, imsi, iccid);
    }

    public ModemBehaviour withReplyDelay(Duration newReplyDelay) {
        return new ModemBehaviour(sim, registration, csq, credit, refusal, farEnd, alertAfter, emergencyNumbers,
                noise, unsolicitedEvery, silent, newReplyDelay, imei, imsi, iccid);
    }

    /** Whether an ATD to {@code number} goes through whatever the SIM, registration and credit. */
    boolean emergency(String number) {
        return emergencyNumbers.contains(number);
    }
}
