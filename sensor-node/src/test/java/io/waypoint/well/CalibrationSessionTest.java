package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalibrationSessionTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    private final CalibrationSession s = new CalibrationSession();

    @Test
    void threeStandardsMakeACalibration() {
        assertThat(s.add(T0, 4.15, 0).calibration()).isNull();
        CalibrationSession.Outcome second = s.add(T0.plusSeconds(120), 3.9, 10);
        assertThat(second.calibration()).isNull();
        assertThat(second.message()).startsWith("point 2 of at least 3");
        CalibrationSession.Outcome third = s.add(T0.plusSeconds(240), 3.1, 100);
        assertThat(third.calibration()).isNotNull();
        assertThat(third.calibration().ntu(3.9)).isEqualTo(10.0);
        assertThat(third.calibration().ntu(3.5)).isBetween(10.0, 100.0);
    }

    @Test
    void remeasuringAStandardReplacesItsPoint() {
        s.add(T0, 4.15, 0);
        s.add(T0.plusSeconds(60), 3.8, 10);
        s.add(T0.plusSeconds(120), 3.9, 10);
        assertThat(s.points()).hasSize(2).anyMatch(p -> p.volts() == 3.9);
    }

    @Test
    void pointsFromAnotherDayStartANewSession() {
        s.add(T0, 4.15, 0);
        s.add(T0.plusSeconds(60), 3.9, 10);
        assertThat(s.add(T0.plusSeconds(60).plus(Duration.ofDays(2)), 3.1, 100).calibration()).isNull();
        assertThat(s.points()).hasSize(1);
    }

    @Test
    void pointsThatContradictEachOtherAreRefusedWithAdvice() {
        s.add(T0, 4.15, 0);
        s.add(T0.plusSeconds(60), 3.9, 10);
        assertThatThrownBy(() -> s.add(T0.plusSeconds(120), 4.0, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NTU must fall as the voltage rises");
        assertThat(s.points()).hasSize(2); // the bad point was not kept
    }
}
