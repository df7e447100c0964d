package io.waypoint.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private static List<Long> seconds(ReconnectBackoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.afterFailure().toMillis() / 1000);
        }
        return out;
    }

    @Test
    void doublesFromOneSecondToSixtyWithoutJitter() {
        ReconnectBackoff b = ReconnectBackoff.standard(() -> 0.5); // 0.5 → factor exactly 1
        assertThat(seconds(b, 9)).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void jitterStaysWithinTwentyFivePercent() {
        Random r = new Random(42);
        ReconnectBackoff b = ReconnectBackoff.standard(r::nextDouble);
        for (int i = 0; i < 6; i++) {
            b.afterFailure();
        }
        boolean sawBelow = false, sawAbove = false;
        for (int i = 0; i < 1000; i++) {
            long ms = b.afterFailure().toMillis();
            assertThat(ms).isBetween(45_000L, 75_000L);
            sawBelow |= ms < 55_000;
            sawAbove |= ms > 65_000;
        }
        assertThat(sawBelow && sawAbove).as("jitter spreads both ways").isTrue();
    }

    @Test
    void resetsOnlyAfterTheConnectionStayedUpThirtySeconds() {
        ReconnectBackoff b = ReconnectBackoff.standard(() -> 0.5);
        seconds(b, 4); // 1, 2, 4, 8

        b.connected(T0);
        b.disconnected(T0.plusSeconds(29)); // flapping broker: keeps growing
        assertThat(b.afterFailure()).isEqualTo(Duration.ofSeconds(16));

        b.connected(T0.plusSeconds(100));
        b.disconnected(T0.plusSeconds(130));
        assertThat(b.afterFailure()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedLoginIsRetriedSlowly() {
        ReconnectBackoff b = ReconnectBackoff.standard(() -> 0.5);
        assertThat(b.afterAuthFailure()).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.afterAuthFailure()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLowerCeilingCapsTheDelayButKeepsTheShapeAndTheJitter() {
        ReconnectBackoff b = ReconnectBackoff.upTo(Duration.ofSeconds(2), () -> 0.5);
        assertThat(seconds(b, 5)).containsExactly(1L, 2L, 2L, 2L, 2L);
        ReconnectBackoff jittered = ReconnectBackoff.upTo(Duration.ofSeconds(2), () -> 0.999);
        seconds(jittered, 3);
        assertThat(jittered.afterFailure().toMillis()).isBetween(2_400L, 2_500L);
    }

    @Test
    void anUplinkWaitsAtMostItsReconnectCeilingAndSixtySecondsByDefault() {
        UplinkOptions field = UplinkOptions.of(java.net.URI.create("tcp://127.0.0.1:1883"), "site.node");
        assertThat(field.reconnectMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(field.withReconnectMax(Duration.ofSeconds(2)).reconnectMax()).isEqualTo(Duration.ofSeconds(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> field.withReconnectMax(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reconnectMax");
    }
}
