package io.waypoint.drivers.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Calibrating a flow meter in the field: let water run through it into a measured container for at
 * least a minute, count the pulses, and divide. Ideally at low, medium and high flow, which gives
 * one K-factor band per run.
 */
public final class BucketTest {
    /** Shorter runs let the start and stop of the flow weigh too much (field notes: >= 60 s each). */
    static final Duration MIN_DURATION = Duration.ofSeconds(60);
    /** Fewer pulses than this cannot give K to 1 %. */
    static final long MIN_PULSES = 100;

    /**
     * One run.
     *
     * @param litres   water measured in the container
     * @param pulses   pulses the meter counted meanwhile
     * @param duration how long the water ran
     */
    public record Run(double litres, long pulses, Duration duration) {
        /** The average flow of the run, L/min. */
        public double lpm() {
            return litres / (duration.toNanos() / 60e9);
        }
    }

    private BucketTest() {}

    /**
     * Pulses per litre from one run.
     *
     * @throws IllegalArgumentException saying what to redo if the run is too short, too small or implausible
     */
    public static double pulsesPerLitre(Run run) {
        if (!(run.litres() > 0) || Double.isInfinite(run.litres())) {
            throw new IllegalArgumentException("bucket test: " + run.litres() + " L measured: enter the litres in"
                    + " the container (more than 0)");
        }
        if (run.duration().compareTo(MIN_DURATION) < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "bucket test: the water ran %.0f s: let it"
                    + " run at least %d s (use a bigger container or a lower flow)",
                    run.duration().toMillis() / 1000.0, MIN_DURATION.toSeconds()));
        }
        if (run.pulses() < MIN_PULSES) {
            throw new IllegalArgumentException("bucket test: only " + run.pulses() + " pulses counted for "
                    + run.litres() + " L: check the meter's cable and pull-up, and that water went through it");
        }
        double k = run.pulses() / run.litres();
        if (k < KFactor.MIN_PULSES_PER_LITRE || k > KFactor.MAX_PULSES_PER_LITRE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "bucket test: %d pulses for %s L is %.1f"
                    + " pulses/L, not a turbine meter's: check the litres entered and the meter model",
                    run.pulses(), run.litres(), k));
        }
        return k;
    }

    /** A K-factor from runs: one run gives one K for all flows, several give one band per run's flow. */
    public static KFactor calibrate(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("bucket test: no runs to calibrate from");
        }
        if (runs.size() == 1) {
            return KFactor.of(pulsesPerLitre(runs.get(0)));
        }
        List<KFactor.Band> bands = new ArrayList<>();
        for (Run r : runs) {
            bands.add(new KFactor.Band(r.lpm(), pulsesPerLitre(r)));
        }
        return KFactor.bands(bands);
    }
}
