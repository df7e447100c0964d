package io.waypoint.gateway.alerts;

import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.T0;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.obs;
import static io.waypoint.gateway.alerts.Feed.receivedAt;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

/** Offline is judged on the gateway clock: every time here is a {@code received} or a {@code now}. */
class OfflineRuleTest {
    private final AlertEngine engine = new AlertEngine(RuleBook.defaults());

    @Test
    void deathRaisesAfterForAndTheNextBirthResolves() {
        engine.observe(well("well-01", min(0), 0.3));
        assertThat(engine.nodeState(SITE, "well-01", false, min(1))).isEmpty();
        assertThat(engine.tick(min(5.9))).isEmpty();

        assertThat(engine.tick(min(6))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("node_offline.well-01");
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(1));
            assertThat(a.at()).isEqualTo(min(6));
            assertThat(a.value()).isNull();
            assertThat(a.message()).isEqualTo("well-01 at la-gloria offline for 5 min");
        });
        assertThat(engine.tick(min(7))).isEmpty();

        assertThat(engine.nodeState(SITE, "well-01", true, min(8))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(8));
            assertThat(a.message()).endsWith("; heard from again");
        });
        assertThat(engine.active()).isEmpty();
    }

    @Test
    void aBriefReconnectRaisesNothing() {
        engine.nodeState(SITE, "well-01", false, min(0));
        engine.nodeState(SITE, "well-01", true, min(1));
        assertThat(engine.tick(min(10))).isEmpty();
    }

    @Test
    void silenceForMoreThanThreeIntervalsMakesTheNodeOfflineAndAnyMessageResolvesIt() {
        engine.observe(well("well-01", min(0), 0.3));           // interval_s 60
        assertThat(engine.tick(min(3))).isEmpty();               // exactly 3 intervals: not yet stale
        assertThat(engine.tick(min(3.01))).isEmpty();            // stale from here, offline for 5 min more
        assertThat(engine.tick(min(8))).isEmpty();

        assertThat(engine.tick(min(8.01))).singleElement().satisfies(a -> {
            assertThat(a.since()).isEqualTo(min(3.01));
            assertThat(a.at()).isEqualTo(min(8.01));
        });
        // a late message (old event time, not evaluated by rules) still shows the node is alive
        assertThat(engine.observe(receivedAt(well("well-01", min(-5), 0.3), min(9)))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void theStalenessIntervalComesFromTheNodesIntervalS() {
        engine.observe(obs("kiosk-01", T0, Map.of("interval_s", 300.0, "power.battery_v", 12.6), Map.of()));
        assertThat(engine.tick(min(14))).isEmpty();
        assertThat(engine.tick(min(15.5))).isEmpty();            // stale after 15 min
        assertThat(engine.tick(min(20.5))).singleElement()
                .satisfies(a -> assertThat(a.key()).isEqualTo("node_offline.kiosk-01"));
    }

    @Test
    void aNodeNeverHeardFromIsNeverStale() {
        assertThat(engine.tick(min(60))).isEmpty();
    }

    @Test
    void forZeroRaisesOnTheDeathItself() {
        AlertEngine e = new AlertEngine(Feed.rules("[rule gone]\nkind = offline\nfor = 0s\n"));
        assertThat(e.nodeState(SITE, "well-01", false, min(0))).singleElement()
                .satisfies(a -> assertThat(a.at()).isEqualTo(min(0)));
        assertThat(e.tick(min(1))).isEmpty();
    }

    @Test
    void aGatewayOutageGivesNodesTheirForToComeBackInsteadOfRaisingAtOnce() {
        engine.observe(well("well-01", min(0), 0.3));
        AlertEngine restarted = AlertEngine.restore(RuleBook.defaults(), engine.snapshot());

        assertThat(restarted.tick(min(60))).isEmpty();           // an hour later: noticed, not yet raised
        assertThat(restarted.observe(receivedAt(well("well-01", min(59.5), 0.3), min(61)))).isEmpty();
        assertThat(restarted.tick(min(70))).isEmpty();
    }
}
