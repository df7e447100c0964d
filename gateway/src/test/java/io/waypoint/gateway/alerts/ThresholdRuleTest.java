package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.T0;
import static io.waypoint.gateway.alerts.Feed.count;
import static io.waypoint.gateway.alerts.Feed.everyMinute;
import static io.waypoint.gateway.alerts.Feed.feed;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.of;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

class ThresholdRuleTest {
    private static final String UNSAFE = """
            [rule turbidity_unsafe]
            kind = threshold
            severity = critical
            metric = turbidity_ntu.avg
            sensor = true
            above = 5
            for = 2m
            clear_below = 4
            clear_for = 5m
            message = Water unsafe at {node}: turbidity {value} NTU above {threshold} NTU for {for}
            """;

    private final AlertEngine engine = new AlertEngine(Feed.rules(UNSAFE));

    @Test
    void defaultUnsafeRuleRaisesOnceTheReadingsSpanTwoMinutesWithThePeopleReadableMessage() {
        AlertEngine defaults = new AlertEngine(RuleBook.defaults());

        assertThat(defaults.observe(well("well-01", min(0), 7.2000001))).isEmpty();
        assertThat(defaults.observe(well("well-01", min(1), 7.2))).isEmpty();
        List<Alert> out = defaults.observe(well("well-01", min(2), 7.2000001));

        assertThat(out).containsExactly(new Alert("turbidity_unsafe.well-01", SITE, "well-01", "turbidity_unsafe",
                Severity.CRITICAL, AlertState.RAISED, min(0), min(2), 7.2000001,
                "Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min", null));
    }

