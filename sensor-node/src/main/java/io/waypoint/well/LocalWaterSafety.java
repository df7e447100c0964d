package io.waypoint.well;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The well's own "do not drink" rule, judged on the node so the warning light works with no network
 * at all: on once turbidity has stayed above {@code unsafeAbove} (5 NTU, WHO's acceptability limit)
 * for {@code unsafeFor}, off again only once it has stayed below {@code safeBelow} for
 * {@code safeFor} (hysteresis: water hovering around 5 NTU must not make the light flicker). A
 * sensor that cannot read for {@code unsafeFor} also turns it on: water nobody can judge is not
 * declared safe. Pure logic on the samples' time.
 */
final class LocalWaterSafety {
    /** Why the light is on, or OFF. */
    enum Verdict { OFF, UNSAFE, UNKNOWN }

    private final double unsafeAbove;
    private final Duration unsafeFor;
    private final double safeBelow;
    private final Duration safeFor;

    private Verdict verdict = Verdict.OFF;
    private Instant badSince;
    private Instant goodSince;

    LocalWaterSafety(double unsafeAbove, Duration unsafeFor, double safeBelow, Duration safeFor) {
        if (!(safeBelow <= unsafeAbove)) {
            throw new IllegalArgumentException("the safe level " + safeBelow + " NTU must not be above the unsafe level " + unsafeAbove);
        }
        this.unsafeAbove = unsafeAbove;
        this.unsafeFor = Objects.requireNonNull(unsafeFor);
        this.safeBelow = safeBelow;
        this.safeFor = Objects.requireNonNull(safeFor);
    }

    /** WHO / Sphere defaults: above 5 NTU for 2 min → on; below 4 NTU for 5 min → off. */
    static LocalWaterSafety standard() {
        return new LocalWaterSafety(5.0, Duration.ofMinutes(2), 4.0, Duration.ofMinutes(5));
    }

    /** A turbidity sample at {@code t}; returns the verdict after it. */
    Verdict reading(Instant t, double ntu) {
        if (ntu > unsafeAbove) {
            goodSince = null;
            if (badSince == null) {
                badSince = t;
            }
            if (!Duration.between(badSince, t).minus(unsafeFor).isNegative()) {
                verdict = Verdict.UNSAFE;
            }
        } else if (ntu < safeBelow) {
            badSince = null;
            if (goodSince == null) {
                goodSince = t;
            }
            if (verdict != Verdict.OFF && !Duration.between(goodSince, t).minus(safeFor).isNegative()) {
                verdict = Verdict.OFF;
            }
        } else {
            // between the two levels: neither timer starts, and neither is reset by the other side
            goodSince = null;
            if (verdict == Verdict.OFF) {
                badSince = null;
            }
        }
        return verdict;
    }

    /** The sensor could not read at {@code t}. */
    Verdict noReading(Instant t) {
        goodSince = null;
        if (badSince == null) {
            badSince = t;
        }
        if (verdict == Verdict.OFF && !Duration.between(badSince, t).minus(unsafeFor).isNegative()) {
            verdict = Verdict.UNKNOWN;
        }
        return verdict;
    }

    Verdict verdict() {
        return verdict;
    }

    /** Whether the "do not drink" light should be on. */
    boolean warn() {
        return verdict != Verdict.OFF;
    }
}
