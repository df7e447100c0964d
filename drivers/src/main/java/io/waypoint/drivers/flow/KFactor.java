package io.waypoint.drivers.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Pulses per litre of one flow meter: a single number for the unit, or, when bucket tests at
 * several flows disagree (a YF-S201 gives about 480 p/L at 2 L/min and 451 at 12), one value per
 * flow band, joined by straight lines and held constant beyond the first and last band. Immutable.
 */
public final class KFactor {
    /** Plausible K-factors of turbine meters from 1/4" to 1" (FS300A ~330, YF-S201 450, YF-S401 ~5880). */
    static final double MIN_PULSES_PER_LITRE = 10;
    static final double MAX_PULSES_PER_LITRE = 10_000;

    /** The K-factor measured at a flow rate. */
    public record Band(double lpm, double pulsesPerLitre) {
        public Band {
            if (!(lpm >= 0) || Double.isInfinite(lpm)) {
                throw new IllegalArgumentException("a K-factor band needs a flow >= 0 L/min, was " + lpm);
            }
            if (!(pulsesPerLitre >= MIN_PULSES_PER_LITRE && pulsesPerLitre <= MAX_PULSES_PER_LITRE)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "K-factor %s pulses/L at %s L/min is"
                        + " outside %s-%s: check the meter model and redo the bucket test", pulsesPerLitre, lpm,
                        MIN_PULSES_PER_LITRE, MAX_PULSES_PER_LITRE));
            }
        }
    }

    private final List<Band> bands;

    private KFactor(List<Band> bands) {
        this.bands = List.copyOf(bands);
    }

    /** The same K at every flow: the datasheet value (450 for a YF-S201) or one bucket test. */
    public static KFactor of(double pulsesPerLitre) {
        return new KFactor(List.of(new Band(0, pulsesPerLitre)));
    }

    /**
     * One K per flow band (any order).
     *
     * @throws IllegalArgumentException if there is no band or two bands share a flow
     */
    public static KFactor bands(List<Band> bands) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a K-factor needs at least one band");
        }
        List<Band> sorted = new ArrayList<>(bands);
        sorted.sort(Comparator.comparingDouble(Band::lpm));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).lpm() == sorted.get(i - 1).lpm()) {
                throw new IllegalArgumentException("two K-factor bands at " + sorted.get(i).lpm()
                        + " L/min: keep one bucket test per flow");
            }
        }
        return new KFactor(sorted);
    }

    /** The bands, by increasing flow. */
    public List<Band> bands() {
        return bands;
    }

    /** Pulses per litre at {@code lpm}. */
    public double pulsesPerLitre(double lpm) {
        Band first = bands.get(0);
        if (lpm <= first.lpm()) {
            return first.pulsesPerLitre();
        }
        for (int i = 1; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (lpm <= b.lpm()) {
                Band a = bands.get(i - 1);
                return a.pulsesPerLitre() + (b.pulsesPerLitre() - a.pulsesPerLitre()) * (lpm - a.lpm()) / (b.lpm() - a.lpm());
            }
        }
        return bands.get(bands.size() - 1).pulsesPerLitre();
    }

    /** The flow (L/min) that gives {@code hertz} pulses per second: solves f = lpm / 60 × K(lpm). */
    public double lpmAt(double hertz) {
        if (!(hertz > 0)) {
            return 0;
        }
        double lpm = hertz * 60 / pulsesPerLitre(0);
        // K moves a few percent across the bands, so a few fixed-point steps converge
        for (int i = 0; i < 50; i++) {
            double next = hertz * 60 / pulsesPerLitre(lpm);
            if (Math.abs(next - lpm) < 1e-9) {
                return next;
            }
            lpm = next;
        }
        return lpm;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KFactor k && k.bands.equals(bands);
    }

    @Override
    public int hashCode() {
        return bands.hashCode();
    }

    @Override
    public String toString() {
        return "KFactor" + bands;
    }
}
