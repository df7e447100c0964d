package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.of;
import static org.assertj.core.api.Assertions.assertThat;

class LabelRuleTest {
    private final AlertEngine engine = new AlertEngine(RuleBook.defaults());

    private static Observation sensor(double minute, String health) {
        return obs("well-01", min(minute), Map.of("litres", 1.0), Map.of("sensor", health));
    }

    private static Observation shedding(double minute, String what) {
        return obs("kiosk-01", min(minute), Map.of("power.battery_v", 12.5), Map.of("power.shedding", what));
    }

    @Test
    void sensorFaultForTwoMinutesRaisesACriticalAlertNamingTheFaultAndOkResolvesIt() {
        assertThat(engine.observe(sensor(0, "fault:range"))).isEmpty();
        assertThat(engine.observe(sensor(1, "fault:range"))).isEmpty();
        List<Alert> raised = of(engine.observe(sensor(2, "fault:no_reply")), "sensor_fault");

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.at()).isEqualTo(min(2));
            assertThat(a.message()).isEqualTo(
                    "Sensor fault at well-01 (la-gloria): fault:no_reply for 2 min; the water cannot be judged");
        });
        assertThat(engine.observe(sensor(3, "ok"))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.message()).endsWith("; sensor is now ok");
        });
    }

    @Test
    void aFaultShorterThanForRaisesNothing() {
        List<Alert> out = new ArrayList<>();
        out.addAll(engine.observe(sensor(0, "fault:range")));
        out.addAll(engine.observe(sensor(1.5, "fault:range")));
        out.addAll(engine.observe(sensor(2, "ok")));
        out.addAll(engine.observe(sensor(3, "fault:range")));
        assertThat(out).isEmpty();
    }

    @Test
    void loadSheddingForFiveMinutesRaisesAndMessagesWithoutTheLabelChangeNothing() {
        List<Alert> out = new ArrayList<>();
        out.addAll(engine.observe(shedding(0, "charging")));
        out.addAll(engine.observe(obs("kiosk-01", min(4), Map.of("power.battery_v", 12.5), Map.of())));
        assertThat(out).isEmpty();
        assertThat(engine.observe(shedding(5, "all"))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("load_shedding.kiosk-01");
            assertThat(a.message()).isEqualTo("Load shedding at kiosk-01 (la-gloria): all switched off for 5 min");
        });
        assertThat(engine.observe(shedding(6, "none"))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void prefixAndEqualsMatches() {
        AlertEngine e = new AlertEngine(Feed.rules("""
                [rule probe_fault]
                kind = label
                label = sensor
                prefix = fault:
                [rule all_off]
                kind = label
                label = power.shedding
                equals = all
                """));
        assertThat(e.observe(sensor(0, "calibrating"))).isEmpty();
        assertThat(e.observe(sensor(1, "fault:x"))).extracting(Alert::rule).containsExactly("probe_fault");
        assertThat(e.observe(shedding(0, "charging"))).isEmpty();
        assertThat(e.observe(shedding(1, "all"))).extracting(Alert::rule).containsExactly("all_off");
    }

    @Test
    void aLabelMatchesAnyOfSeveralTextsAndPicksTheMessageOfItsReason() {
        AlertEngine e = new AlertEngine(Feed.rules("""
                [rule probe]
                kind = label
                label = sensor
                prefix = fault:range, fault:stuck
                message = Probe at {node}: {reason}
                message.stuck = Probe at {node} stuck: wipe it
                """));
        assertThat(e.observe(sensor(0, "fault:unplugged"))).isEmpty();
        assertThat(e.observe(sensor(1, "fault:range_high"))).extracting(Alert::message).containsExactly("Probe at well-01: range_high");
        assertThat(e.observe(sensor(2, "ok"))).extracting(Alert::state).containsExactly(AlertState.RESOLVED);
        assertThat(e.observe(sensor(3, "fault:stuck"))).extracting(Alert::message).containsExactly("Probe at well-01 stuck: wipe it");
    }
}
