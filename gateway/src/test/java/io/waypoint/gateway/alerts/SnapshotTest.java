package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest {
    private static AlertEngine restart(AlertEngine e) {
        return AlertEngine.restore(RuleBook.defaults(), e.snapshot());
    }

    @Test
    void aPendingForDurationContinuesAcrossARestart() {
        AlertEngine before = new AlertEngine(RuleBook.defaults());
        before.observe(well("well-01", min(0), 7.2));
        before.observe(well("well-01", min(1), 7.2));

        AlertEngine after = restart(before);

        assertThat(of(after.observe(well("well-01", min(2), 7.2)), "turbidity_unsafe")).singleElement()
                .satisfies(a -> assertThat(a.since()).isEqualTo(min(0)));
    }

    @Test
    void openAlertsComeBackWithTheirStateWhoAcknowledgedAndTheirEscalationTimer() {
        AlertEngine before = new AlertEngine(RuleBook.defaults());
        for (int m = 0; m <= 2; m++) {
            before.observe(well("well-01", min(m), 7.2));
            before.observe(obs("kiosk-01", min(m), Map.of("power.battery_v", 10.9), Map.of()));
        }
        before.acknowledge(SITE, "turbidity_unsafe.well-01", "ana", min(3));

        AlertEngine after = restart(before);

        assertThat(after.active()).containsExactlyElementsOf(before.active());
        assertThat(after.open(SITE, "turbidity_unsafe.well-01")).get().extracting(Alert::by).isEqualTo("ana");
        assertThat(after.tick(min(16.9))).isEmpty();
        // battery_critical escalates 15 min after it was raised at minute 2
        assertThat(after.tick(min(17))).extracting(Alert::key, Alert::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("battery_critical.kiosk-01", AlertState.ESCALATED));
    }

    @Test
    void whoAcknowledgedComesBackCharacterForCharacterWhateverTheyTyped() {
        AlertEngine before = new AlertEngine(RuleBook.defaults());
        for (int m = 0; m <= 2; m++) {
            before.observe(well("well-01", min(m), 7.2));
        }
        String by = "Ana \"la jefa\" \\ Núñez\t\u0001 \ud83d\ude00 half \ud800";
        before.acknowledge(SITE, "turbidity_unsafe.well-01", by, min(3));

        AlertEngine after = restart(before);

        assertThat(after.open(SITE, "turbidity_unsafe.well-01")).get().extracting(Alert::by).isEqualTo(by);
        assertThat(after.snapshot()).isEqualTo(before.snapshot());
    }

    @Test
    void aRestoredEngineBehavesExactlyLikeTheOneThatWroteTheSnapshot() {
        List<Function<AlertEngine, List<Alert>>> first = new ArrayList<>();
        List<Function<AlertEngine, List<Alert>>> rest = new ArrayList<>();
        // a mixed day: turbidity wandering, a stuck stretch, a sensor fault, a kiosk with a sagging battery,
        // a death and a silence, acknowledgements and ticks
        for (int m = 0; m < 24 * 60; m += 2) {
            final int t = m;
            double turbidity = t < 300 ? 0.5 + (t % 17) / 4.0 : t < 700 ? 0.6 : 3 + (t % 11);
            String health = t > 900 && t < 920 ? "fault:range" : "ok";
            double battery = 12.8 - (t % 240) / 100.0;
            List<Function<AlertEngine, List<Alert>>> into = t < 600 ? first : rest;
            if (t < 1000 || t > 1030) {
                into.add(e -> e.observe(obs("well-01", min(t), Map.of("turbidity_ntu.avg", turbidity, "interval_s", 120.0),
                        Map.of("sensor", health))));
            }
            into.add(e -> e.observe(obs("kiosk-01", min(t), Map.of("power.battery_v", battery, "interval_s", 120.0),
                    Map.of("power.shedding", battery < 11.5 ? "charging" : "none"))));
            into.add(e -> e.tick(min(t + 1)));
            if (t == 500 || t == 1200) {
                into.add(e -> e.nodeState(SITE, "kiosk-01", false, min(t + 1)));
            }
            if (t % 97 == 0) {
                into.add(e -> e.acknowledge(SITE, "battery_low.kiosk-01", "ana", min(t + 1)));
            }
        }
        AlertEngine original = new AlertEngine(RuleBook.defaults());
        first.forEach(step -> step.apply(original));
        AlertEngine restored = restart(original);

        List<Alert> a = new ArrayList<>();
        List<Alert> b = new ArrayList<>();
        for (Function<AlertEngine, List<Alert>> step : rest) {
            a.addAll(step.apply(original));
            b.addAll(step.apply(restored));
        }
        assertThat(a).extracting(Alert::rule).contains("turbidity_unsafe", "sensor_fault", "battery_low", "node_offline");
        assertThat(b).isEqualTo(a);
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }

    @Test
    void aSnapshotReadsBackToTheSameSnapshot() {
        AlertEngine e = new AlertEngine(RuleBook.defaults());
        e.observe(well("well-01", min(0), 0.1 + 0.2));   // 0.30000000000000004 must survive exactly
        e.observe(well("well-01", min(1), 7.2));
        e.nodeState(SITE, "kiosk-01", false, min(1));
        String s = e.snapshot();
        assertThat(AlertEngine.restore(RuleBook.defaults(), s).snapshot()).isEqualTo(s);
    }

    @Test
    void alertsOfRulesNoLongerInTheBookAreResolvedByTheNextTick() {
        AlertEngine e = new AlertEngine(Feed.rules("[rule hot]\nkind = threshold\nmetric = turbidity_ntu.avg\nabove = 5\n"));
        e.observe(well("well-01", min(0), 9));

        AlertEngine after = AlertEngine.restore(RuleBook.defaults(), e.snapshot());

        assertThat(after.tick(min(1))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("hot.well-01");
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.message()).endsWith("; the rule is no longer configured");
        });
        assertThat(after.active()).isEmpty();
    }

    @Test
    void somethingThatIsNotASnapshotIsRejected() {
        assertThatThrownBy(() -> AlertEngine.restore(RuleBook.defaults(), "{not json"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertEngine.restore(RuleBook.defaults(), "{\"v\":2,\"nodes\":[],\"tracks\":[],\"alerts\":[]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> AlertEngine.restore(RuleBook.defaults(), "{\"v\":1,\"nodes\":[{\"site\":1}],\"tracks\":[],\"alerts\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertEngine.restore(RuleBook.defaults(), "[]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Alert> of(List<Alert> alerts, String rule) {
        return Feed.of(alerts, rule);
    }
}
