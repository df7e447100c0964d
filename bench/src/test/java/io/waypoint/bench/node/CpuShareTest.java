package io.waypoint.bench.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.waypoint.bench.CpuTicks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuShareTest {

    @Test
    void ticksOverAWindowAreAShareOfOneCore() {
        // 56 ticks of 10 ms in 20 s: 0.56 s of CPU in 20 s
        assertThat(CpuShare.percentOfOneCore(56, 100, Duration.ofSeconds(20))).isCloseTo(2.8, within(1e-9));
        assertThat(CpuShare.percentOfOneCore(200, 100, Duration.ofSeconds(1))).isCloseTo(200, within(1e-9));
        assertThat(CpuShare.percentOfOneCore(0, 100, Duration.ofMillis(1500))).isZero();
    }

    @Test
    void aWindowOrTickRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> CpuShare.percentOfOneCore(1, 100, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuShare.percentOfOneCore(1, 0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheCountedThreadsTicksInTheWindowAddUpAndANewThreadCountsFromZero() {
        Map<Long, CpuTicks> before = Map.of(
                1L, new CpuTicks("link-w1", 10, 5),
                2L, new CpuTicks("sim-well-1", 100, 50),
                3L, new CpuTicks("serial-rx /dev/", 7, 3));
        Map<Long, CpuTicks> after = Map.of(
                1L, new CpuTicks("link-w1", 12, 6),      // +3
                2L, new CpuTicks("sim-well-1", 130, 60), // +40, the simulator's
                3L, new CpuTicks("serial-rx /dev/", 9, 4), // +3
                4L, new CpuTicks("MQTT Ping: s.w1", 1, 1)); // born in the window: +2
        assertThat(CpuShare.ticksBetween(before, after, n -> !NodeFigures.isSimulatorThread(n))).isEqualTo(8);
        assertThat(CpuShare.ticksBetween(before, after, n -> true)).isEqualTo(48);
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(CpuShare.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(CpuShare.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(CpuShare.median(List.of(7.5))).isEqualTo(7.5);
        assertThatThrownBy(() -> CpuShare.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSimulatorsThreadsAreThoseNamedSim() {
        assertThat(NodeFigures.isSimulatorThread("sim-well-1")).isTrue();
        assertThat(NodeFigures.isSimulatorThread("sim-socat-stderr")).isTrue();
        assertThat(NodeFigures.isSimulatorThread("well-1")).isFalse();
        assertThat(NodeFigures.isSimulatorThread("serial-rx /dev/")).isFalse();
    }
}
