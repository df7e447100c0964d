package io.waypoint.drivers.turbidity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.waypoint.drivers.ads1115.Ads1115;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.Ads1115Chip;
import io.waypoint.sim.chip.AnalogSource;
import io.waypoint.sim.chip.TurbidityModule;
import io.waypoint.sim.chip.VoltageDivider;
import io.waypoint.sim.world.SensorCondition;
import io.waypoint.sim.world.WellPhysics;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sensor driver on the ADS1115 driver, against the SEN0189-class module through a divider, via Pi4J. */
class AnalogTurbiditySensorTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    /** A well whose water and sensor state the test sets. */
    private static final class Well implements WellPhysics {
        volatile double ntu;
        volatile SensorCondition sensor = SensorCondition.OK;

        @Override
        public double flowLpm(Instant t) {
            return 0;
        }

        @Override
        public double turbidityNtu(Instant t) {
            return ntu;
        }

        @Override
        public SensorCondition turbiditySensor(Instant t) {
            return sensor;
        }
    }

    private final ManualScheduler time = new ManualScheduler(T0);
    private final Well well = new Well();
    private final VoltageDivider divider = new VoltageDivider(10_000, 20_000);
    private final Ads1115Chip chip = new Ads1115Chip(time.clock())
            .connect(0, divider.of(TurbidityModule.facing(well)));
    private final SimBoard board = SimBoard.builder(time).i2c(1, 0x48, chip).build();
    private final Context pi4j = SimBoards.pi4jContext(board);
    private final Ads1115 adc = Ads1115.open(pi4j, 1, 0x48, time.clock(), time::advance);
    private final AnalogTurbiditySensor sensor = new AnalogTurbiditySensor(adc,
            AnalogTurbiditySensor.Config.defaults(Ads1115.Input.AIN0), TurbidityCalibration.vendorCurve());

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    private double ntu() {
        TurbidityReading r = sensor.read();
        assertThat(r).isInstanceOf(TurbidityReading.Ntu.class);
        assertThat(r.sensorField()).isEqualTo("ok");
        return ((TurbidityReading.Ntu) r).ntu();
    }

    @Test
    void readsTheWorldsTurbidityThroughTheDividerAndTheVendorCurve() {
        // near clear water one ADC LSB is 0.7 NTU and the module's noise about as much
        for (double truth : new double[] {0.5, 3, 10}) {
            well.ntu = truth;
            for (int i = 0; i < 20; i++) {
                assertThat(ntu()).as("%s NTU", truth).isCloseTo(truth, within(1.5));
                time.advance(Duration.ofSeconds(10));
            }
        }
        for (double truth : new double[] {100, 1000}) {
            well.ntu = truth;
            assertThat(ntu()).as("%s NTU", truth).isCloseTo(truth, within(truth * 0.01));
        }
    }

    @Test
    void theMedianKeepsNoiseBelowOneNtuNearClearWater() {
        well.ntu = 1.0;
        double sumSq = 0;
        for (int i = 0; i < 50; i++) {
            double e = ntu() - 1.0;
            sumSq += e * e;
            time.advance(Duration.ofSeconds(7));
        }
        assertThat(Math.sqrt(sumSq / 50)).isLessThan(1.0);
    }

    @Test
    void anUnpluggedSensorIsAFaultNeverAReading() {
        well.sensor = SensorCondition.UNPLUGGED;

        TurbidityReading r = sensor.read();

        assertThat(r).isInstanceOf(TurbidityReading.Fault.class);
        assertThat(r.sensorField()).isEqualTo("fault:unplugged");
        assertThat(((TurbidityReading.Fault) r).message())
                .startsWith("turbidity sensor on ADS1115 at I2C bus 1 address 0x48 AIN0 reads 0.0")
                .contains("check the module's cable");
    }

    @Test
    void aVoltageAboveTheCurveIsOutOfRangeNotCleanWater() {
        Ads1115Chip digitalMode = new Ads1115Chip(time.clock()).connect(1, divider.of(AnalogSource.constant(5.0)));
        SimBoard b = SimBoard.builder(time).i2c(1, 0x49, digitalMode).build();
        Context c = SimBoards.pi4jContext(b);
        try {
            AnalogTurbiditySensor s = new AnalogTurbiditySensor(Ads1115.open(c, 1, 0x49, time.clock(), time::advance),
                    AnalogTurbiditySensor.Config.defaults(Ads1115.Input.AIN1), TurbidityCalibration.vendorCurve());

            TurbidityReading r = s.read();

            assertThat(r.sensorField()).isEqualTo("fault:out_of_range");
            assertThat(((TurbidityReading.Fault) r).sensorVolts()).isCloseTo(5.0, within(0.001));
            assertThat(((TurbidityReading.Fault) r).message()).contains("reads 5.000 V, outside the valid 2.40-4.25 V")
                    .contains("D/A switch to A");
        } finally {
            c.shutdown();
        }
    }

    @Test
    void aVoltageBelowTheCurveIsOutOfRange() {
        Ads1115Chip low = new Ads1115Chip(time.clock()).connect(0, divider.of(AnalogSource.constant(2.0)));
        SimBoard b = SimBoard.builder(time).i2c(1, 0x4A, low).build();
        Context c = SimBoards.pi4jContext(b);
        try {
            AnalogTurbiditySensor s = new AnalogTurbiditySensor(Ads1115.open(c, 1, 0x4A, time.clock(), time::advance),
                    AnalogTurbiditySensor.Config.defaults(Ads1115.Input.AIN0), TurbidityCalibration.vendorCurve());

            assertThat(s.read().sensorField()).isEqualTo("fault:out_of_range");
        } finally {
            c.shutdown();
        }
    }

    @Test
    void driftShowsAsTurbidityTheWaterDoesNotHave() {
        well.ntu = 2;
        well.sensor = new SensorCondition.Drift(6);

        assertThat(ntu()).isCloseTo(8, within(1.5));
    }

    @Test
    void aStuckSensorGivesTheSameVoltageWhateverTheWater() {
        well.sensor = new SensorCondition.Stuck(4);
        well.ntu = 1;
        double first = ntu();
        well.ntu = 50;

        assertThat(ntu()).isEqualTo(first);
    }

    @Test
    void aMissingAdcIsAnAdcFaultNamingTheChip() {
        AnalogTurbiditySensor s = new AnalogTurbiditySensor(Ads1115.open(pi4j, 1, 0x4B, time.clock(), time::advance),
                AnalogTurbiditySensor.Config.defaults(Ads1115.Input.AIN0), TurbidityCalibration.vendorCurve());

        TurbidityReading r = s.read();

        assertThat(r.sensorField()).isEqualTo("fault:adc_error");
        assertThat(((TurbidityReading.Fault) r).message()).contains("ADS1115 at I2C bus 1 address 0x4B did not answer");
    }

    @Test
    void aNewCalibrationAppliesFromTheNextReading() {
        well.ntu = 10;
        double volts = sensor.sensorVolts();
        sensor.calibration(TurbidityCalibration.of(List.of(new TurbidityCalibration.Point(volts - 0.1, 40),
                new TurbidityCalibration.Point(volts, 20), new TurbidityCalibration.Point(volts + 0.1, 0))));

        assertThat(ntu()).isCloseTo(20, within(1.0));
    }

    @Test
    void aConfigWhoseRangeCannotCoverTheValidVoltageIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AnalogTurbiditySensor.Config(Ads1115.Input.AIN0,
                2.0 / 3, 5, Ads1115.FullScale.FS_2_048_V, Ads1115.DataRate.SPS_128, 0.5, 2.4, 4.25))
                .hasMessageContaining("choose a larger full scale");
    }
}
