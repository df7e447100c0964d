package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The battery voltages and hold times of {@link LoadShedding}. Each change of level needs its
 * condition to hold for its whole duration, on every reading, and the levels to go back up are
 * above the levels to come down (hysteresis), so a voltage hovering around a threshold never makes
 * the kiosk switch on and off.
 *
 * @param warnBelow            below this for {@code shedChargingFor}, the battery is low (a warning only)
 * @param shedChargingBelow    below this for {@code shedChargingFor}, the charging ports are shed
 * @param shedChargingFor      how long a low voltage must last before warning or shedding charging
 * @param shedAllBelow         below this for {@code shedAllFor}, calls and Wi-Fi are shed too
 * @param shedAllFor           how long the very low voltage must last
 * @param restoreCallsAbove    above this for {@code restoreCallsFor}, calls and Wi-Fi come back
 * @param restoreCallsFor      how long the recovery must last
 * @param restoreChargingAbove above this for {@code restoreChargingFor}, charging comes back and the warning clears
 * @param restoreChargingFor   how long that recovery must last
 * @param plausibleMin         readings below this are a measuring fault, not a battery voltage, and are ignored
 * @param plausibleMax         readings above this are a measuring fault and are ignored
 */
public record ShedThresholds(double warnBelow, double shedChargingBelow, Duration shedChargingFor,
                             double shedAllBelow, Duration shedAllFor,
                             double restoreCallsAbove, Duration restoreCallsFor,
                             double restoreChargingAbove, Duration restoreChargingFor,
                             double plausibleMin, double plausibleMax) {

    /**
     * @throws IllegalArgumentException unless plausibleMin &lt; shedAllBelow &lt; shedChargingBelow &lt;
     *         restoreCallsAbove &le; restoreChargingAbove &lt; plausibleMax, shedChargingBelow &le;
     *         warnBelow &lt; restoreChargingAbove, and every duration is positive
     */
    public ShedThresholds {
        Objects.requireNonNull(shedChargingFor, "shedChargingFor");
        Objects.requireNonNull(shedAllFor, "shedAllFor");
        Objects.requireNonNull(restoreCallsFor, "restoreCallsFor");
        Objects.requireNonNull(restoreChargingFor, "restoreChargingFor");
        if (!(plausibleMin < shedAllBelow && shedAllBelow < shedChargingBelow && shedChargingBelow < restoreCallsAbove
                && restoreCallsAbove <= restoreChargingAbove && restoreChargingAbove < plausibleMax)) {
            throw new IllegalArgumentException("shedding voltages must rise in this order: plausible minimum "
                    + plausibleMin + " < shed all " + shedAllBelow + " < shed charging " + shedChargingBelow
                    + " < restore calls " + restoreCallsAbove + " <= restore charging " + restoreChargingAbove
                    + " < plausible maximum " + plausibleMax);
        }
        if (!(shedChargingBelow <= warnBelow && warnBelow < restoreChargingAbove)) {
            throw new IllegalArgumentException("the warning voltage " + warnBelow + " must lie between shed charging "
                    + shedChargingBelow + " and restore charging " + restoreChargingAbove);
        }
        for (Duration d : new Duration[] {shedChargingFor, shedAllFor, restoreCallsFor, restoreChargingFor}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("shedding hold times must be positive, was " + d);
            }
        }
    }

    /**
     * A 12 V lead-acid bank (FIELD-NOTES, Power): warn below 12.0 V; shed charging below 11.8 V for
     * 60 s; shed all below 11.1 V for 90 s (the usual controller disconnect; a Victron BatteryProtect
     * cuts everything at 10.5 V after 90 s as the hardware's last line); calls and Wi-Fi back above
     * 12.0 V for 30 s (BatteryProtect's reconnect), charging back above 12.6 V (the usual controller
     * reconnect) for 5 min. Readings outside 8–17 V are a measuring fault (a 12 V bank equalises at
     * up to about 16 V).
     */
    public static ShedThresholds leadAcid12V() {
        return new ShedThresholds(12.0, 11.8, Duration.ofSeconds(60), 11.1, Duration.ofSeconds(90),
                12.0, Duration.ofSeconds(30), 12.6, Duration.ofMinutes(5), 8.0, 17.0);
    }
}
