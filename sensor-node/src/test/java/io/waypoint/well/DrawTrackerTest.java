package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DrawTrackerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    private final DrawTracker d = new DrawTracker();

    @Test
    void aDrawIsThePulsesBetweenTwoIdleSamples() {
        d.sample(T0, 1000, false);
        d.sample(T0.plusSeconds(10), 1400, true);
        d.sample(T0.plusSeconds(20), 5000, true);
        assertThat(d.lastDraw()).isEmpty();
        d.sample(T0.plusSeconds(30), 5500, false);
        assertThat(d.lastDraw()).hasValueSatisfying(draw -> {
            assertThat(draw.pulses()).isEqualTo(4500);
            assertThat(draw.duration()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aDrawSeenWithoutItsStartIsNotABucketTest() {
        d.sample(T0, 1400, true); // the node started while the tap was open
        d.sample(T0.plusSeconds(10), 5000, false);
        assertThat(d.lastDraw()).isEmpty();
    }

    @Test
    void theNextDrawReplacesTheLast() {
        d.sample(T0, 0, false);
        d.sample(T0.plusSeconds(10), 100, true);
        d.sample(T0.plusSeconds(20), 200, false);
        d.sample(T0.plusSeconds(30), 250, true);
        d.sample(T0.plusSeconds(40), 900, false);
        assertThat(d.lastDraw().orElseThrow().pulses()).isEqualTo(700);
    }
}
