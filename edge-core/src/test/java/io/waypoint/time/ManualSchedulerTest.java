package io.waypoint.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void runsDueTasksInTimeOrderWithTheClockAtTheirDueTime() {
        ManualScheduler s = new ManualScheduler(T0);
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(30), () -> ran.add("b@" + s.now()));
        s.schedule(Duration.ofSeconds(10), () -> ran.add("a@" + s.now()));
        s.schedule(Duration.ofSeconds(90), () -> ran.add("c@" + s.now()));

        s.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("a@2026-11-27T00:00:10Z", "b@2026-11-27T00:00:30Z");
        assertThat(s.now()).isEqualTo(T0.plusSeconds(60));
        assertThat(s.pending()).isEqualTo(1);
    }

    @Test
    void periodicTaskRunsOncePerPeriodUntilCancelled() {
        ManualScheduler s = new ManualScheduler(T0);
        List<Instant> ran = new ArrayList<>();
        Scheduler.Task task = s.every(Duration.ZERO, Duration.ofSeconds(10), () -> ran.add(s.now()));

        s.advance(Duration.ofSeconds(35));
        task.cancel();
        s.advance(Duration.ofMinutes(10));

        assertThat(ran).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
    }

    @Test
    void taskMayScheduleAnotherThatRunsInTheSameAdvance() {
        ManualScheduler s = new ManualScheduler(T0);
        List<Instant> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(1), () -> s.schedule(Duration.ofSeconds(1), () -> ran.add(s.now())));

        s.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly(T0.plusSeconds(2));
    }

    @Test
    void clockJumpBackwardsRunsNothing() {
        ManualScheduler s = new ManualScheduler(T0);
        List<Instant> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(1), () -> ran.add(s.now()));

        s.set(T0.minus(Duration.ofDays(365)));

        assertThat(ran).isEmpty();
        assertThat(s.now()).isEqualTo(T0.minus(Duration.ofDays(365)));
    }
}
