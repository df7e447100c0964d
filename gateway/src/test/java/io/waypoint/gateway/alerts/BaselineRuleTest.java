package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.count;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The default filter_clogging rule on a well's telemetry, a message a minute on event time: in
 * service hours (06:00-20:00 UTC) people draw water in two minutes of three, with the tap giving the
 * filter's achievable flow; at night nobody draws.
 */
class BaselineRuleTest {
    /** Midnight starting day 0. */
    private static final Instant DAY0 = Instant.parse("2025-03-01T00:00:00Z");

    private final AlertEngine engine = new AlertEngine(RuleBook.defaults());

    /** Time of day {@code hour} (fractional) of day {@code day}. */
    private static Instant at(int day, double hour) {
        return DAY0.plus(Duration.ofDays(day)).plusSeconds(Math.round(hour * 3600));
    }

    private static Observation minute(String node, Instant t, double flowMax) {
        return obs(node, t, Map.of("flow_lpm.max", flowMax, "flow_lpm.avg", flowMax / 2, "litres", flowMax / 2,
                "interval_s", 60.0), Map.of("sensor", "ok"));
    }

    /**
     * A message a minute from {@code from} to {@code to}: the achievable flow at each instant (by
     * the hour of the run since day 0) when someone draws, 0 otherwise.
     */
    private static List<Alert> run(AlertEngine e, Instant from, Instant to, DoubleUnaryOperator flowAtHourOfRun) {
        List<Alert> out = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            double hourOfDay = Duration.between(t.truncatedTo(java.time.temporal.ChronoUnit.DAYS), t).toMinutes() / 60.0;
            long minuteOfRun = Duration.between(DAY0, t).toMinutes();
            boolean open = hourOfDay >= 6 && hourOfDay < 20 && minuteOfRun % 3 != 0;
            double flow = open ? flowAtHourOfRun.applyAsDouble(minuteOfRun / 60.0) : 0;
            out.addAll(e.observe(minute("well-01", t, flow)));
        }
        return out;
    }

    private static List<Alert> clogging(List<Alert> alerts) {
        return of(alerts, "filter_clogging");
    }

    @Test
    void raisedOnceTheBaselineIsEstablishedAndTheFlowFallsBelowSeventyPercentOfIt() {
        // four clean days at 12 L/min, then the filter loses most of its flow at once on day 4 at noon
        List<Alert> out = run(engine, at(0, 0), at(4, 12), h -> 12.0);
        assertThat(clogging(out)).isEmpty();

        List<Alert> clogged = clogging(run(engine, at(4, 12), at(5, 0), h -> 7.8));

        assertThat(clogged).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("filter_clogging.well-01");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.message()).startsWith("Filter at well-01 (la-gloria) may be clogging: flow ")
                    .endsWith("% of its 7-day usual 12 L/min");
            assertThat(a.value()).isBetween(7.8, 12 * 0.7);
            // the mean of the last 3 hours falls below 70 % of 12 within about two hours; then 30 min
            assertThat(a.at()).isBetween(at(4, 13), at(4, 15));
        });
    }

    @Test
    void theMessageNamesTheFlowItsShareAndTheUsualFlow() {
        run(engine, at(0, 0), at(4, 0), h -> 10.5);
        List<Alert> out = clogging(run(engine, at(4, 0), at(4, 20), h -> 6.1));

        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.message()).isEqualTo(
                    "Filter at well-01 (la-gloria) may be clogging: flow 6.1 L/min, 58 % of its 7-day usual 10.5 L/min");
            assertThat(a.value()).isCloseTo(6.1, within(1e-9));
            // judged from the first hour with 10 readings: since 06:00 + 10 draws, raised 30 min later
            assertThat(a.since()).isBetween(at(4, 6.1), at(4, 6.3));
            assertThat(a.at()).isEqualTo(a.since().plus(Duration.ofMinutes(30)));
        });
    }

    @Test
    void aFilterThatClogsDayByDayIsNoticedWithinAWeek() {
        // 7 % of the clean flow lost a day: about half in a week
        List<Alert> out = clogging(run(engine, at(0, 6), at(10, 0), h -> 14 * (1 - 0.07 * (h - 6) / 24)));

        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.at()).isBetween(at(5, 6), at(7, 20));
        });
    }

    @Test
    void notJudgedBeforeTheMinimumHistoryHowEverLowTheFlow() {
        // two days of history, then a collapse: nothing to compare with yet
        List<Alert> early = new ArrayList<>(clogging(run(engine, at(0, 0), at(2, 0), h -> 12.0)));
        early.addAll(clogging(run(engine, at(2, 0), at(3, 0), h -> 3.0)));
        assertThat(early).isEmpty();
        // the collapse went on: once 3 days lie behind, it is judged against the days that were normal
        List<Alert> later = clogging(run(engine, at(3, 0), at(4, 0), h -> 3.0));
        assertThat(later).singleElement().satisfies(a -> assertThat(a.at()).isAfter(at(3, 6)));
    }

    @Test
    void neverJudgedAtNightWhenNobodyDrawsNorByLowFlowOutsideServiceHours() {
        run(engine, at(0, 0), at(4, 20), h -> 12.0);
        // a trickle after hours (a tap left dripping, a technician's test): outside service hours
        List<Alert> night = new ArrayList<>();
        for (Instant t = at(4, 20); t.isBefore(at(5, 6)); t = t.plusSeconds(60)) {
            night.addAll(engine.observe(minute("well-01", t, 2.0)));
        }
        assertThat(clogging(night)).isEmpty();
        // and the next day is as usual
        assertThat(clogging(run(engine, at(5, 6), at(6, 0), h -> 12.0))).isEmpty();
    }

    @Test
    void quietDaysWithFewerPeopleAreNotAClog() {
        run(engine, at(0, 0), at(5, 0), h -> 12.0);
        // a day when few come: a draw every 10 minutes instead of two in three, at the same flow
        List<Alert> out = new ArrayList<>();
        for (Instant t = at(5, 0); t.isBefore(at(6, 0)); t = t.plusSeconds(60)) {
            long m = Duration.between(DAY0, t).toMinutes();
            double hour = (m % 1440) / 60.0;
            out.addAll(engine.observe(minute("well-01", t, hour >= 6 && hour < 20 && m % 10 == 0 ? 12.0 : 0)));
        }
        assertThat(clogging(out)).isEmpty();
    }

    @Test
    void resolvedWhenABackwashBringsTheFlowBack() {
        run(engine, at(0, 0), at(4, 6), h -> 12.0);
        assertThat(clogging(run(engine, at(4, 6), at(4, 20), h -> 6.0))).hasSize(1);

        List<Alert> afterBackwash = clogging(run(engine, at(5, 6), at(5, 20), h -> 11.8));

        assertThat(afterBackwash).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.message()).startsWith("Resolved: Filter at well-01 (la-gloria) may be clogging: flow 6 L/min")
                    .contains("; back to 11.8 L/min");
            // the morning's first 10 draws are back over 85 % of the usual 12 L/min; 30 min later
            assertThat(a.at()).isBetween(at(5, 6.5), at(5, 7));
        });
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aFilterThatStaysCloggedForWeeksDoesNotBecomeTheUsualFlow() {
        run(engine, at(0, 0), at(4, 0), h -> 12.0);
        List<Alert> out = clogging(run(engine, at(4, 0), at(20, 0), h -> 6.0));
        assertThat(count(out, "filter_clogging", AlertState.RAISED)).isEqualTo(1);
        assertThat(count(out, "filter_clogging", AlertState.RESOLVED)).isZero();
        assertThat(engine.open(SITE, "filter_clogging.well-01")).isPresent();

        assertThat(clogging(run(engine, at(20, 0), at(21, 0), h -> 12.0))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void nodesHaveTheirOwnBaseline() {
        List<Alert> out = new ArrayList<>();
        for (Instant t = at(0, 0); t.isBefore(at(6, 0)); t = t.plusSeconds(60)) {
            long m = Duration.between(DAY0, t).toMinutes();
            double hour = (m % 1440) / 60.0;
            boolean open = hour >= 6 && hour < 20 && m % 3 != 0;
            out.addAll(engine.observe(minute("well-01", t, open ? 14.0 : 0)));
            // a smaller pump: always 7 L/min, which is its usual
            out.addAll(engine.observe(minute("well-02", t, open ? 7.0 : 0)));
        }
        assertThat(clogging(out)).isEmpty();
    }

    @Test
    void aNodeWithoutTheMetricLeavesNoStateBehind() {
        AlertEngine kiosks = new AlertEngine(Feed.rules("""
                [rule clog]
                kind = baseline
                metric = flow_lpm.max
                below = 0.7
                """));
        String before = kiosks.snapshot();
        kiosks.observe(obs("kiosk-01", at(0, 8), Map.of("power.battery_v", 12.7), Map.of()));
        // the node is known (liveness), the rule keeps nothing for it
        assertThat(kiosks.snapshot()).isNotEqualTo(before).doesNotContain("\"clog\"");
    }

    @Test
    void theBaselinesSurviveARestartAndTheRestoredEngineJudgesAsTheOriginal() {
        AlertEngine original = new AlertEngine(RuleBook.defaults());
        run(original, at(0, 0), at(4, 9), h -> 12.0);
        run(original, at(4, 9), at(4, 11), h -> 6.0);   // breached, not yet for 30 min: its reference is kept too

        AlertEngine restored = AlertEngine.restore(RuleBook.defaults(), original.snapshot());
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());

        List<Alert> a = run(original, at(4, 11), at(6, 0), h -> h < 5 * 24 + 6 ? 6.0 : 12.0);
        List<Alert> b = run(restored, at(4, 11), at(6, 0), h -> h < 5 * 24 + 6 ? 6.0 : 12.0);
        assertThat(clogging(a)).extracting(Alert::state).containsExactly(AlertState.RAISED, AlertState.RESOLVED);
        assertThat(b).isEqualTo(a);

        // a fresh engine, without the history, would have judged nothing
        AlertEngine fresh = new AlertEngine(RuleBook.defaults());
        assertThat(clogging(run(fresh, at(4, 11), at(6, 0), h -> 6.0))).isEmpty();
    }

    @Test
    void aRuleWithServiceHoursInTheSitesZoneJudgesOnlyThen() {
        AlertEngine e = new AlertEngine(Feed.rules("""
                [rule clog]
                kind = baseline
                metric = flow_lpm.max
                only_above = 1
                hours = 07:00-19:00
                zone = America/Mexico_City
                recent = 1h
                days = 2
                min_history = 1d
                min_samples = 5
                below = 0.7
                """));
        // Mexico City is UTC-6: 07:00-19:00 there is 13:00-01:00 UTC. A message a minute, always drawing.
        List<Alert> out = new ArrayList<>();
        for (Instant t = at(0, 0); t.isBefore(at(3, 0)); t = t.plusSeconds(60)) {
            out.addAll(e.observe(minute("well-01", t, 10.0)));
        }
        // at 06:00-12:00 UTC (night there) the flow collapses: never judged
        for (Instant t = at(3, 0); t.isBefore(at(3, 12.99)); t = t.plusSeconds(60)) {
            double hourUtc = Duration.between(at(3, 0), t).toMinutes() / 60.0;
            out.addAll(e.observe(minute("well-01", t, hourUtc >= 6 ? 2.0 : 10.0)));
        }
        assertThat(out).isEmpty();
        // at 13:00 UTC (07:00 there) it is, at once (for = 0) once 5 readings are in
        List<Alert> day = new ArrayList<>();
        for (Instant t = at(3, 13); t.isBefore(at(3, 14)); t = t.plusSeconds(60)) {
            day.addAll(e.observe(minute("well-01", t, 2.0)));
        }
        assertThat(day).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(at(3, 13).plusSeconds(4 * 60)));
    }
}