    @Test
    void forDurationNotMetRaisesNothingAndAClearReadingRestartsIt() {
        List<Alert> out = feed(engine, List.of(
                well("well-01", min(0), 7), well("well-01", min(1), 7),
                well("well-01", min(1.5), 3),            // clear: the condition starts over
                well("well-01", min(2), 7), well("well-01", min(3), 7)));
        assertThat(out).isEmpty();

        List<Alert> raised = engine.observe(well("well-01", min(4), 7));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(2));
            assertThat(a.at()).isEqualTo(min(4));
        });
    }

    @Test
    void forZeroRaisesOnTheFirstBreachingReading() {
        AlertEngine now = new AlertEngine(Feed.rules("[rule hot]\nkind = threshold\nmetric = turbidity_ntu.avg\nabove = 5\n"));
        assertThat(now.observe(well("well-01", min(0), 5.1))).singleElement()
                .satisfies(a -> assertThat(a.at()).isEqualTo(min(0)));
        assertThat(now.observe(well("well-01", min(0.5), 5))).isEmpty();     // at the threshold: not clear
        assertThat(now.observe(well("well-01", min(1), 4.9))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void resolvesWhenBelowTheClearLevelForClearForAtTheEventTimeOfTheReadingThatCompletesIt() {
        feed(engine, everyMinute("well-01", min(0), 3, 7));
        assertThat(engine.active()).hasSize(1);

        assertThat(feed(engine, List.of(well("well-01", min(10), 3.9), well("well-01", min(14), 3)))).isEmpty();
        List<Alert> out = engine.observe(well("well-01", min(15), 3.1));

        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.at()).isEqualTo(min(15));
            assertThat(a.value()).isEqualTo(3.1);
            assertThat(a.message()).isEqualTo(
                    "Resolved: Water unsafe at well-01: turbidity 7 NTU above 5 NTU for 2 min; now 3.1 NTU");
        });
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void bandReadingsBetweenClearLevelAndThresholdNeitherResolveNorRestartTheClearTimer() {
        feed(engine, everyMinute("well-01", min(0), 3, 7));
        // an hour within the band (4..5): still open
        assertThat(feed(engine, everyMinute("well-01", min(3), 60, 4.5, 4.0, 5.0))).isEmpty();
        // clear at 63, band at 66, clear at 68: 68 - 63 >= 5 min, the band reading did not restart it
        assertThat(feed(engine, List.of(well("well-01", min(63), 3.5), well("well-01", min(66), 4.5)))).isEmpty();
        assertThat(engine.observe(well("well-01", min(68), 3.5))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void bandReadingsNeitherRaiseNorRestartThePendingRaise() {
        // breach at 0, band from 1 to 5: no raise though 2 min have passed, since a band reading never raises
        assertThat(feed(engine, List.of(well("well-01", min(0), 7), well("well-01", min(1), 4.5),
                well("well-01", min(3), 4.5), well("well-01", min(5), 4.5)))).isEmpty();
        // the next breaching reading raises, since 0: the condition was never cleared
        assertThat(engine.observe(well("well-01", min(6), 6))).singleElement().satisfies(a -> {
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.value()).isEqualTo(6.0);
        });
    }

    @Test
    void flappingAcrossTheThresholdEveryMinuteForAnHourRaisesAtMostOnceAndResolvesAtMostOnce() {
        AlertEngine defaults = new AlertEngine(RuleBook.defaults());
        // 3 and 7 alternate: every breach is followed by a clear within 2 min, so nothing is ever raised
        List<Alert> wide = feed(defaults, everyMinute("well-01", min(0), 60, 3, 7));
        assertThat(of(wide, "turbidity_unsafe")).isEmpty();

        // 4.5 and 5.5 alternate (crossing 5, never below 4): raised once, never resolved
        List<Alert> narrow = feed(defaults, everyMinute("well-02", min(0), 60, 4.5, 5.5));
        assertThat(count(narrow, "turbidity_unsafe", AlertState.RAISED)).isEqualTo(1);
        assertThat(count(narrow, "turbidity_unsafe", AlertState.RESOLVED)).isZero();

        // then 3 and 7 alternate for an hour: the clear timer restarts at every 7, so no resolve
        List<Alert> after = feed(defaults, everyMinute("well-02", min(60), 60, 3, 7));
        assertThat(of(after, "turbidity_unsafe")).isEmpty();
        // and five quiet minutes resolve it exactly once
        List<Alert> quiet = feed(defaults, everyMinute("well-02", min(120), 10, 2));
        assertThat(count(quiet, "turbidity_unsafe", AlertState.RESOLVED)).isEqualTo(1);
        assertThat(count(quiet, "turbidity_unsafe", AlertState.RAISED)).isZero();
    }

    @Test
    void immediateRuleWithClearForRaisesOnceAndDoesNotFlapWhenValuesCrossEveryMinute() {
        AlertEngine e = new AlertEngine(Feed.rules("""
                [rule hot]
                kind = threshold
                metric = turbidity_ntu.avg
                above = 5
                clear_below = 4
                clear_for = 5m
                """));
        List<Alert> out = feed(e, everyMinute("well-01", min(0), 60, 7, 3));
        assertThat(count(out, "hot", AlertState.RAISED)).isEqualTo(1);
        assertThat(count(out, "hot", AlertState.RESOLVED)).isZero();
    }

    @Test
    void oscillatingBetween4And5WithinTheHysteresisBandChangesNothing() {
        assertThat(feed(engine, everyMinute("well-01", min(0), 60, 4, 5))).isEmpty();

        feed(engine, everyMinute("well-01", min(60), 3, 8));
        assertThat(engine.active()).hasSize(1);
        assertThat(feed(engine, everyMinute("well-01", min(63), 60, 4, 5))).isEmpty();
        assertThat(engine.active()).hasSize(1);
    }

    @Test
    void belowRuleRaisesAndResolvesWithItsOwnHysteresis() {
        AlertEngine defaults = new AlertEngine(RuleBook.defaults());
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m <= 10; m++) {
            out.addAll(defaults.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 11.9), Map.of())));
        }
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("battery_low.kiosk-01");
            assertThat(a.at()).isEqualTo(min(10));
            assertThat(a.message()).isEqualTo("Battery low at kiosk-01 (la-gloria): 11.9 V below 12 V for 10 min");
        });
        // 12.2 V is between 12.0 and 12.4: neither clear nor breaching
        for (int m = 11; m <= 40; m++) {
            assertThat(defaults.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 12.2), Map.of()))).isEmpty();
        }
        List<Alert> clear = new ArrayList<>();
        for (int m = 41; m <= 51; m++) {
            clear.addAll(defaults.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 12.5), Map.of())));
        }
        assertThat(clear).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(51));
        });
    }

    @Test
    void duplicateAndLateObservationsDoNotDoubleRaiseNorResetTheCondition() {
        List<Alert> out = feed(engine, List.of(
                well("well-01", min(0), 7),
                well("well-01", min(1), 7),
                well("well-01", min(0.5), 1),   // late, and clear: not evaluated
                well("well-01", min(1), 1),     // duplicate time: not evaluated
                well("well-01", min(2), 7),     // raises, since 0
                well("well-01", min(2), 7),     // duplicate
                well("well-01", min(1.5), 9),   // late
                well("well-01", min(3), 7)));
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(0));
        });
    }

    @Test
    void replayingMessagesLateGivesTheSameAlertsAsLivingThem() {
        List<Observation> day = new ArrayList<>();
        for (int m = 0; m < 24 * 60; m += 1) {
            double v = (m / 90) % 3 == 0 ? 7.5 : (m / 45) % 2 == 0 ? 4.5 : 0.5;
            day.add(well("well-01", min(m), v));
        }
        List<Alert> lived = feed(new AlertEngine(RuleBook.defaults()), day);
        List<Alert> replayed = feed(new AlertEngine(RuleBook.defaults()),
                day.stream().map(o -> Feed.receivedAt(o, T0.plusSeconds(3 * 86_400))).toList());

        assertThat(lived).isNotEmpty();
        assertThat(replayed).isEqualTo(lived);
    }

    @Test
    void readingsWhileTheSensorReportsAFaultAreNotWaterReadings() {
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m <= 10; m++) {
            out.addAll(engine.observe(obs("well-01", min(m), Map.of("turbidity_ntu.avg", 3000.0), Map.of("sensor", "fault:range"))));
        }
        assertThat(out).isEmpty();
    }

    @Test
    void nodesGlobLimitsTheRuleToMatchingNodes() {
        AlertEngine e = new AlertEngine(Feed.rules("""
                [rule hot]
                kind = threshold
                metric = turbidity_ntu.avg
                above = 5
                nodes = well-*, spring-0?
                """));
        assertThat(e.observe(well("tank-01", min(0), 9))).isEmpty();
        assertThat(e.observe(well("well-07", min(0), 9))).hasSize(1);
        assertThat(e.observe(well("spring-03", min(0), 9))).hasSize(1);
        assertThat(e.observe(well("spring-103", min(0), 9))).isEmpty();
    }

    @Test
    void aNodeThatNeverReportsTheMetricIsNeverJudgedByIt() {
        AlertEngine defaults = new AlertEngine(RuleBook.defaults());
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m < 24 * 60; m += 10) {
            out.addAll(defaults.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 12.7, "calls.failed", 1.0),
                    Map.of("power.shedding", "none"))));
        }
        assertThat(out).isEmpty();
    }

    @Test
    void sameKeyMayBeRaisedAgainAfterItResolvedWithANewSince() {
        feed(engine, everyMinute("well-01", min(0), 3, 7));
        feed(engine, everyMinute("well-01", min(3), 6, 1));
        assertThat(engine.active()).isEmpty();

        List<Alert> again = feed(engine, everyMinute("well-01", min(20), 3, 7));
        assertThat(again).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("turbidity_unsafe.well-01");
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(20));
        });
    }
}
