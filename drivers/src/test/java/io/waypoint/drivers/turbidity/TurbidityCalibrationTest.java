package io.waypoint.drivers.turbidity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.waypoint.drivers.turbidity.TurbidityCalibration.Point;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurbidityCalibrationTest {
    private static final List<Point> THREE = List.of(new Point(4.1, 10), new Point(3.5, 1000), new Point(3.9, 100));

    private static double vendor(double v) {
        return -1120.4 * v * v + 5742.3 * v - 4352.9;
    }

    @Test
    void interpolatesLinearlyBetweenPointsSortedByVoltage() {
        TurbidityCalibration c = TurbidityCalibration.of(THREE);

        assertThat(c.points()).extracting(Point::volts).containsExactly(3.5, 3.9, 4.1);
        assertThat(c.ntu(3.9)).isCloseTo(100, within(1e-9));
        assertThat(c.ntu(4.0)).isCloseTo(55, within(1e-9));
        assertThat(c.ntu(3.7)).isCloseTo(550, within(1e-9));
    }

    @Test
    void extendsTheEndSegmentsButNeverBelowZero() {
        TurbidityCalibration c = TurbidityCalibration.of(THREE);

        assertThat(c.ntu(4.15)).isZero(); // 10 - 450 × 0.05 < 0
        assertThat(c.ntu(4.11)).isCloseTo(5.5, within(1e-9));
        assertThat(c.ntu(3.4)).isCloseTo(1225, within(1e-9));
    }

    @Test
    void needsAtLeastThreePoints() {
        assertThatThrownBy(() -> TurbidityCalibration.of(THREE.subList(0, 2)))
                .hasMessageContaining("at least 3 points");
    }

    @Test
    void refusesTwoPointsAtOneVoltage() {
        assertThatThrownBy(() -> TurbidityCalibration.of(List.of(new Point(4.1, 10), new Point(4.1, 12),
                new Point(3.5, 1000)))).hasMessageContaining("two calibration points at 4.1000 V");
    }

    @Test
    void refusesNtuThatRisesWithVoltage() {
        assertThatThrownBy(() -> TurbidityCalibration.of(List.of(new Point(4.1, 10), new Point(3.9, 5),
                new Point(3.5, 1000)))).hasMessageContaining("NTU must fall as the voltage rises")
                .hasMessageContaining("3.9000 V = 5.0 NTU");
    }

    @Test
    void vendorCurveFollowsTheFormulaOnItsValidRange() {
        TurbidityCalibration c = TurbidityCalibration.vendorCurve();

        for (double v = 2.6; v <= 4.2; v += 0.0137) {
            assertThat(c.ntu(v)).as("%s V", v).isCloseTo(vendor(v), within(0.03));
        }
        assertThat(c.ntu(4.20)).isCloseTo(0.904, within(0.001));
        assertThat(c.ntu(4.2003)).isZero();
        assertThat(c.ntu(4.25)).isZero();
    }

    @Test
    void textRoundTripsExactly() {
        TurbidityCalibration c = TurbidityCalibration.vendorCurve();

        assertThat(TurbidityCalibration.parse(c.toText(), "x")).isEqualTo(c);
    }

    @Test
    void parseErrorsNameTheSourceLineAndValue() {
        assertThatThrownBy(() -> TurbidityCalibration.parse("# head\n4.1 10\n3.9 lots\n3.5 1000\n", "/data/turbidity.cal"))
                .hasMessage("/data/turbidity.cal line 3: '3.9 lots': expected two numbers, sensor volts (> 0) and NTU (>= 0)");
        assertThatThrownBy(() -> TurbidityCalibration.parse("4.1 10\n3.9 -2\n3.5 1000\n", "f"))
                .hasMessageStartingWith("f line 2: '3.9 -2'");
        assertThatThrownBy(() -> TurbidityCalibration.parse("4.1 10\n3.5 1000\n", "f"))
                .hasMessageStartingWith("f: a turbidity calibration needs at least 3 points");
    }

    @Test
    void savesAtomicallyAndLoadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("turbidity.cal");
        TurbidityCalibration c = TurbidityCalibration.of(THREE);
        Files.writeString(file, "old content that is not a calibration");

        c.save(file);

        assertThat(TurbidityCalibration.loadOrVendorCurve(file)).isEqualTo(c);
        assertThat(Files.list(dir)).containsExactly(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("# waypoint turbidity calibration");
    }

    @Test
    void withoutAFileTheVendorCurveApplies(@TempDir Path dir) throws Exception {
        assertThat(TurbidityCalibration.loadOrVendorCurve(dir.resolve("none.cal")))
                .isEqualTo(TurbidityCalibration.vendorCurve());
    }
}
