package io.waypoint.sim.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waypoint.sim.world.SensorCondition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurbidityModuleTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private static TurbidityModule module(double ntu, SensorCondition condition, double noise) {
        return new TurbidityModule(t -> ntu, t -> condition, noise, 1);
    }

    @Test
    void invertsTheVendorCurveOnItsFallingBranch() {
        for (double ntu : new double[] {0.5, 1, 5, 50, 500, 2500}) {
            double v = TurbidityModule.voltsForNtu(ntu);
            assertThat(TurbidityModule.vendorNtu(v)).as("%s NTU", ntu).isCloseTo(ntu, within(1e-6));
            assertThat(v).isBetween(2.56, 4.21);
        }
        assertThat(TurbidityModule.voltsForNtu(0)).isCloseTo(4.2002, within(0.0001));
    }

    @Test
    void saturatesBeyondTheCurve() {
        assertThat(TurbidityModule.voltsForNtu(-10)).isEqualTo(TurbidityModule.voltsForNtu(0));
        assertThat(TurbidityModule.voltsForNtu(10_000)).isCloseTo(2.5627, within(0.0001));
        assertThat(TurbidityModule.MAX_NTU).isCloseTo(3004.5, within(0.5));
    }

    @Test
    void clearerWaterGivesHigherVoltage() {
        assertThat(TurbidityModule.voltsForNtu(1)).isGreaterThan(TurbidityModule.voltsForNtu(5));
    }

    @Test
    void noiseIsSmallAndRepeatsForTheSameInstant() {
        TurbidityModule m = module(3, SensorCondition.OK, 0.0002);
        double clean = TurbidityModule.voltsForNtu(3);
        double sumSq = 0;
        for (int i = 0; i < 1000; i++) {
            Instant t = T0.plusMillis(i * 37L);
            double v = m.volts(t);
            assertThat(m.volts(t)).isEqualTo(v);
            sumSq += (v - clean) * (v - clean);
        }
        assertThat(Math.sqrt(sumSq / 1000)).isBetween(0.00015, 0.00025);
    }

    @Test
    void driftAddsNtuBeforeTheCurve() {
        assertThat(module(2, new SensorCondition.Drift(3), 0).volts(T0))
                .isCloseTo(TurbidityModule.voltsForNtu(5), within(1e-9));
    }

    @Test
    void stuckFreezesTheOutputWithoutNoise() {
        TurbidityModule m = new TurbidityModule(t -> t.getEpochSecond() % 100, t -> new SensorCondition.Stuck(7), 0.0002, 1);

        assertThat(m.volts(T0)).isEqualTo(TurbidityModule.voltsForNtu(7));
        assertThat(m.volts(T0.plusSeconds(33))).isEqualTo(TurbidityModule.voltsForNtu(7));
    }

    @Test
    void unpluggedReadsNearZeroVolts() {
        TurbidityModule m = module(2, SensorCondition.UNPLUGGED, 0.0002);

        for (int i = 0; i < 100; i++) {
            assertThat(m.volts(T0.plusSeconds(i))).isBetween(0.0, 0.01);
        }
    }

    @Test
    void aDividerScalesTheOutputForTheAdc() {
        VoltageDivider divider = new VoltageDivider(10_000, 20_000);
        AnalogSource atAdc = divider.of(module(0, SensorCondition.OK, 0));

        assertThat(atAdc.volts(T0)).isCloseTo(4.2002 * 2 / 3, within(0.0001));
    }
}
