package io.waypoint.sim.world;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WellWorldTest {
    private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
    private static final Instant MIDNIGHT = Instant.parse("2025-03-01T00:00:00Z");

    private static WellWorld world(String text) {
        Scenario s = Scenario.parse("test", "test.conf", text);
        return s.world(s.startOn(DAY));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-01T" + hhmm + ":00Z");
    }

    /** Litres drawn between two instants, by the second. */
    private static double litres(WellWorld w, Instant from, Instant to) {
        double l = 0;
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1)) {
            l += w.flowLpm(t) / 60;
        }
        return l;
    }

    private static double drift(SensorCondition c) {
        assertThat(c).isInstanceOf(SensorCondition.Drift.class);
        return ((SensorCondition.Drift) c).offsetNtu();
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameWorldAndAnotherSeedAnother() {
        String text = "[scenario]\nseed = 5\n[filter]\nclog_per_day = 0.05\n[event rain]\nat = 09:00\n";
        WellWorld a = world(text);
        WellWorld b = world(text);
        WellWorld other = world(text.replace("seed = 5", "seed = 6"));
        int differences = 0;
        for (long s = 0; s < 2 * 86_400; s += 7) {
            Instant t = MIDNIGHT.plusSeconds(s);
            assertThat(b.flowLpm(t)).isEqualTo(a.flowLpm(t));
            assertThat(b.turbidityNtu(t)).isEqualTo(a.turbidityNtu(t));
            assertThat(b.turbiditySensor(t)).isEqualTo(a.turbiditySensor(t));
            if (other.flowLpm(t) != a.flowLpm(t)) {
                differences++;
            }
        }
        assertThat(differences).isGreaterThan(1000);
    }

    @Test
    void answersDoNotDependOnTheOrderOrTheThreadOfTheQuestions() throws Exception {
        String text = "[filter]\nclog_per_day = 0.1\n[event rain]\nat = 12:00\n";
        List<Instant> instants = new ArrayList<>();
        for (long s = -86_400; s < 5 * 86_400; s += 13) {
            instants.add(MIDNIGHT.plusSeconds(s));
        }
        WellWorld inOrder = world(text);
        List<Double> expected = instants.stream().map(t -> inOrder.flowLpm(t) + 1000 * inOrder.turbidityNtu(t)).toList();

        WellWorld shuffled = world(text);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        Double[] got = new Double[instants.size()];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int part = 0; part < 4; part++) {
                List<Integer> mine = order.subList(part * order.size() / 4, (part + 1) * order.size() / 4);
                futures.add(pool.submit(() -> mine.forEach(i ->
                        got[i] = shuffled.flowLpm(instants.get(i)) + 1000 * shuffled.turbidityNtu(instants.get(i)))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(List.of(got)).isEqualTo(expected);
    }

    @Test
    void peopleDrawMoreWaterByDayThanAtNightWithPeaksMorningAndLateAfternoon() {
        WellWorld w = world("");
        double night = litres(w, MIDNIGHT, at("04:00")) + litres(w, at("22:00"), MIDNIGHT.plus(Duration.ofDays(1)));
        double morning = litres(w, at("07:00"), at("09:00"));
        double midday = litres(w, at("11:30"), at("13:30"));
        double evening = litres(w, at("16:00"), at("18:00"));

        assertThat(morning).isGreaterThan(3 * night);
        assertThat(evening).isGreaterThan(3 * night);
        assertThat(morning).isGreaterThan(midday);
        assertThat(evening).isGreaterThan(midday);
    }

    @Test
    void dailyLitresArePlausibleForThePeopleAtFifteenLitresEach() {
        WellWorld w = world("[well]\npeople_per_day = 300\n");
        double total = 0;
        for (int d = 0; d < 7; d++) {
            double day = litres(w, MIDNIGHT.plus(Duration.ofDays(d)), MIDNIGHT.plus(Duration.ofDays(d + 1)));
            assertThat(day).as("day %d", d).isBetween(0.75 * 4500, 1.25 * 4500);
            assertThat(w.litresOfDay(MIDNIGHT.plus(Duration.ofDays(d)))).isCloseTo(day, within(5.0));
            total += day;
        }
        assertThat(total / 7).isBetween(0.9 * 4500, 1.1 * 4500);

        WellWorld small = world("[well]\npeople_per_day = 60\n");
        assertThat(litres(small, MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(1)))).isBetween(0.6 * 900, 1.4 * 900);
    }

    @Test
    void aTapRunsAMinuteOrTwoAtTwelveToFifteenLitresAMinuteToFillATwentyLitreContainer() {
        WellWorld w = world("[well]\ntap_lpm = 14\n");
        List<double[]> runs = new ArrayList<>();   // {seconds, litres, max flow}
        double[] run = null;
        for (long s = 0; s < 86_400; s++) {
            double f = w.flowLpm(MIDNIGHT.plusSeconds(s));
            if (f > 0) {
                run = run == null ? new double[3] : run;
                run[0]++;
                run[1] += f / 60;
                run[2] = Math.max(run[2], f);
            } else if (run != null) {
                runs.add(run);
                run = null;
            }
        }
        assertThat(runs).hasSizeGreaterThan(150);
        for (double[] r : runs) {
            assertThat(r[0]).isBetween(60.0, 120.0);
            assertThat(r[1]).isCloseTo(20.0, within(0.5));
            assertThat(r[2]).isBetween(12.0, 14.0);
        }
        assertThat(w.flowLpm(at("00:30"))).isZero();
    }

    @Test
    void rainRisesToItsPeakOverItsRiseThenDecaysToFivePercentOfTheExcessOverItsDecay() {
        WellWorld w = world("""
                [well]
                base_ntu = 0.4
                [event rain]
                at = 10:00
                peak_ntu = 8
                rise = 20m
                decay = 3h
                """);
        double wander = 0.4 * WellWorld.WANDER;
        assertThat(w.turbidityNtu(at("09:59"))).isCloseTo(0.4, within(wander));
        assertThat(w.turbidityNtu(at("10:10"))).isCloseTo(0.4 + 7.6 / 2, within(wander));
        assertThat(w.turbidityNtu(at("10:20"))).isCloseTo(8, within(wander));
        assertThat(w.turbidityNtu(at("13:20"))).isCloseTo(0.4 + 0.05 * 7.6, within(wander + 0.01));
        double previous = Double.MAX_VALUE;
        for (Instant t = at("10:20"); t.isBefore(at("12:00")); t = t.plusSeconds(60)) {
            double v = w.turbidityNtu(t);
            assertThat(v).isLessThan(previous);
            previous = v;
        }
        double rising = 0;
        for (Instant t = at("10:00"); t.isBefore(at("10:20")); t = t.plusSeconds(60)) {
            assertThat(w.turbidityNtu(t.plusSeconds(60))).isGreaterThan(rising);
            rising = w.turbidityNtu(t.plusSeconds(60));
        }
    }

    @Test
    void aDryDayStaysClearAndItsTurbidityStillMovesAsRealWaterDoes() {
        WellWorld w = world("[well]\nbase_ntu = 0.4\n");
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Instant t = MIDNIGHT; t.isBefore(MIDNIGHT.plus(Duration.ofHours(6))); t = t.plusSeconds(60)) {
            min = Math.min(min, w.turbidityNtu(t));
            max = Math.max(max, w.turbidityNtu(t));
        }
        assertThat(max).isLessThan(0.5);
        assertThat(max - min).isGreaterThan(0.01);
    }

    @Test
    void aSteadyFlowRunsAtExactlyItsRateForItsLengthInsteadOfThePeoplesDraws() {
        WellWorld w = world("""
                [scenario]
                start = 06:00
                [well]
                people_per_day = 5000
                [event tank]
                kind = steady_flow
                at = 07:00
                lpm = 33.3
                for = 1h
                """);
        for (Instant t = at("07:00"); t.isBefore(at("08:00")); t = t.plusMillis(997)) {
            assertThat(w.flowLpm(t)).as("flow at %s", t).isEqualTo(33.3);
        }
        // before and after, the people's draws: a busy morning, never the steady rate all along
        double before = litres(w, at("06:00"), at("07:00"));
        double after = litres(w, at("08:00"), at("09:00"));
        assertThat(before).isPositive().isLessThan(33.3 * 60 * 0.99);
        assertThat(after).isPositive().isLessThan(33.3 * 60 * 0.99);
        assertThat(litres(w, at("07:00"), at("08:00"))).isCloseTo(33.3 * 60, within(0.5));
    }

    @Test
    void aCloggingFilterGivesLessFlowDayByDayUntilABackwashRestoresIt() {
        WellWorld w = world("""
                [scenario]
                start = 06:00
                days = 10
                [well]
                tap_lpm = 14
                [filter]
                clog_per_day = 0.06
                [event backwash]
                at = day 9 12:00
                """);
        double previous = Double.MAX_VALUE;
        for (int d = 0; d < 8; d++) {
            Instant noon = at("12:00").plus(Duration.ofDays(d));
            double achievable = w.achievableFlowLpm(noon);
            assertThat(achievable).isCloseTo(14 * (1 - 0.06 * (d + 0.25)), within(1e-9));
            assertThat(achievable).isLessThan(previous);
            previous = achievable;
            double highest = 0;
            for (Instant t = noon.minus(Duration.ofHours(4)); t.isBefore(noon.plus(Duration.ofHours(4))); t = t.plusSeconds(10)) {
                highest = Math.max(highest, w.flowLpm(t));
            }
            // a draw runs at the flow of the moment it began
            assertThat(highest).as("the fullest draw of day %d", d)
                    .isBetween(0.85 * achievable, w.achievableFlowLpm(noon.minus(Duration.ofHours(4))));
        }
        assertThat(w.achievableFlowLpm(at("11:59").plus(Duration.ofDays(8)))).isLessThan(0.55 * 14);
        assertThat(w.achievableFlowLpm(at("12:00").plus(Duration.ofDays(8)))).isEqualTo(14);
        assertThat(w.achievableFlowLpm(at("12:00").plus(Duration.ofDays(30)))).isEqualTo(14 * WellWorld.FILTER_FLOOR);
    }

    @Test
    void theSensorIsUnpluggedStuckAndDriftingExactlyWhenTheScenarioSays() {
        WellWorld w = world("""
                [scenario]
                start = 06:00
                [sensor]
                drift_per_day = 0.24
                unplugged_at = 10:00
                unplugged_for = 20m
                stuck_at = 14:00
                stuck_for = 2h
                """);
        assertThat(w.turbiditySensor(at("06:00"))).isEqualTo(SensorCondition.OK);
        assertThat(drift(w.turbiditySensor(at("09:00")))).isCloseTo(0.03, within(1e-12));
        assertThat(w.turbiditySensor(at("10:00").minusMillis(1))).isInstanceOf(SensorCondition.Drift.class);
        assertThat(w.turbiditySensor(at("10:00"))).isEqualTo(SensorCondition.UNPLUGGED);
        assertThat(w.turbiditySensor(at("10:20").minusMillis(1))).isEqualTo(SensorCondition.UNPLUGGED);
        assertThat(w.turbiditySensor(at("10:20"))).isInstanceOf(SensorCondition.Drift.class);

        double stuckAt = w.turbidityNtu(at("14:00")) + 0.08;
        assertThat(w.turbiditySensor(at("13:59"))).isInstanceOf(SensorCondition.Drift.class);
        SensorCondition stuck = w.turbiditySensor(at("14:00"));
        assertThat(stuck).isInstanceOfSatisfying(SensorCondition.Stuck.class,
                s -> assertThat(s.ntu()).isCloseTo(stuckAt, within(1e-12)));
        assertThat(w.turbiditySensor(at("15:59"))).isEqualTo(stuck);
        assertThat(drift(w.turbiditySensor(at("16:00")))).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aSensorUnpluggedWithoutAnEndStaysUnplugged() {
        WellWorld w = world("[sensor]\nunplugged_at = day 2 08:00\n");
        assertThat(w.turbiditySensor(at("08:00"))).isEqualTo(SensorCondition.OK);
        assertThat(w.turbiditySensor(at("08:00").plus(Duration.ofDays(1)))).isEqualTo(SensorCondition.UNPLUGGED);
        assertThat(w.turbiditySensor(at("08:00").plus(Duration.ofDays(40)))).isEqualTo(SensorCondition.UNPLUGGED);
    }

    @Test
    void waterTemperatureStaysInAWellsNarrowRange() {
        WellWorld w = world("");
        for (int h = 0; h < 24; h++) {
            assertThat(w.waterTemperatureC(MIDNIGHT.plus(Duration.ofHours(h)))).isBetween(19.0, 23.0);
        }
    }
}
