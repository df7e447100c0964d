package io.waypoint.sim.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HallFlowMeterTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private record Edge(Instant at, boolean high) {}

    /** Runs the meter for {@code duration} in advances of {@code step}, collecting every edge. */
    private static List<Edge> run(HallFlowMeter meter, Duration duration, Duration step) {
        List<Edge> edges = new ArrayList<>();
        meter.advance(T0, (at, high) -> edges.add(new Edge(at, high)));
        for (Instant t = T0.plus(step); !t.isAfter(T0.plus(duration)); t = t.plus(step)) {
            meter.advance(t, (at, high) -> edges.add(new Edge(at, high)));
        }
        return edges;
    }

    private static void assertAlternatingAndOrdered(List<Edge> edges, boolean initialHigh) {
        boolean level = initialHigh;
        Instant last = Instant.MIN;
        for (Edge e : edges) {
            assertThat(e.high()).as("edge at %s", e.at()).isNotEqualTo(level);
            assertThat(e.at()).isAfterOrEqualTo(last);
            level = e.high();
            last = e.at();
        }
    }

    private static long falling(List<Edge> edges) {
        return edges.stream().filter(e -> !e.high()).count();
    }

    @Test
    void pulsesFollowFlowTimesTheKFactor() {
        HallFlowMeter meter = HallFlowMeter.builder(t -> 10.0).curve(HallFlowMeter.Curve.constant(450)).build();

        List<Edge> edges = run(meter, Duration.ofMinutes(1), Duration.ofMillis(50));

        // 10 L/min for one minute at 450 p/L, starting a quarter turn before a falling edge
        assertThat(meter.truePulses()).isEqualTo(4500);
        assertThat(falling(edges)).isEqualTo(4500);
        assertAlternatingAndOrdered(edges, true);
    }

    @Test
    void twoHundredFiftyHertzForAnHourGivesEveryPulseAtItsInstant() {
        HallFlowMeter meter = HallFlowMeter.builder(t -> 250.0 * 60 / 450)
                .curve(HallFlowMeter.Curve.constant(450)).build();

        List<Edge> edges = run(meter, Duration.ofHours(1), Duration.ofMillis(500));

        assertThat(meter.truePulses()).isEqualTo(900_000);
        assertThat(edges).hasSize(1_800_000);
        assertAlternatingAndOrdered(edges, true);
        // 4 ms apart, 50 % duty: pulse n falls at (n - 0.25) × 4 ms
        assertThat(edges.get(0).at()).isEqualTo(T0.plusMillis(1));
        assertThat(edges.get(1).at()).isEqualTo(T0.plusMillis(3));
        assertThat(edges.get(1_799_998).at()).isEqualTo(T0.plusMillis(3_599_997));
    }

    @Test
    void aFlowThatStartsAndStopsBetweenStepsGivesItsExactPulses() {
        // 250 Hz from T0 + 1 s for an hour; advanced every 10 ms from T0 + 9 ms, and once 2 ms apart half-way,
        // so a step straddles the start by 9 ms and the end by 1 ms: sampled at each step's start, the flow
        // would lose 2.25 pulses at the start and gain 0.25 at the end
        Instant on = T0.plusSeconds(1);
        Instant off = on.plus(Duration.ofHours(1));
        HallFlowMeter meter = HallFlowMeter.builder(t -> !t.isBefore(on) && t.isBefore(off) ? 250.0 * 60 / 450 : 0)
                .curve(HallFlowMeter.Curve.constant(450)).build();
        List<Edge> edges = new ArrayList<>();
        meter.advance(T0, (at, high) -> edges.add(new Edge(at, high)));
        Instant t = T0.plusMillis(9);
        Instant shift = T0.plusSeconds(1800);
        boolean shifted = false;
        while (t.isBefore(off.plusSeconds(1))) {
            meter.advance(t, (at, high) -> edges.add(new Edge(at, high)));
            if (!shifted && t.isAfter(shift)) {
                shifted = true;
                t = t.plusMillis(2);
            } else {
                t = t.plusMillis(10);
            }
        }
        assertThat(meter.truePulses()).isEqualTo(900_000);
        assertThat(falling(edges)).isEqualTo(900_000);
        assertAlternatingAndOrdered(edges, true);
    }

    @Test
    void theDatasheetCurveGivesMorePulsesPerLitreAtLowFlow() {
        HallFlowMeter.Curve yf = HallFlowMeter.Curve.yfS201();

        assertThat(yf.pulsesPerLitre(1)).isEqualTo(480);
        assertThat(yf.pulsesPerLitre(2)).isEqualTo(480);
        assertThat(yf.pulsesPerLitre(7)).isEqualTo(465.5);
        assertThat(yf.pulsesPerLitre(12)).isEqualTo(451);
        assertThat(yf.pulsesPerLitre(60)).isEqualTo(450);
        HallFlowMeter meter = HallFlowMeter.builder(t -> 2.0).unitFactor(1.05).build();
        run(meter, Duration.ofMinutes(10), Duration.ofSeconds(1));
        assertThat(meter.truePulses()).isCloseTo(20 * 480 * 105 / 100, within(1L));
    }

    @Test
    void flowThatStopsLeavesTheWireWhereTheRotorStopped() {
        HallFlowMeter meter = HallFlowMeter.builder(t -> t.isBefore(T0.plusSeconds(1)) ? 1.0 : 0.0)
                .curve(HallFlowMeter.Curve.constant(450)).build();

        List<Edge> edges = run(meter, Duration.ofSeconds(10), Duration.ofMillis(10));

        assertThat(meter.truePulses()).isEqualTo(8); // 7.5 turns from 0.75: falls at turns 1..8
        assertThat(edges.get(edges.size() - 1).at()).isBefore(T0.plusSeconds(1));
    }

    @Test
    void bounceAddsEdgesButNoTruePulses() {
        HallFlowMeter meter = HallFlowMeter.builder(t -> 20.0).curve(HallFlowMeter.Curve.constant(450))
                .bounce(new HallFlowMeter.Bounce(0.5, Duration.ofNanos(300_000))).build();

        List<Edge> edges = run(meter, Duration.ofMinutes(1), Duration.ofMillis(20));

        assertThat(meter.truePulses()).isEqualTo(9000);
        assertThat(meter.bounceEdges()).isGreaterThan(4000);
        assertThat(edges).hasSize(18_000 + (int) meter.bounceEdges());
        assertAlternatingAndOrdered(edges, true);
    }

    @Test
    void glitchesComeOnlyWhileNoWaterFlows() {
        HallFlowMeter meter = HallFlowMeter.builder(t -> t.isBefore(T0.plusSeconds(3600)) ? 0.0 : 5.0)
                .curve(HallFlowMeter.Curve.constant(450))
                .glitches(new HallFlowMeter.Glitches(60, Duration.ofMillis(1))).build();

        List<Edge> edges = run(meter, Duration.ofHours(2), Duration.ofSeconds(1));

        long noFlowFalls = edges.stream().filter(e -> e.at().isBefore(T0.plusSeconds(3600)) && !e.high()).count();
        assertThat(meter.glitchPulses()).isBetween(30L, 100L);
        assertThat(noFlowFalls).isEqualTo(meter.glitchPulses());
        assertThat(falling(edges)).isEqualTo(meter.truePulses() + meter.glitchPulses());
        assertThat(meter.truePulses()).isEqualTo(5 * 60 * 450);
        assertAlternatingAndOrdered(edges, true);
    }

    @Test
    void aCurveMustHaveIncreasingFlow() {
        assertThatThrownBy(() -> new HallFlowMeter.Curve(List.of(new HallFlowMeter.Point(5, 450),
                new HallFlowMeter.Point(5, 460)))).hasMessageContaining("increasing flow");
    }
}
