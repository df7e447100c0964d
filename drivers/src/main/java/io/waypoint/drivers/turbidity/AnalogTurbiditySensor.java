package io.waypoint.drivers.turbidity;

import io.waypoint.drivers.ads1115.Ads1115;
import io.waypoint.drivers.ads1115.Ads1115Exception;
import java.util.Locale;
import java.util.Objects;

/**
 * An analog turbidity module (DFRobot SEN0189 class, 5 V, analog mode) read through an ADS1115
 * input behind a voltage divider.
 *
 * <p>A reading takes {@code samples} conversions, keeps their median, undoes the divider to get the
 * module's own output voltage, and then decides:
 * <ul>
 *   <li>below {@code unpluggedBelowVolts} (0.5 V): {@code fault:unplugged}: the divider pulls a
 *       disconnected input to ground;</li>
 *   <li>outside {@code minValidVolts}–{@code maxValidVolts} (2.4–4.25 V): {@code fault:out_of_range}:
 *       the vendor curve means nothing there (above 4.2 V it goes negative: a wiring fault or the
 *       module's digital mode, never clean water);</li>
 *   <li>otherwise NTU from the {@link TurbidityCalibration}.</li>
 * </ul>
 * An ADC that does not answer is {@code fault:adc_error}, with the ADC's own message. Faults are
 * results, not exceptions: the node reports them on the wire and keeps going.
 */
public final class AnalogTurbiditySensor {

    /**
     * Where and how the module is read.
     *
     * @param input               the ADS1115 input the divider feeds
     * @param dividerRatio        ADC volts over module volts, in (0, 1] (10 kΩ over 20 kΩ: 2/3)
     * @param samples             conversions per reading, their median is used (odd is best)
     * @param range               ADS1115 full scale; must cover maxValidVolts × dividerRatio
     * @param rate                ADS1115 data rate
     * @param unpluggedBelowVolts module volts below which the module is taken as disconnected
     * @param minValidVolts       lowest module voltage that is a water reading
     * @param maxValidVolts       highest module voltage that is a water reading
     */
    public record Config(Ads1115.Input input, double dividerRatio, int samples, Ads1115.FullScale range,
            Ads1115.DataRate rate, double unpluggedBelowVolts, double minValidVolts, double maxValidVolts) {

        public Config {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(rate, "rate");
            if (!(dividerRatio > 0 && dividerRatio <= 1)) {
                throw new IllegalArgumentException("divider ratio must be in (0, 1], was " + dividerRatio);
            }
            if (samples < 1 || samples > 64) {
                throw new IllegalArgumentException("samples per reading must be 1-64, was " + samples);
            }
            if (!(0 <= unpluggedBelowVolts && unpluggedBelowVolts < minValidVolts && minValidVolts < maxValidVolts)) {
                throw new IllegalArgumentException("expected 0 <= unplugged below < min valid < max valid volts, were "
                        + unpluggedBelowVolts + ", " + minValidVolts + ", " + maxValidVolts);
            }
            if (maxValidVolts * dividerRatio >= range.volts()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "ADC full scale %.3f V does not cover"
                        + " %.3f V (max valid %.2f V through the divider): choose a larger full scale",
                        range.volts(), maxValidVolts * dividerRatio, maxValidVolts));
            }
        }

        /** 10 kΩ over 20 kΩ divider, median of 5 at 128 SPS, ±4.096 V, valid 2.4–4.25 V, unplugged below 0.5 V. */
        public static Config defaults(Ads1115.Input input) {
            return new Config(input, 20.0 / 30.0, 5, Ads1115.FullScale.FS_4_096_V, Ads1115.DataRate.SPS_128,
                    0.5, 2.4, 4.25);
        }
    }

    private final Ads1115 adc;
    private final Config config;
    private final String part;
    private volatile TurbidityCalibration calibration;

    public AnalogTurbiditySensor(Ads1115 adc, Config config, TurbidityCalibration calibration) {
        this.adc = Objects.requireNonNull(adc, "adc");
        this.config = Objects.requireNonNull(config, "config");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.part = "turbidity sensor on " + adc.part() + " " + config.input();
    }

    /** A reading: NTU, or the fault that prevents one. */
    public TurbidityReading read() {
        double volts;
        try {
            volts = sensorVolts();
        } catch (Ads1115Exception e) {
            return new TurbidityReading.Fault("adc_error", Double.NaN, part + ": " + e.getMessage());
        }
        if (volts < config.unpluggedBelowVolts()) {
            return new TurbidityReading.Fault("unplugged", volts, String.format(Locale.ROOT,
                    "%s reads %.3f V: no signal; check the module's cable and plug, its 5 V supply and that its"
                    + " D/A switch is on A", part, volts));
        }
        if (volts < config.minValidVolts() || volts > config.maxValidVolts()) {
            String hint = volts > config.maxValidVolts()
                    ? "above the curve: set the module's D/A switch to A (analog) and check that the output is not"
                            + " wired to 5 V or the divider to the wrong input"
                    : "below the curve: clean the optical window, check the divider resistors and that the probe is"
                            + " immersed in water, not in mud or air";
            return new TurbidityReading.Fault("out_of_range", volts, String.format(Locale.ROOT,
                    "%s reads %.3f V, outside the valid %.2f-%.2f V: %s", part, volts, config.minValidVolts(),
                    config.maxValidVolts(), hint));
        }
        return new TurbidityReading.Ntu(calibration.ntu(volts), volts);
    }

    /**
     * The module's output voltage now (median of the configured samples, divider undone), for a
     * technician measuring standards during calibration.
     *
     * @throws Ads1115Exception if the ADC cannot be read
     */
    public double sensorVolts() {
        double[] samples = new double[config.samples()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = adc.readVolts(config.input(), config.range(), config.rate());
        }
        return Median.of(samples) / config.dividerRatio();
    }

    /** The calibration in use. */
    public TurbidityCalibration calibration() {
        return calibration;
    }

    /** Uses {@code calibration} from the next reading on. */
    public void calibration(TurbidityCalibration calibration) {
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }
}
