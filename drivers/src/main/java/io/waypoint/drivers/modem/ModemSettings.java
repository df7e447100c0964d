package io.waypoint.drivers.modem;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient an {@link AtModem} is. {@link #defaults()} follows ModemManager's practice.
 *
 * @param commandTimeout        how long a command may take to answer (ATD excepted)
 * @param dialTimeout           how long ATD may take to answer, and how long a call may ring unanswered
 *                              before it is hung up as {@link CallResult#NO_ANSWER}
 * @param callPoll              how often {@code AT+CLCC} asks how the call is going
 * @param timeoutsBeforeCallFails commands unanswered in a row during a call after which the call is
 *                              ended as failed and the modem probed again (someone is waiting)
 * @param healthPoll            how often SIM, signal and registration are asked for
 * @param timeoutsBeforeReprobe commands unanswered in a row after which the modem counts as not
 *                              responding and is probed again
 * @param probeInterval         how often a modem that does not respond is probed with {@code AT}
 * @param lowSignalCsq          a CSQ below this (and not 99) is {@link ModemFault#LOW_SIGNAL}
 */
public record ModemSettings(Duration commandTimeout, Duration dialTimeout, Duration callPoll, int timeoutsBeforeCallFails,
        Duration healthPoll, int timeoutsBeforeReprobe, Duration probeInterval, int lowSignalCsq) {

    public ModemSettings {
        positive(commandTimeout, "commandTimeout");
        positive(dialTimeout, "dialTimeout");
        positive(callPoll, "callPoll");
        positive(healthPoll, "healthPoll");
        positive(probeInterval, "probeInterval");
        if (timeoutsBeforeCallFails < 1) {
            throw new IllegalArgumentException("timeoutsBeforeCallFails must be at least 1, was " + timeoutsBeforeCallFails);
        }
        if (timeoutsBeforeReprobe < 1) {
            throw new IllegalArgumentException("timeoutsBeforeReprobe must be at least 1, was " + timeoutsBeforeReprobe);
        }
        if (lowSignalCsq < 0 || lowSignalCsq > 31) {
            throw new IllegalArgumentException("lowSignalCsq must be 0 to 31, was " + lowSignalCsq);
        }
    }

    /**
     * 5 s per command, 90 s for ATD and for ringing, {@code AT+CLCC} every 2 s (3 timeouts in a row end a call),
     * health every 30 s, re-probe after 10 timeouts in a row, probe every 5 s, low signal below CSQ 8
     * (-97 dBm).
     */
    public static ModemSettings defaults() {
        return new ModemSettings(Duration.ofSeconds(5), Duration.ofSeconds(90), Duration.ofSeconds(2), 3,
                Duration.ofSeconds(30), 10, Duration.ofSeconds(5), 8);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
