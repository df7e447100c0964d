package io.waypoint.sim.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.chip.HallFlowMeter;
import io.waypoint.sim.chip.ScriptedEdges;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimBoardTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private record Seen(Instant at, boolean high) {}

    @Test
    void deliversEdgesInOrderOncePerTick() {
        ManualScheduler time = new ManualScheduler(T0);
        ScriptedEdges wire = new ScriptedEdges(true);
        SimBoard board = SimBoard.builder(time).input(4, wire).tick(Duration.ofMillis(100)).build();
        List<Seen> seen = new ArrayList<>();
        board.openInput(4, true, Duration.ZERO, (at, high) -> seen.add(new Seen(at, high)));

        wire.at(T0.plusMillis(10), false).at(T0.plusMillis(20), true).at(T0.plusMillis(150), false);
        time.advance(Duration.ofMillis(99));
        assertThat(seen).isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(seen).containsExactly(new Seen(T0.plusMillis(10), false), new Seen(T0.plusMillis(20), true));
        time.advance(Duration.ofMillis(100));
        assertThat(seen).hasSize(3);
    }

    @Test
    void aLateTickHandsOverASimulatedSecondOfEdgesAtATimeNotTheMinutesItIsLateBy() {
        ManualScheduler time = new ManualScheduler(T0);
        HallFlowMeter meter = HallFlowMeter.builder(t -> 100.0 / 3).build(); // 250 Hz: 500 edges a second
        SimBoard board = SimBoard.builder(time).input(17, meter).tick(Duration.ofHours(1)).build();
        long[] falling = new long[1];
        board.openInput(17, true, Duration.ZERO, (at, high) -> falling[0] += high ? 0 : 1);

        // the board's tick comes ten simulated minutes late: 300,000 edges are due at once
        time.advance(Duration.ofMinutes(10));
        board.tick();

        assertThat(falling[0]).isEqualTo(meter.truePulses()).isBetween(149_999L, 150_001L);
        // a second's edges (plus the one the debounce releases at a step's end), not ten minutes' worth
        assertThat(board.largestHandOver()).isBetween(1, 502);
    }

    @Test
    void defaultTickIsFiveMillisecondsOfWallTimeButAtMostASimulatedSecondUntilOneMillisecondOfWallTime() {
        assertThat(SimBoard.defaultTick(1)).isEqualTo(Duration.ofMillis(5));
        assertThat(SimBoard.defaultTick(60)).isEqualTo(Duration.ofMillis(300));
        assertThat(SimBoard.defaultTick(720)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SimBoard.defaultTick(3600)).isEqualTo(Duration.ofMillis(3600));
    }

    @Test
    void anOpenCollectorSourceWithoutPullUpReadsLowAndGivesNoEdges() {
        ManualScheduler time = new ManualScheduler(T0);
        HallFlowMeter meter = HallFlowMeter.builder(t -> 10.0).build();
        SimBoard board = SimBoard.builder(time).input(17, meter).build();
        List<Seen> seen = new ArrayList<>();
        SimBoard.InputHandle in = board.openInput(17, false, Duration.ZERO, (at, high) -> seen.add(new Seen(at, high)));

        time.advance(Duration.ofSeconds(2));

        assertThat(in.high()).isFalse();
        assertThat(seen).isEmpty();
        assertThat(meter.truePulses()).isGreaterThan(100);
    }

    @Test
    void aPullUpOnTheBoardServesAnOpenCollectorSource() {
        ManualScheduler time = new ManualScheduler(T0);
        HallFlowMeter meter = HallFlowMeter.builder(t -> 10.0).build();
        SimBoard board = SimBoard.builder(time).input(17, meter).externalPullUp(17).build();
        List<Seen> seen = new ArrayList<>();
        board.openInput(17, false, Duration.ZERO, (at, high) -> seen.add(new Seen(at, high)));

        time.advance(Duration.ofSeconds(2));

        assertThat(seen.stream().filter(s -> !s.high()).count()).isEqualTo(meter.truePulses());
    }

    @Test
    void anInputCanBeOpenedOnceAtATime() {
        SimBoard board = SimBoard.builder(new ManualScheduler(T0)).build();
        SimBoard.InputHandle first = board.openInput(5, true, Duration.ZERO, (at, high) -> { });

        assertThatThrownBy(() -> board.openInput(5, true, Duration.ZERO, (at, high) -> { }))
                .hasMessageContaining("GPIO 5 is already open");
        first.close();
        board.openInput(5, true, Duration.ZERO, (at, high) -> { }).close();
    }

    @Test
    void outputHistoryAnswersWhatThePinShowedAndWhen() {
        ManualScheduler time = new ManualScheduler(T0);
        SimBoard board = SimBoard.builder(time).output(27, "do-not-drink LED").build();
        List<Boolean> lamp = new ArrayList<>();
        board.output(27).onChange((at, high) -> lamp.add(high));

        board.driveOutput(27, false);
        time.advance(Duration.ofMinutes(2));
        board.driveOutput(27, true);
        board.driveOutput(27, true);
        time.advance(Duration.ofMinutes(10));
        board.driveOutput(27, false);

        OutputPin led = board.output(27);
        assertThat(led.history()).containsExactly(new OutputPin.Change(T0, false),
                new OutputPin.Change(T0.plusSeconds(120), true), new OutputPin.Change(T0.plusSeconds(720), false));
        assertThat(led.highAt(T0.plusSeconds(300))).contains(true);
        assertThat(led.highAt(T0.minusSeconds(1))).isEmpty();
        assertThat(led.highDuring(T0, T0.plusSeconds(3600))).isEqualTo(Duration.ofMinutes(10));
        assertThat(lamp).containsExactly(false, true, false);
        assertThat(board.output(3).part()).isEqualTo("nothing");
    }

    @Test
    void atHighSpeedEdgesArriveInBatchesButInOrderAndComplete() {
        Scheduler fast = Scheduler.scaled(T0, 200, "board-test");
        try {
            // water flows for a minute from 10 s after the input is open: class loading on a loaded
            // machine can take tens of simulated seconds at 200x, so the start is not a fixed instant
            java.util.concurrent.atomic.AtomicReference<Instant> flowFrom = new java.util.concurrent.atomic.AtomicReference<>(Instant.MAX);
            HallFlowMeter meter = HallFlowMeter.builder(t -> {
                Instant from = flowFrom.get();
                return t.isAfter(from) && t.isBefore(from.plusSeconds(60)) ? 30.0 : 0.0;
            }).build();
            SimBoard board = SimBoard.builder(fast).input(17, meter).build();
            List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
            board.openInput(17, true, Duration.ofNanos(200_000), (at, high) -> seen.add(new Seen(at, high)));
            Instant from = fast.now().plusSeconds(10);
            flowFrom.set(from);

            await().atMost(Duration.ofSeconds(30)).until(() -> fast.now().isAfter(from.plusSeconds(65)));
            board.close();
            board.tick(); // the scheduler thread may lag behind the clock on a loaded machine

            List<Seen> copy;
            synchronized (seen) {
                copy = new ArrayList<>(seen);
            }
            for (int i = 1; i < copy.size(); i++) {
                assertThat(copy.get(i).at()).isAfter(copy.get(i - 1).at());
                assertThat(copy.get(i).high()).isNotEqualTo(copy.get(i - 1).high());
            }
            assertThat(copy.stream().filter(s -> !s.high()).count()).isEqualTo(meter.truePulses());
            assertThat(meter.truePulses()).isBetween(13_490L, 13_510L); // flow sampled every 10 ms
        } finally {
            fast.close();
        }
    }
}
