package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.feed;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.of;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

class StuckRuleTest {
    private static List<Observation> everyTenMinutes(String node, double fromMinute, double toMinute, double... values) {
        List<Observation> out = new ArrayList<>();
        int i = 0;
        for (double m = fromMinute; m <= toMinute; m += 10) {
            out.add(well(node, min(m), values[i++ % values.length]));
        }
        return out;
    }

    @Test
    void defaultRuleRaisesWhenTheReadingIsUnchangedForSixHoursAndResolvesOnTheFirstChange() {
        AlertEngine engine = new AlertEngine(RuleBook.defaults());
        assertThat(feed(engine, everyTenMinutes("well-01", 0, 350, 0.42))).isEmpty();

        assertThat(engine.observe(well("well-01", min(360), 0.42))).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo("turbidity_stuck");
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.at()).isEqualTo(min(360));
            assertThat(a.message()).isEqualTo(
                    "Turbidity sensor at well-01 (la-gloria) stuck at 0.42 NTU for 6 h: check and clean the probe");
        });
        assertThat(feed(engine, everyTenMinutes("well-01", 370, 600, 0.42))).isEmpty();

        assertThat(engine.observe(well("well-01", min(610), 0.43))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(610));
        });
        // a new run starts at the change: stuck again six hours later, with a new since
        List<Alert> again = of(feed(engine, everyTenMinutes("well-01", 620, 970, 0.43)), "turbidity_stuck");
        assertThat(again).singleElement().satisfies(a -> assertThat(a.since()).isEqualTo(min(610)));
    }

    @Test
    void needsObservationsSpanningTheDuration() {
        AlertEngine engine = new AlertEngine(RuleBook.defaults());
        assertThat(feed(engine, List.of(well("well-01", min(0), 0.5), well("well-01", min(359), 0.5)))).isEmpty();
        assertThat(of(engine.observe(well("well-01", min(360), 0.5)), "turbidity_stuck")).hasSize(1);
    }

    @Test
    void toleranceAllowsJitterButNotADrift() {
        AlertEngine engine = new AlertEngine(Feed.rules("""
                [rule flow_stuck]
                kind = stuck
                metric = turbidity_ntu.avg
                tolerance = 0.05
                for = 1h
                """));
        assertThat(feed(engine, everyTenMinutes("well-01", 0, 60, 0.40, 0.45, 0.42))).hasSize(1);

        List<Observation> drift = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            drift.add(well("well-02", min(i * 10), 0.40 + 0.02 * i));
        }
        assertThat(feed(engine, drift)).isEmpty();
    }

    @Test
    void messagesWithoutTheMetricNeitherExtendNorBreakARun() {
        AlertEngine engine = new AlertEngine(Feed.rules("""
                [rule stuck]
                kind = stuck
                metric = turbidity_ntu.avg
                for = 1h
                """));
        engine.observe(well("well-01", min(0), 1.5));
        for (int m = 10; m <= 60; m += 10) {
            assertThat(engine.observe(obs("well-01", min(m), Map.of("litres", 3.0), Map.of()))).isEmpty();
        }
        assertThat(engine.observe(well("well-01", min(61), 1.5))).singleElement()
                .satisfies(a -> assertThat(a.since()).isEqualTo(min(0)));
    }
}
