package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhantomFilterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private final PhantomFilter filter = new PhantomFilter(3, Duration.ofSeconds(2));

    @Test
    void isolatedPulsesAreHeldThenDroppedAsNoise() {
        assertThat(filter.pulse(T0)).isZero();
        assertThat(filter.pulse(T0.plusSeconds(30))).isZero();
        assertThat(filter.pulse(T0.plusSeconds(31))).isZero();
        filter.expire(T0.plusSeconds(60));

        assertThat(filter.rejected()).isEqualTo(3);
    }

    @Test
    void aBurstBecomesFlowWithAllItsPulses() {
        assertThat(filter.pulse(T0)).isZero();
        assertThat(filter.pulse(T0.plusMillis(100))).isZero();
        assertThat(filter.pulse(T0.plusMillis(200))).isEqualTo(3);
        assertThat(filter.pulse(T0.plusMillis(300))).isEqualTo(1);
        assertThat(filter.rejected()).isZero();
    }

    @Test
    void flowThatPausesLongerThanTheWindowMustProveItselfAgain() {
        filter.pulse(T0);
        filter.pulse(T0.plusMillis(100));
        filter.pulse(T0.plusMillis(200));

        assertThat(filter.pulse(T0.plusSeconds(10))).isZero();
        assertThat(filter.pulse(T0.plusMillis(10_100))).isZero();
        assertThat(filter.pulse(T0.plusMillis(10_200))).isEqualTo(3);
    }

    @Test
    void slowFlowWithinTheWindowKeepsCounting() {
        filter.pulse(T0);
        filter.pulse(T0.plusMillis(500));
        filter.pulse(T0.plusMillis(1000));

        for (int i = 1; i <= 10; i++) {
            assertThat(filter.pulse(T0.plusMillis(1000 + i * 1900L))).isEqualTo(1);
        }
    }

    @Test
    void aSinglePulseThresholdCountsEverything() {
        PhantomFilter none = new PhantomFilter(1, Duration.ofSeconds(1));

        assertThat(none.pulse(T0)).isEqualTo(1);
        assertThat(none.pulse(T0.plusSeconds(100))).isEqualTo(1);
    }
}
