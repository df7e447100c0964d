package io.waypoint.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScaledSchedulerTest {

    @Test
    void aMinuteOfSimulatedTimePassesInMillisecondsAtHighSpeed() {
        Instant start = Instant.parse("2026-01-01T06:00:00Z");
        try (Scheduler s = Scheduler.scaled(start, 6000, "test")) {
            AtomicReference<Instant> ranAt = new AtomicReference<>();
            s.schedule(Duration.ofMinutes(1), () -> ranAt.set(s.now()));

            // 60 s of scheduler time at speed 6000 is 10 ms of wall time
            await().atMost(Duration.ofSeconds(5)).until(() -> ranAt.get() != null);
            assertThat(ranAt.get()).isAfterOrEqualTo(start.plusSeconds(60));
            assertThat(s.speed()).isEqualTo(6000);
        }
    }

    @Test
    void clockStartsAtTheChosenInstant() {
        Instant start = Instant.parse("2026-01-01T06:00:00Z");
        try (Scheduler s = Scheduler.scaled(start, 1, "test")) {
            assertThat(Duration.between(start, s.now())).isBetween(Duration.ZERO, Duration.ofMinutes(1));
        }
    }

    @Test
    void aThrowingPeriodicTaskKeepsItsSchedule() {
        try (Scheduler s = Scheduler.scaled(Instant.EPOCH, 1000, "test")) {
            java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
            s.every(Duration.ZERO, Duration.ofSeconds(1), () -> {
                runs.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        }
    }

    @Test
    void refusesANonPositiveSpeed() {
        assertThatThrownBy(() -> Scheduler.scaled(Instant.EPOCH, 0, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scheduler.scaled(Instant.EPOCH, Double.NaN, "t")).isInstanceOf(IllegalArgumentException.class);
    }
}
