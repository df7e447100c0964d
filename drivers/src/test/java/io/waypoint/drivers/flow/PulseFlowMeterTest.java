package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.HallFlowMeter;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meter driver against the YF-S201-class emulation on a simulated GPIO, through Pi4J. */
class PulseFlowMeterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final int PIN = 17;

    @TempDir
    Path dir;

    private final ManualScheduler time = new ManualScheduler(T0);
    private SimBoard board;
    private Context pi4j;
    private PulseFlowMeter meter;

    @AfterEach
    void shutdown() {
        if (meter != null) {
            meter.close();
        }
        if (pi4j != null) {
            pi4j.shutdown();
        }
        if (board != null) {
            board.close();
        }
    }

    /** Water between {@code from} and {@code to} seconds after T0, at {@code lpm}. */
    private static ToDoubleFunction<Instant> flow(double lpm, long from, long to) {
        return t -> t.isAfter(T0.plusSeconds(from)) && t.isBefore(T0.plusSeconds(to)) ? lpm : 0.0;
    }

    private PulseFlowMeter meterOn(HallFlowMeter source, PulseFlowMeter.Config config) throws Exception {
        board = SimBoard.builder(time).input(PIN, source).build();
        pi4j = SimBoards.pi4jContext(board);
        meter = PulseFlowMeter.open(pi4j, PIN, config, dir.resolve("flow.total"), time.clock());
        return meter;
    }

    private void run(Duration d) {
        for (Duration done = Duration.ZERO; done.compareTo(d) < 0; done = done.plusMinutes(1)) {
            time.advance(Duration.ofMinutes(1).compareTo(d.minus(done)) < 0 ? Duration.ofMinutes(1) : d.minus(done));
        }
    }

    @Test
    void countsEveryPulseAt250HertzForASimulatedHour() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(250.0 * 60 / 450, 1, 3601))
                .curve(HallFlowMeter.Curve.constant(450)).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        run(Duration.ofSeconds(3605));
        PulseFlowMeter.Snapshot s = meter.snapshot();

        assertThat(source.truePulses()).isBetween(899_990L, 900_010L);
        assertThat(s.pulses()).isEqualTo(source.truePulses());
        assertThat(s.rejectedPulses()).isZero();
        assertThat(s.totalLitres()).isCloseTo(source.truePulses() / 450.0, within(1e-6));
    }

    @Test
    void countsEveryPulseWhenEdgesArriveInBatchesAtHighSpeed() throws Exception {
        // 720x: the board's scheduler thread delivers 3.6 s of edges (900 pulses) per 5 ms tick
        Scheduler fast = Scheduler.scaled(T0, 720, "flow-fast");
        try {
            // the water starts 10 s after the meter opened, however long Pi4J took to start
            AtomicReference<Instant> start = new AtomicReference<>(Instant.MAX);
            HallFlowMeter source = HallFlowMeter.builder(t -> t.isAfter(start.get())
                    && t.isBefore(start.get().plusSeconds(3600)) ? 250.0 * 60 / 450 : 0.0)
                    .curve(HallFlowMeter.Curve.constant(450)).build();
            board = SimBoard.builder(fast).input(PIN, source).build();
            pi4j = SimBoards.pi4jContext(board);
            // what is tested is delivery: at 720x a few ms of wall-clock jitter puts a batch more than the
            // phantom window (2 s) after the previous one, and a batch of one or two pulses at the end of
            // the flow would be held as noise, so the phantom filter is off (it is tested on its own)
            PulseFlowMeter.Config d = PulseFlowMeter.Config.defaults(KFactor.of(450));
            meter = PulseFlowMeter.open(pi4j, PIN, new PulseFlowMeter.Config(d.kFactor(), d.debounceMicros(), 1,
                    d.phantomWindow(), d.rateWindow(), d.persistEveryLitres()), dir.resolve("flow.total"), fast.clock());
            Instant end = fast.now().plusSeconds(3610);
            start.set(end.minusSeconds(3600));

            await().atMost(Duration.ofMinutes(2)).until(() -> fast.now().isAfter(end.plusSeconds(5)));
            board.close();
            board.tick(); // whatever the scheduler thread had not delivered yet

            assertThat(source.truePulses()).isBetween(899_990L, 900_010L);
            assertThat(meter.snapshot().pulses()).isEqualTo(source.truePulses());
        } finally {
            fast.close();
        }
    }

    @Test
    void withBounceAndDebounceTheCountIsStillTheTruePulses() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(30, 1, 601)).curve(HallFlowMeter.Curve.constant(450))
                .bounce(new HallFlowMeter.Bounce(0.5, Duration.ofNanos(300_000))).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        run(Duration.ofSeconds(605));

        assertThat(source.bounceEdges()).isGreaterThan(50_000);
        assertThat(meter.snapshot().pulses()).isEqualTo(source.truePulses());
        assertThat(source.truePulses()).isBetween(134_990L, 135_010L);
    }

    @Test
    void withoutDebounceBounceWouldBeCountedAsWater() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(30, 1, 61)).curve(HallFlowMeter.Curve.constant(450))
                .bounce(new HallFlowMeter.Bounce(0.5, Duration.ofNanos(300_000))).build();
        PulseFlowMeter.Config d = PulseFlowMeter.Config.defaults(KFactor.of(450));
        meterOn(source, new PulseFlowMeter.Config(d.kFactor(), 0, d.phantomMinPulses(), d.phantomWindow(),
                d.rateWindow(), d.persistEveryLitres()));

        run(Duration.ofSeconds(65));

        assertThat(meter.snapshot().pulses()).isGreaterThan(source.truePulses() + 3000);
    }

    @Test
    void noiseOnAnIdleLineIsNotWater() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(t -> 0.0)
                .glitches(new HallFlowMeter.Glitches(120, Duration.ofMillis(1))).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        run(Duration.ofHours(2));
        PulseFlowMeter.Snapshot s = meter.snapshot();

        assertThat(source.glitchPulses()).isGreaterThan(150);
        assertThat(s.totalLitres()).isZero();
        assertThat(s.pulses()).isZero();
        assertThat(s.rejectedPulses()).isEqualTo(source.glitchPulses());
    }

    @Test
    void rateAndTotalFollowTheFlowWithinTheKFactorTolerance() throws Exception {
        // a unit 4 % off the datasheet, at 2 L/min for 10 minutes then 12 L/min for 10 minutes: 140 L
        ToDoubleFunction<Instant> water = t -> t.isBefore(T0.plusSeconds(1)) ? 0
                : t.isBefore(T0.plusSeconds(601)) ? 2.0 : t.isBefore(T0.plusSeconds(1201)) ? 12.0 : 0;
        HallFlowMeter source = HallFlowMeter.builder(water).unitFactor(1.04).build();
        KFactor calibrated = BucketTest.calibrate(List.of(
                new BucketTest.Run(4, Math.round(4 * 480 * 1.04), Duration.ofMinutes(2)),
                new BucketTest.Run(24, Math.round(24 * 451 * 1.04), Duration.ofMinutes(2))));
        meterOn(source, PulseFlowMeter.Config.defaults(calibrated));

        run(Duration.ofSeconds(300));
        assertThat(meter.rateLpm()).isCloseTo(2.0, within(0.02));
        run(Duration.ofSeconds(600));
        assertThat(meter.rateLpm()).isCloseTo(12.0, within(0.12));
        run(Duration.ofSeconds(315)); // past the end of the flow by more than the 10 s rate window

        assertThat(meter.totalLitres()).isCloseTo(140, within(1.4));
        assertThat(meter.rateLpm()).isZero();
    }

    @Test
    void theDatasheetKIsWithinItsTenPercent() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(5, 1, 601)).unitFactor(1.04).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        run(Duration.ofSeconds(605));

        assertThat(meter.totalLitres()).isCloseTo(50, within(5.0));
    }

    @Test
    void snapshotsGiveTheLitresOfEachInterval() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(9, 1, 121)).curve(HallFlowMeter.Curve.constant(450)).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        time.advance(Duration.ofSeconds(61));
        PulseFlowMeter.Snapshot first = meter.snapshot();
        time.advance(Duration.ofSeconds(64));
        PulseFlowMeter.Snapshot second = meter.snapshot();

        assertThat(first.litres()).isCloseTo(9, within(0.01));
        assertThat(second.litres()).isCloseTo(9, within(0.01));
        assertThat(second.totalLitres()).isCloseTo(first.litres() + second.litres(), within(1e-9));
    }

    @Test
    void theTotalIsSavedWhileWaterFlowsAndARestartContinuesFromIt() throws Exception {
        HallFlowMeter source = HallFlowMeter.builder(flow(10, 1, 10_000)).curve(HallFlowMeter.Curve.constant(450)).build();
        meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));

        run(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> meter.totalLitres() - meter.savedLitres() < 0.5);
        double before = meter.totalLitres();
        meter.close();
        pi4j.shutdown();

        pi4j = SimBoards.pi4jContext(board);
        meter = PulseFlowMeter.open(pi4j, PIN, PulseFlowMeter.Config.defaults(KFactor.of(450)),
                dir.resolve("flow.total"), time.clock());
        assertThat(meter.totalLitres()).isEqualTo(before);
        run(Duration.ofSeconds(60));
        assertThat(meter.totalLitres()).isCloseTo(before + 10, within(0.05));
    }

    @Test
    void aMeterThatDiesWithoutClosingRestartsFromItsLastPulseNotFromItsLastSave() throws Exception {
        // 12 L/min: 2.6 L (saved on crossing 2.5 L), then a draw of 0.3 L that crosses no 0.5 L mark
        Instant secondDraw = T0.plusSeconds(30);
        HallFlowMeter source = HallFlowMeter.builder(t -> flow(12, 1, 14).applyAsDouble(t)
                + (t.isAfter(secondDraw) && t.isBefore(secondDraw.plusMillis(1500)) ? 12 : 0))
                .curve(HallFlowMeter.Curve.constant(450)).build();
        PulseFlowMeter dying = meterOn(source, PulseFlowMeter.Config.defaults(KFactor.of(450)));
        run(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> dying.savedLitres() >= 2.5);
        double saved = dying.savedLitres();
        run(Duration.ofSeconds(20));
        double counted = dying.totalLitres();
        assertThat(counted).isCloseTo(2.9, within(0.01));
        // the save is written off the pulse thread: it holds the total of 2.5 L to 2.6 L, depending on when it ran
        assertThat(counted - saved).as("counted since the last save").isBetween(0.29, 0.41);

        // killed: no close, no last save; the next process opens the same files on its own board
        SimBoard nextBoard = SimBoard.builder(time).input(PIN, HallFlowMeter.builder(t -> 0.0).build()).build();
        Context nextPi4j = SimBoards.pi4jContext(nextBoard);
        try (PulseFlowMeter next = PulseFlowMeter.open(nextPi4j, PIN, PulseFlowMeter.Config.defaults(KFactor.of(450)),
                dir.resolve("flow.total"), time.clock())) {
            assertThat(next.totalLitres()).as("every pulse counted before the kill").isEqualTo(counted);
            assertThat(next.savedLitres()).as("what a power cut would have kept").isEqualTo(saved);
        } finally {
            nextPi4j.shutdown();
            nextBoard.close();
        }
    }

    @Test
    void aPinInUseIsReportedWithThePin() throws Exception {
        meterOn(HallFlowMeter.builder(t -> 0.0).build(), PulseFlowMeter.Config.defaults(KFactor.of(450)));

        assertThatThrownBy(() -> PulseFlowMeter.open(pi4j, PIN, PulseFlowMeter.Config.defaults(KFactor.of(450)),
                dir.resolve("other.total"), time.clock()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("flow meter on GPIO 17: the pin cannot be opened");
    }

    @Test
    void aConfigThatWouldSaveLessOftenThanEveryLitreIsRefused() {
        assertThatThrownBy(() -> new PulseFlowMeter.Config(KFactor.of(450), 500, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(10), 5)).hasMessageContaining("at least every litre");
    }
}
