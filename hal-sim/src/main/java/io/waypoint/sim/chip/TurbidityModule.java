package io.waypoint.sim.chip;

import io.waypoint.sim.world.SensorCondition;
import io.waypoint.sim.world.WellPhysics;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * An analog turbidity module of the DFRobot SEN0189 class, in analog mode on a 5 V supply: its
 * output pin's voltage (before any divider) for the water the world says it faces.
 *
 * <p>The vendor curve NTU = −1120.4·V² + 5742.3·V − 4352.9 is inverted on its falling branch:
 * 0 NTU gives about 4.20 V and the curve's top (about 3,000 NTU) about 2.56 V. The module saturates
 * there: water beyond 3,000 NTU still reads 2.56 V, and no water reading goes above 4.20 V.
 * Small Gaussian noise (a deterministic function of the instant, so runs repeat) is added.
 *
 * <p>The sensor's {@link SensorCondition} changes the output: {@code Drift} adds its NTU before the
 * curve, {@code Stuck} gives the stuck value's voltage without noise, {@code Unplugged} leaves the
 * wire floating, pulled to ground by the divider: a few millivolts, far outside the valid range.
 */
public final class TurbidityModule implements AnalogSource {
    static final double A = -1120.4;
    static final double B = 5742.3;
    static final double C = -4352.9;
    /** The vertex of the vendor parabola: below this voltage the curve no longer falls. */
    static final double SATURATION_VOLTS = -B / (2 * A);
    /** The highest turbidity the curve can express (its vertex), about 3,005 NTU. */
    public static final double MAX_NTU = vendorNtu(SATURATION_VOLTS);

    private final ToDoubleFunction<Instant> ntu;
    private final Function<Instant, SensorCondition> condition;
    private final double noiseSigmaVolts;
    private final long seed;

    /**
     * @param ntu             the true turbidity at the sensor
     * @param condition       how the sensor misreports it
     * @param noiseSigmaVolts standard deviation of the output noise (0.0002 V is about 0.7 NTU near clear
     *                        water, where the curve is steepest)
     * @param seed            makes the noise of two modules differ
     */
    public TurbidityModule(ToDoubleFunction<Instant> ntu, Function<Instant, SensorCondition> condition,
            double noiseSigmaVolts, long seed) {
        this.ntu = Objects.requireNonNull(ntu, "ntu");
        this.condition = Objects.requireNonNull(condition, "condition");
        if (!(noiseSigmaVolts >= 0)) {
            throw new IllegalArgumentException("noise must be >= 0 V, was " + noiseSigmaVolts);
        }
        this.noiseSigmaVolts = noiseSigmaVolts;
        this.seed = seed;
    }

    /** The module facing the world's water, with 0.2 mV of noise. */
    public static TurbidityModule facing(WellPhysics physics) {
        return new TurbidityModule(physics::turbidityNtu, physics::turbiditySensor, 0.0002, 0x5EB0189L);
    }

    /** Output pin volts at {@code t}. */
    @Override
    public double volts(Instant t) {
        SensorCondition c = condition.apply(t);
        if (c instanceof SensorCondition.Unplugged) {
            return Math.abs(noise(t)) * 5;
        }
        if (c instanceof SensorCondition.Stuck stuck) {
            return voltsForNtu(stuck.ntu());
        }
        double truth = ntu.applyAsDouble(t);
        double offset = c instanceof SensorCondition.Drift drift ? drift.offsetNtu() : 0.0;
        return voltsForNtu(truth + offset) + noise(t);
    }

    /** The vendor curve: NTU for a module output voltage (meaningful only on about 2.56–4.20 V). */
    public static double vendorNtu(double volts) {
        return A * volts * volts + B * volts + C;
    }

    /** The module's output for {@code ntu}: the vendor curve inverted on its falling branch, saturating. */
    public static double voltsForNtu(double ntu) {
        double n = Math.max(0.0, Math.min(MAX_NTU, ntu));
        double discriminant = Math.max(0.0, B * B - 4 * A * (C - n));
        return (-B - Math.sqrt(discriminant)) / (2 * A);
    }

    private double noise(Instant t) {
        if (noiseSigmaVolts == 0) {
            return 0;
        }
        long key = seed * 0x9E3779B97F4A7C15L ^ t.getEpochSecond() * 1_000_000_007L ^ t.getNano();
        return new SplittableRandom(key).nextGaussian() * noiseSigmaVolts;
    }
}
