package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PortLightsTest {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private final ManualScheduler time = new ManualScheduler(T0);
    private final PortLights lights = new PortLights(time.clock(), 8);

    @Test
    void aPinWrittenLowLightsItsPortsLedAndEveryChangeIsKept() {
        lights.written(0b1111_1110);
        time.advance(Duration.ofSeconds(5));
        lights.written(0b1111_1111);

        assertThat(lights.history(1)).containsExactly(new PortLights.Change(T0, true),
                new PortLights.Change(T0.plusSeconds(5), false));
        assertThat(lights.history(2)).isEmpty();
        assertThat(lights.lit(1)).isFalse();
    }

    @Test
    void aPortLooksFreeOnlyWhenItsLightHasBeenSteadilyOn() {
        lights.written(0b1111_1100);
        assertThat(lights.looksFree(1, time.now())).as("just lit: maybe blinking").isFalse();
        time.advance(PortLights.STEADY);
        assertThat(lights.looksFree(1, time.now())).isTrue();
        assertThat(lights.looksFree(3, time.now())).as("dark").isFalse();

        // port 2 blinks every half second: in use
        for (int i = 0; i < 8; i++) {
            lights.written(i % 2 == 0 ? 0b1111_1110 : 0b1111_1100);
            time.advance(Duration.ofMillis(500));
        }
        assertThat(lights.looksFree(2, time.now())).isFalse();
        assertThat(lights.looksFree(1, time.now())).isTrue();
    }

    @Test
    void everyPortLooksFreeAtAKioskThatNeverDrivesItsLights() {
        assertThat(lights.looksFree(5, T0)).isTrue();
    }
}
