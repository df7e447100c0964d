package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.service.ServiceAvailability.Service;
import io.waypoint.gateway.service.ServiceAvailability.Why;
import io.waypoint.gateway.status.SitePage.ServiceLine;
import io.waypoint.gateway.status.SitePage.State;
import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Body;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.Severity;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SitePagesTest {
    static final String SITE = "la-gloria";
    static final Instant NOW = Instant.parse("2026-10-14T12:00:00Z");

    static StoredMessage stored(String node, long seq, Instant at, Body body) {
        String json = WireCodec.encode(Envelope.of(new NodeRef(SITE, node), 1, seq, at, ClockState.SYNCED), body);
        return new StoredMessage(SITE, node, 1, seq, "telemetry", at, at.plusSeconds(1), json);
    }

    static WellTelemetry well(double ntu, double lpm) {
        return new WellTelemetry(60, new WellTelemetry.Summary(ntu, ntu, ntu, 6), new WellTelemetry.Summary(lpm, lpm, lpm, 6), 10, 1000,
                500, "ok", 0);
    }

    static KioskTelemetry kiosk(int busy, String shedding, String modem, String network, String uplink) {
        return new KioskTelemetry(60, new KioskTelemetry.Charging(8, busy, 1, 2.0, 0),
                new KioskTelemetry.Calls(1, 1, 60, 0, 20, network, modem), new KioskTelemetry.Wifi(3, 1, 1.0, 0.1, uplink),
                new KioskTelemetry.Power(12.5, 30, 20, shedding), 0);
    }

    static NodeState node(String name, boolean online, Instant lastSeen) {
        return new NodeState(SITE, name, 1, online, lastSeen, lastSeen);
    }

    static AlertRecord record(String key, String node, AlertState state, Instant at, String by) {
        Alert a = new Alert(key, SITE, node, key.substring(0, key.indexOf('.')), Severity.CRITICAL, state, at.minusSeconds(120), at, 7.2,
                "Water unsafe at " + node + ": turbidity 7.2 NTU above 5 NTU for 2 min", by);
        return new AlertRecord(SITE, key, state.wire(), at, WireCodec.encode(a));
    }

    static SitePage page(List<NodeState> nodes, List<StoredMessage> telemetry, List<AlertRecord> history) {
        SitePages.Window w = SitePages.window(SITE, nodes, NOW);
        return SitePages.build(SITE, NOW, nodes, w, telemetry, history);
    }

    static Map<Service, ServiceLine> services(SitePage p) {
        return p.services().stream().collect(Collectors.toMap(ServiceLine::service, Function.identity()));
    }

    @Test
    void aWorkingKioskAndAClearWellShowEveryServiceUpWithThePortsFreeAndTheTurbidity() {
        Instant t = NOW.minusSeconds(30);
        SitePage p = page(List.of(node("kiosk-01", true, t), node("well-01", true, t)),
                List.of(stored("kiosk-01", 1, t, kiosk(3, "none", "ok", "home", "up")), stored("well-01", 1, t, well(0.6, 14))), List.of());
        Map<Service, ServiceLine> s = services(p);
        assertThat(p.services()).extracting(ServiceLine::service)
                .containsExactly(Service.CHARGING, Service.CALLS, Service.WIFI, Service.WATER);
        assertThat(p.services()).allMatch(l -> l.state() == State.UP);
        assertThat(s.get(Service.CHARGING).portsFree()).isEqualTo(5);
        assertThat(s.get(Service.CHARGING).portsTotal()).isEqualTo(8);
        assertThat(s.get(Service.WATER).ntu()).isEqualTo(0.6);
    }

    @Test
    void eachServiceIsDownForTheReasonTheNodeGives() {
        Instant t = NOW.minusSeconds(30);
        SitePage p = page(List.of(node("kiosk-01", true, t), node("well-01", true, t)),
                List.of(stored("kiosk-01", 1, t, kiosk(0, "charging", "fault:no_credit", "home", "down")),
                        stored("well-01", 1, t, well(7.2, 14))), List.of());
        Map<Service, ServiceLine> s = services(p);
        assertThat(s.get(Service.CHARGING).state()).isEqualTo(State.DOWN);
        assertThat(s.get(Service.CHARGING).why()).isEqualTo(Why.SHED_CHARGING);
        assertThat(s.get(Service.CALLS).why()).isEqualTo(Why.MODEM_FAULT);
        assertThat(s.get(Service.CALLS).detail()).isEqualTo("fault:no_credit");
        assertThat(s.get(Service.WIFI).why()).isEqualTo(Why.UPLINK_DOWN);
        assertThat(s.get(Service.WATER).state()).isEqualTo(State.DOWN);
        assertThat(s.get(Service.WATER).why()).isEqualTo(Why.TURBID);
        assertThat(Double.parseDouble(s.get(Service.WATER).detail())).isEqualTo(7.2);
    }

    @Test
    void aNetworkSearchingStopsCallsAndAllSheddingStopsEverythingTheKioskOffers() {
        Instant t = NOW.minusSeconds(30);
        SitePage searching = page(List.of(node("kiosk-01", true, t)),
                List.of(stored("kiosk-01", 1, t, kiosk(0, "none", "ok", "searching", "up"))), List.of());
        assertThat(services(searching).get(Service.CALLS).why()).isEqualTo(Why.NO_NETWORK);
        assertThat(services(searching).get(Service.WIFI).state()).isEqualTo(State.UP);
        SitePage shed = page(List.of(node("kiosk-01", true, t)),
                List.of(stored("kiosk-01", 1, t, kiosk(0, "all", "ok", "home", "up"))), List.of());
        assertThat(shed.services()).allMatch(l -> l.state() == State.DOWN && l.why() == Why.SHED_ALL);
    }

    @Test
    void aSummaryOlderThanThreeIntervalsOrFromAnOfflineNodeSaysNothingAboutNow() {
        Instant old = NOW.minusSeconds(181);
        SitePage stale = page(List.of(node("kiosk-01", true, old)),
                List.of(stored("kiosk-01", 1, old.minusSeconds(1), kiosk(0, "none", "ok", "home", "up"))), List.of());
        assertThat(stale.services()).allMatch(l -> l.state() == State.NO_DATA);
        Instant t = NOW.minusSeconds(30);
        SitePage offline = page(List.of(node("well-01", false, t)), List.of(stored("well-01", 1, t, well(0.5, 10))), List.of());
        assertThat(services(offline).get(Service.WATER).state()).isEqualTo(State.NO_DATA);
        assertThat(services(offline).get(Service.WATER).asOf()).isEqualTo(t);
        // just inside three intervals still counts
        Instant recent = NOW.minusSeconds(179);
        SitePage fresh = page(List.of(node("well-01", true, recent)),
                List.of(stored("well-01", 1, recent.minusSeconds(1), well(0.5, 10))), List.of());
        assertThat(services(fresh).get(Service.WATER).state()).isEqualTo(State.UP);
    }

    @Test
    void oneWorkingKioskOfTwoKeepsChargingUpCountingOnlyItsPorts() {
        Instant t = NOW.minusSeconds(30);
        SitePage p = page(List.of(node("kiosk-01", true, t), node("kiosk-02", true, t)),
                List.of(stored("kiosk-01", 1, t, kiosk(2, "charging", "ok", "home", "up")),
                        stored("kiosk-02", 1, t, kiosk(6, "none", "ok", "home", "up"))), List.of());
        ServiceLine charging = services(p).get(Service.CHARGING);
        assertThat(charging.state()).isEqualTo(State.UP);
        assertThat(charging.portsFree()).isEqualTo(2);
        assertThat(charging.portsTotal()).isEqualTo(8);
    }

    @Test
    void oneSafeWellOfTwoKeepsWaterUpAtItsOwnTurbidity() {
        Instant t = NOW.minusSeconds(30);
        SitePage p = page(List.of(node("well-01", true, t), node("well-02", true, t), node("well-03", true, t)),
                List.of(stored("well-01", 1, t, well(7.2, 14)), stored("well-02", 1, t, well(0.8, 14)),
                        stored("well-03", 1, t, well(0.3, 14))), List.of());
        ServiceLine water = services(p).get(Service.WATER);
        assertThat(water.state()).isEqualTo(State.UP);
        assertThat(water.ntu()).isEqualTo(0.8);
    }

    @Test
    void theNewestSummaryOfANodeDecidesWhateverOrderTheRowsComeIn() {
        Instant t = NOW.minusSeconds(30);
        SitePage p = page(List.of(node("well-01", true, t)),
                List.of(stored("well-01", 2, t, well(0.5, 10)), stored("well-01", 1, t.minusSeconds(60), well(9, 10))), List.of());
        assertThat(services(p).get(Service.WATER).state()).isEqualTo(State.UP);
    }

    @Test
    void openAlertsKeepTheirRaiseTimeThroughAcknowledgementAndResolvedOnesGo() {
        Instant raised = NOW.minus(Duration.ofMinutes(42));
        List<AlertRecord> history = List.of(
                record("turbidity_unsafe.well-01", "well-01", AlertState.RAISED, raised, null),
                record("turbidity_unsafe.well-01", "well-01", AlertState.ACKNOWLEDGED, raised.plusSeconds(600), "Ana"),
                record("sensor_fault.well-02", "well-02", AlertState.RAISED, NOW.minus(Duration.ofHours(3)), null),
                record("sensor_fault.well-02", "well-02", AlertState.RESOLVED, NOW.minus(Duration.ofHours(2)), null),
                record("node_offline.kiosk-01", "kiosk-01", AlertState.RAISED, NOW.minus(Duration.ofHours(5)), null),
                record("node_offline.kiosk-01", "kiosk-01", AlertState.ESCALATED, NOW.minus(Duration.ofHours(4)), null));
        SitePage p = page(List.of(node("well-01", true, NOW)), List.of(), history);
        assertThat(p.alerts()).extracting(SitePage.OpenAlert::key)
                .containsExactly("node_offline.kiosk-01", "turbidity_unsafe.well-01"); // same severity: oldest first
        SitePage.OpenAlert acked = p.alerts().get(1);
        assertThat(acked.raised()).isEqualTo(raised);
        assertThat(acked.age()).isEqualTo(Duration.ofMinutes(42));
        assertThat(acked.acknowledged()).isTrue();
        assertThat(acked.by()).isEqualTo("Ana");
        assertThat(p.alerts().get(0).state()).isEqualTo("escalated");
        assertThat(p.alerts().get(0).age()).isEqualTo(Duration.ofHours(5));
    }

    @Test
    void anAlertRaisedAgainAfterItResolvedIsAsOldAsItsNewRaise() {
        Instant second = NOW.minus(Duration.ofMinutes(5));
        List<AlertRecord> history = List.of(
                record("turbidity_unsafe.well-01", "well-01", AlertState.RAISED, NOW.minus(Duration.ofDays(2)), null),
                record("turbidity_unsafe.well-01", "well-01", AlertState.RESOLVED, NOW.minus(Duration.ofDays(1)), null),
                record("turbidity_unsafe.well-01", "well-01", AlertState.RAISED, second, null));
        SitePage p = page(List.of(node("well-01", true, NOW)), List.of(), history);
        assertThat(p.alerts()).singleElement().satisfies(a -> {
            assertThat(a.age()).isEqualTo(Duration.ofMinutes(5));
            assertThat(a.acknowledged()).isFalse();
        });
    }

    @Test
    void theChartsWindowEndsAtTheNewestReadingSoAWellCutOffStillShowsItsLastDay() {
        Instant lastWeek = NOW.minus(Duration.ofDays(7));
        NodeState n = new NodeState(SITE, "well-01", 1, false, lastWeek, lastWeek);
        SitePages.Window w = SitePages.window(SITE, List.of(n), NOW);
        assertThat(w.to()).isEqualTo(lastWeek);
        assertThat(w.from()).isEqualTo(lastWeek.minus(Duration.ofDays(1)));
        List<StoredMessage> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // every 5 minutes: a point each, one line
            rows.add(stored("well-01", i + 1, lastWeek.minusSeconds(300L * (10 - i)), well(i, 12)));
        }
        SitePage p = SitePages.build(SITE, NOW, List.of(n), w, rows, List.of());
        assertThat(p.turbidity().series()).singleElement().satisfies(s -> assertThat(s.points()).isEqualTo(10));
        assertThat(p.turbidity().yMax()).isEqualTo(10);
        assertThat(p.flow().yMax()).isEqualTo(20);
        // a node clock ahead of the gateway's does not push the window into the future
        NodeState ahead = new NodeState(SITE, "well-01", 1, true, NOW, NOW.plusSeconds(3600));
        assertThat(SitePages.window(SITE, List.of(ahead), NOW).to()).isEqualTo(NOW);
    }

    @Test
    void aFaultySensorsSummaryIsNoTurbidityReadingOnTheChart() {
        Instant t = NOW.minusSeconds(30);
        WellTelemetry faulty = new WellTelemetry(60, null, new WellTelemetry.Summary(10, 10, 10, 6), 10, 1000, 500, "fault:unplugged", 0);
        SitePage p = page(List.of(node("well-01", true, t)), List.of(stored("well-01", 1, t, faulty)), List.of());
        assertThat(p.turbidity().isEmpty()).isTrue();
        assertThat(p.flow().isEmpty()).isFalse();
        assertThat(services(p).get(Service.WATER).why()).isEqualTo(Why.SENSOR_FAULT);
        assertThat(services(p).get(Service.WATER).detail()).isEqualTo("fault:unplugged");
    }

    @Test
    void nodesShowTheirLastContactOnTheGatewaysClock() {
        SitePage p = page(List.of(node("well-01", true, NOW.minusSeconds(90)), node("kiosk-01", false, NOW.minus(Duration.ofHours(2))),
                new NodeState("other-site", "well-09", 1, true, NOW, NOW)), List.of(), List.of());
        assertThat(p.nodes()).extracting(SitePage.NodeLine::node).containsExactly("kiosk-01", "well-01");
        assertThat(p.nodes().get(0).online()).isFalse();
        assertThat(p.nodes().get(0).ago()).isEqualTo(Duration.ofHours(2));
        assertThat(p.nodes().get(1).ago()).isEqualTo(Duration.ofSeconds(90));
        assertThat(SitePages.sites(List.of(node("a", true, NOW), new NodeState("b-site", "x", 1, true, NOW, NOW))))
                .containsExactly("b-site", SITE);
    }
}
