package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides from the battery voltage what to switch off: {@link ShedLevel#NONE} → {@link
 * ShedLevel#CHARGING} → {@link ShedLevel#ALL}, charging first, calls and Wi-Fi last; and back up
 * the same way once the battery has recovered. Every change needs its condition on every reading
 * for its hold time (one reading the other way restarts the wait), and the voltages to come back
 * are well above those to go down, so a voltage oscillating around any threshold never makes the
 * level flap. See {@link ShedThresholds#leadAcid12V()} for the defaults.
 *
 * <p>At start-up nothing is switched on yet, so the battery's voltage is a resting voltage: the
 * first plausible reading sets the level at once (below the shed-all voltage → ALL, below the
 * shed-charging voltage → CHARGING), without waiting. A controller that restarts on a flat battery
 * therefore never switches its loads on first.
 *
 * <p>A reading outside the plausible range (a lost VE.Direct line reading 0 V, a broken divider) is
 * ignored: the level stays, and every hold time starts again with the next plausible reading. The
 * hardware's own low-voltage disconnect remains the last line of defence. Voltage says little about
 * a LiFePO4 battery's charge (its curve is flat); such a bank needs thresholds from its BMS.
 */
public final class LoadShedding {
    private final ShedThresholds th;

    private ShedLevel level = ShedLevel.NONE;
    private boolean warning;
    private Instant last;
    private Instant belowWarnSince;
    private Instant belowChargingSince;
    private Instant belowAllSince;
    private Instant aboveCallsSince;
    private Instant aboveChargingSince;

    public LoadShedding(ShedThresholds thresholds) {
        this.th = Objects.requireNonNull(thresholds);
    }

    /** With {@link ShedThresholds#leadAcid12V()}. */
    public static LoadShedding leadAcid12V() {
        return new LoadShedding(ShedThresholds.leadAcid12V());
    }

    /**
     * A battery reading of {@code volts} taken at {@code t}; readings must come in time order (an
     * older one is ignored).
     *
     * @return the level after it
     */
    public ShedLevel reading(Instant t, double volts) {
        Objects.requireNonNull(t, "t");
        if (last != null && t.isBefore(last)) {
            return level;
        }
        if (!(volts >= th.plausibleMin() && volts <= th.plausibleMax())) {
            belowWarnSince = belowChargingSince = belowAllSince = aboveCallsSince = aboveChargingSince = null;
            return level;
        }
        if (last == null) {
            level = volts < th.shedAllBelow() ? ShedLevel.ALL
                    : volts < th.shedChargingBelow() ? ShedLevel.CHARGING : ShedLevel.NONE;
            warning = volts < th.warnBelow();
        }
        last = t;
        belowWarnSince = since(belowWarnSince, volts < th.warnBelow(), t);
        belowChargingSince = since(belowChargingSince, volts < th.shedChargingBelow(), t);
        belowAllSince = since(belowAllSince, volts < th.shedAllBelow(), t);
        aboveCallsSince = since(aboveCallsSince, volts > th.restoreCallsAbove(), t);
        aboveChargingSince = since(aboveChargingSince, volts > th.restoreChargingAbove(), t);

        if (held(belowAllSince, th.shedAllFor(), t)) {
            level = ShedLevel.ALL;
        } else if (level == ShedLevel.NONE && held(belowChargingSince, th.shedChargingFor(), t)) {
            level = ShedLevel.CHARGING;
        }
        if (level == ShedLevel.ALL && held(aboveCallsSince, th.restoreCallsFor(), t)) {
            level = ShedLevel.CHARGING;
        }
        if (level == ShedLevel.CHARGING && held(aboveChargingSince, th.restoreChargingFor(), t)) {
            level = ShedLevel.NONE;
        }
        if (level != ShedLevel.NONE || held(belowWarnSince, th.shedChargingFor(), t)) {
            warning = true;
        } else if (held(aboveChargingSince, th.restoreChargingFor(), t)) {
            warning = false;
        }
        return level;
    }

    /** What is shed now; {@link ShedLevel#NONE} until the first plausible reading. */
    public ShedLevel level() {
        return level;
    }

    /**
     * Whether the battery is low: below the warning voltage for the charging hold time, or anything
     * shed; it clears only once charging could come back (above the restore-charging voltage for its
     * hold time), so it does not flicker either.
     */
    public boolean warning() {
        return warning;
    }

    private static Instant since(Instant since, boolean holds, Instant t) {
        if (!holds) {
            return null;
        }
        return since == null ? t : since;
    }

    private static boolean held(Instant since, Duration hold, Instant t) {
        return since != null && Duration.between(since, t).compareTo(hold) >= 0;
    }
}
