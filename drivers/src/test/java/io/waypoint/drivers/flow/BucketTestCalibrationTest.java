package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketTestCalibrationTest {

    @Test
    void kIsPulsesOverLitres() {
        assertThat(BucketTest.pulsesPerLitre(new BucketTest.Run(20, 9300, Duration.ofSeconds(90))))
                .isEqualTo(465.0);
    }

    @Test
    void oneRunGivesOneKForEveryFlow() {
        KFactor k = BucketTest.calibrate(List.of(new BucketTest.Run(10, 4620, Duration.ofSeconds(60))));

        assertThat(k).isEqualTo(KFactor.of(462));
    }

    @Test
    void runsAtSeveralFlowsGiveOneBandEach() {
        KFactor k = BucketTest.calibrate(List.of(
                new BucketTest.Run(24, 10_824, Duration.ofMinutes(2)),   // 12 L/min, 451 p/L
                new BucketTest.Run(4, 1920, Duration.ofMinutes(2))));     // 2 L/min, 480 p/L

        assertThat(k.bands()).containsExactly(new KFactor.Band(2, 480), new KFactor.Band(12, 451));
        assertThat(new BucketTest.Run(24, 10_824, Duration.ofMinutes(2)).lpm()).isCloseTo(12, within(1e-12));
    }

    @Test
    void aRunShorterThanAMinuteIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> BucketTest.pulsesPerLitre(new BucketTest.Run(5, 2300, Duration.ofSeconds(30))))
                .hasMessage("bucket test: the water ran 30 s: let it run at least 60 s"
                        + " (use a bigger container or a lower flow)");
    }

    @Test
    void tooFewPulsesPointAtTheWiring() {
        assertThatThrownBy(() -> BucketTest.pulsesPerLitre(new BucketTest.Run(5, 12, Duration.ofSeconds(90))))
                .hasMessageContaining("only 12 pulses").hasMessageContaining("pull-up");
    }

    @Test
    void anImplausibleKPointsAtTheLitresEntered() {
        assertThatThrownBy(() -> BucketTest.pulsesPerLitre(new BucketTest.Run(0.02, 2300, Duration.ofSeconds(90))))
                .hasMessageContaining("115000.0 pulses/L").hasMessageContaining("check the litres entered");
        assertThatThrownBy(() -> BucketTest.pulsesPerLitre(new BucketTest.Run(0, 2300, Duration.ofSeconds(90))))
                .hasMessageContaining("enter the litres");
    }
}
