package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

class MissingRuleTest {
    private static final String RULE = """
            [rule turbidity_missing]
            kind = missing
            metric = turbidity_ntu.avg
            for = 10m
            sensor = true
            """;

    private final AlertEngine engine = new AlertEngine(Feed.rules(RULE));

    private static Observation withoutTurbidity(String node, double minute) {
        return obs(node, min(minute), Map.of("litres", 2.0, "interval_s", 60.0), Map.of("sensor", "ok"));
    }

    @Test
    void raisedWhenANodeThatHadTheMetricKeepsReportingWithoutItForTheDuration() {
        engine.observe(well("well-01", min(0), 0.3));
        List<Alert> out = new ArrayList<>();
        for (int m = 1; m <= 10; m++) {
            out.addAll(engine.observe(withoutTurbidity("well-01", m)));
        }
        assertThat(out).isEmpty();   // missing since 1: at 10 only 9 minutes

        assertThat(engine.observe(withoutTurbidity("well-01", 11))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(1));
            assertThat(a.at()).isEqualTo(min(11));
            assertThat(a.value()).isNull();
            assertThat(a.message()).isEqualTo("turbidity_ntu.avg missing from the telemetry of la-gloria/well-01 for 10 min");
        });

        assertThat(engine.observe(well("well-01", min(12), 0.3))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(12));
        });
    }

    @Test
    void neverRaisedForANodeThatNeverReportedTheMetric() {
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m < 24 * 60; m += 5) {
            out.addAll(engine.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 12.6), Map.of())));
        }
        assertThat(out).isEmpty();
    }

    @Test
    void aSensorMetricReportedWhileTheSensorIsFaultyCountsAsMissing() {
        engine.observe(well("well-01", min(0), 0.3));
        List<Alert> out = new ArrayList<>();
        for (int m = 1; m <= 11; m++) {
            out.addAll(engine.observe(obs("well-01", min(m), Map.of("turbidity_ntu.avg", 9999.0), Map.of("sensor", "fault:range"))));
        }
        assertThat(out).singleElement().satisfies(a -> assertThat(a.at()).isEqualTo(min(11)));
    }

    @Test
    void aNodeThatHadTheMetricBeforeARestartIsStillWatchedAfterIt() {
        engine.observe(well("well-01", min(0), 0.3));
        AlertEngine after = AlertEngine.restore(Feed.rules(RULE), engine.snapshot());
        List<Alert> out = new ArrayList<>();
        for (int m = 1; m <= 11; m++) {
            out.addAll(after.observe(withoutTurbidity("well-01", m)));
        }
        assertThat(out).singleElement().satisfies(a -> assertThat(a.since()).isEqualTo(min(1)));
    }
}
