package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    @Test
    void averagesTheWholeSecondsOfTheWindow() {
        RateWindow w = new RateWindow(Duration.ofSeconds(10));
        for (int s = 0; s < 20; s++) {
            w.add(T0.plusSeconds(s).plusMillis(500), 75);
        }

        assertThat(w.hertz(T0.plusSeconds(20))).isEqualTo(75.0);
    }

    @Test
    void ignoresTheSecondInProgressAndForgetsOldSeconds() {
        RateWindow w = new RateWindow(Duration.ofSeconds(10));
        w.add(T0, 100);
        w.add(T0.plusSeconds(5), 50);

        assertThat(w.hertz(T0.plusMillis(5_500))).isEqualTo(10.0);
        assertThat(w.hertz(T0.plusSeconds(11))).isEqualTo(5.0);
        assertThat(w.hertz(T0.plusSeconds(16))).isZero();
    }

    @Test
    void aBucketReusedAfterAWrapStartsFromZero() {
        RateWindow w = new RateWindow(Duration.ofSeconds(2));
        w.add(T0, 1000);
        w.add(T0.plusSeconds(3), 4);

        assertThat(w.hertz(T0.plusSeconds(4))).isEqualTo(2.0);
    }
}
