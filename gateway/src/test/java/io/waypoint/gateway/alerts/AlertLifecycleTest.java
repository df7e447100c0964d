package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.everyMinute;
import static io.waypoint.gateway.alerts.Feed.feed;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.receivedAt;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleTest {
    private static final String KEY = "hot.well-01";
    private final AlertEngine engine = new AlertEngine(Feed.rules("""
            [rule hot]
            kind = threshold
            metric = turbidity_ntu.avg
            above = 5
            clear_for = 2m
            escalate_after = 30m
            [rule quiet]
            kind = threshold
            metric = flow_lpm.avg
            above = 100
            escalate_after = never
            """));

    /** Raised at minute 0 (event time and gateway time). */
    private Alert raise() {
        return engine.observe(well("well-01", min(0), 7)).get(0);
    }

    @Test
    void escalatedWhenNotAcknowledgedWithinEscalateAfterOnTheGatewayClockAndOnlyOnce() {
        raise();
        assertThat(engine.tick(min(29.9))).isEmpty();

        assertThat(engine.tick(min(30))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.ESCALATED);
            assertThat(a.at()).isEqualTo(min(30));
            assertThat(a.since()).isEqualTo(min(0));
        });
        assertThat(engine.tick(min(90))).isEmpty();
        assertThat(engine.open(SITE, KEY)).get().extracting(Alert::state).isEqualTo(AlertState.ESCALATED);
    }

    @Test
    void escalationCountsFromWhenTheGatewayRaisedNotFromTheOldEventTimeOfAReplay() {
        engine.observe(receivedAt(well("well-01", min(-2 * 24 * 60), 7), min(0)));
        assertThat(engine.active()).hasSize(1);
        assertThat(engine.tick(min(1))).isEmpty();
        assertThat(engine.tick(min(30))).hasSize(1);
    }

    @Test
    void acknowledgedAlertIsNotEscalated() {
        raise();
        assertThat(engine.acknowledge(SITE, KEY, "ana", min(10))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED);
            assertThat(a.by()).isEqualTo("ana");
            assertThat(a.at()).isEqualTo(min(10));
            assertThat(a.since()).isEqualTo(min(0));
        });
        assertThat(engine.tick(min(120))).isEmpty();
    }

    @Test
    void anEscalatedAlertCanBeAcknowledgedAndASecondAcknowledgementYieldsNothing() {
        raise();
        engine.tick(min(30));
        assertThat(engine.acknowledge(SITE, KEY, "ana", min(31))).extracting(Alert::state)
                .containsExactly(AlertState.ACKNOWLEDGED);
        assertThat(engine.acknowledge(SITE, KEY, "luis", min(32))).isEmpty();
        assertThat(engine.open(SITE, KEY)).get().extracting(Alert::by).isEqualTo("ana");
    }

    @Test
    void unknownKeysYieldNothingAndOpenTellsThemApart() {
        raise();
        assertThat(engine.acknowledge(SITE, "hot.well-99", "ana", min(1))).isEmpty();
        assertThat(engine.acknowledge(SITE, "nodot", "ana", min(1))).isEmpty();
        assertThat(engine.acknowledge("other-site", KEY, "ana", min(1))).isEmpty();
        assertThat(engine.open(SITE, "hot.well-99")).isEmpty();
        assertThat(engine.open(SITE, KEY)).isPresent();
        assertThat(engine.open(SITE, KEY).get().state()).isEqualTo(AlertState.RAISED);
    }

    @Test
    void resolvedFromEscalatedAndFromAcknowledgedAndThenUnknown() {
        raise();
        engine.tick(min(30));
        List<Alert> resolved = feed(engine, everyMinute("well-01", min(31), 3, 1));
        assertThat(resolved).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(33));
        });
        assertThat(engine.active()).isEmpty();
        assertThat(engine.acknowledge(SITE, KEY, "ana", min(40))).isEmpty();

        feed(engine, everyMinute("well-01", min(50), 1, 9));
        engine.acknowledge(SITE, KEY, "ana", min(51));
        assertThat(feed(engine, everyMinute("well-01", min(52), 3, 1))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.by()).isEqualTo("ana");
            assertThat(a.since()).isEqualTo(min(50));
        });
    }

    @Test
    void whileOpenReEvaluationNeverRaisesItAgain() {
        raise();
        List<Alert> out = feed(engine, everyMinute("well-01", min(1), 120, 7, 9, 6));
        assertThat(out).isEmpty();
        assertThat(engine.active()).hasSize(1);
    }

    @Test
    void escalateAfterNeverIsNeverEscalated() {
        engine.observe(Feed.obs("well-01", min(0), Feed.numbers("flow_lpm.avg", 200), java.util.Map.of()));
        assertThat(engine.tick(min(24 * 60))).isEmpty();
    }

    @Test
    void activeHoldsTheLastTransitionOfEachOpenAlert() {
        raise();
        engine.observe(Feed.obs("well-02", min(0), Feed.numbers("turbidity_ntu.avg", 8), java.util.Map.of()));
        engine.acknowledge(SITE, "hot.well-02", "ana", min(1));
        assertThat(engine.active()).extracting(Alert::key, Alert::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(KEY, AlertState.RAISED),
                org.assertj.core.groups.Tuple.tuple("hot.well-02", AlertState.ACKNOWLEDGED));
    }
}
