package io.waypoint.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.gateway.store.GatewayStore.AlertRecord;
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
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monthly figures from hand-made stored rows whose totals are known. */
class MonthTallyTest {
    static final String SITE = "la-gloria";
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);
    static final Instant OCT_1 = Instant.parse("2026-10-01T00:00:00Z");
    static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant LATER = Instant.parse("2026-11-27T12:00:00Z");

    /** A stored summary of {@code node}, filed (and stamped) at {@code at}. */
    static StoredMessage stored(String node, long boot, long seq, Instant at, Body body) {
        String json = WireCodec.encode(Envelope.of(new NodeRef(SITE, node), boot, seq, at, ClockState.SYNCED), body);
        return new StoredMessage(SITE, node, boot, seq, "telemetry", at, at.plusSeconds(1), json);
    }

    static KioskTelemetry kiosk(int intervalS, int charged, double wh, int placed, int answered, long seconds, int wifiSessions,
                                double mbDown, double mbUp) {
        return new KioskTelemetry(intervalS, new KioskTelemetry.Charging(8, 2, charged, wh, 0),
                new KioskTelemetry.Calls(placed, answered, seconds, placed - answered),
                new KioskTelemetry.Wifi(5, wifiSessions, mbDown, mbUp), new KioskTelemetry.Power(12.6, 40, 25, "none"), 0);
    }

    static WellTelemetry well(int intervalS, double ntu, double litres, double total) {
        return new WellTelemetry(intervalS, new Summary(ntu, ntu, ntu, 6), new Summary(10, 12, 14, 6), litres, total, 500, "ok", 0);
    }

    static Map<String, Object> figures(Instant asOf, List<StoredMessage> rows, List<AlertRecord> alerts) {
        MonthTally t = new MonthTally(SITE, OCTOBER, ZoneOffset.UTC, asOf);
        rows.forEach(t::add);
        t.alerts(alerts);
        return t.finish().figures();
    }

    static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void kioskCountersAreSummedOncePerBootAndSeqAcrossAReboot() {
        List<StoredMessage> rows = new ArrayList<>();
        Instant t = OCT_1.plus(Duration.ofDays(3));
        // boot 1: seqs 1..3; boot 2 after a reboot starts at seq 1 again: same seqs, other summaries
        for (int seq = 1; seq <= 3; seq++) {
            rows.add(stored("kiosk-01", 1, seq, t.plusSeconds(60L * seq), kiosk(60, 2, 10.5, 3, 2, 150, 4, 20.25, 2.5)));
        }
        for (int seq = 1; seq <= 2; seq++) {
            rows.add(stored("kiosk-01", 2, seq, t.plusSeconds(600 + 60L * seq), kiosk(60, 1, 5.25, 1, 1, 180, 1, 10.0, 1.0)));
        }
        rows.add(rows.get(1)); // a duplicate of boot 1 seq 2, fed twice
        rows.add(stored("kiosk-01", 1, 2, t.plusSeconds(120), kiosk(60, 2, 10.5, 3, 2, 150, 4, 20.25, 2.5))); // and again, re-read

        Map<String, Object> f = figures(LATER, rows, List.of());

        assertThat(f.get("phones_charged")).isEqualTo(3 * 2 + 2 * 1L);
        assertThat(f.get("charging_energy_wh")).isEqualTo(d("42.0")); // 3 x 10.5 + 2 x 5.25
        assertThat(f.get("calls_placed")).isEqualTo(11L);
        assertThat(f.get("calls_answered")).isEqualTo(8L);
        assertThat(f.get("call_time_min")).isEqualTo(d("13.5")); // (3 x 150 + 2 x 180) s = 810 s
        assertThat(f.get("wifi_sessions")).isEqualTo(14L);
        assertThat(f.get("wifi_data_down_mb")).isEqualTo(d("80.8")); // 60.75 + 20
        assertThat(f.get("wifi_data_up_mb")).isEqualTo(d("9.5"));
        assertThat(f.get("wifi_data_mb")).isEqualTo(d("90.3")); // 90.25 rounds half up
        assertThat(f.get("telemetry_summaries")).isEqualTo(5L);
    }

    @Test
    void onlySummariesFiledInTheMonthCountAndTheOnesAcrossItsEdgesCoverOnlyTheirOctoberPart() {
        List<StoredMessage> rows = List.of(
                stored("kiosk-01", 1, 1, OCT_1.minusMillis(1), kiosk(60, 100, 1, 100, 100, 100, 100, 100, 100)),
                stored("kiosk-01", 1, 2, OCT_1.plusSeconds(30), kiosk(60, 1, 1, 1, 1, 60, 1, 1, 1)),
                stored("kiosk-01", 1, 3, NOV_1.minusSeconds(60), kiosk(60, 1, 1, 1, 1, 60, 1, 1, 1)),
                stored("kiosk-01", 1, 4, NOV_1, kiosk(60, 100, 1, 100, 100, 100, 100, 100, 100)));

        Map<String, Object> f = figures(LATER, rows, List.of());

        assertThat(f.get("phones_charged")).isEqualTo(2L);
        assertThat(f.get("calls_placed")).isEqualTo(2L);
        assertThat(f.get("period_start")).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(f.get("period_end")).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(f.get("period_h")).isEqualTo(d("744.0")); // 31 days
        // covered: 30 s of the first summary (its other 30 s were September), 60 s of the third, and the
        // 60 s before November of the one filed at its start (which counts in November)
        MonthTally t = new MonthTally(SITE, OCTOBER, ZoneOffset.UTC, LATER);
        rows.forEach(t::add);
        assertThat(t.finish().availability().get(MonthlyReport.Service.CHARGING).noData())
                .isEqualTo(Duration.ofDays(31).minusSeconds(150));
    }

    @Test
    void litresAreTheSumOfIntervalsSoAResetCumulativeTotalNeitherInventsNorLosesWater() {
        Instant t = OCT_1.plus(Duration.ofDays(10));
        List<StoredMessage> rows = List.of(
                stored("well-01", 1, 1, t, well(60, 0.5, 10, 1000)),
                stored("well-01", 1, 2, t.plusSeconds(60), well(60, 0.5, 20, 1020)),
                // the node restarted with a damaged total file: its cumulative total starts again
                stored("well-01", 2, 1, t.plusSeconds(180), well(60, 0.5, 30, 30)),
                stored("well-01", 2, 2, t.plusSeconds(240), well(60, 0.5, 15, 45)));

        Map<String, Object> f = figures(LATER, rows, List.of());

        assertThat(f.get("water_l")).isEqualTo(d("75.0"));
        assertThat(f.get("water_people_days")).isEqualTo(d("5.0")); // 75 L / 15 L per person per day
    }

    @Test
    void turbiditySharesAreTimeWeightedOverTheTimeMeasuredByAWorkingSensor() {
        Instant t = OCT_1.plus(Duration.ofDays(2));
        WellTelemetry faulty = new WellTelemetry(600, null, new Summary(10, 12, 14, 6), 5, 100, 500, "fault:out_of_range", 0);
        List<StoredMessage> rows = List.of(
                stored("well-01", 1, 1, t.plusSeconds(600), well(600, 0.5, 5, 10)),
                stored("well-01", 1, 2, t.plusSeconds(1200), well(600, 0.9, 5, 15)),
                stored("well-01", 1, 3, t.plusSeconds(1800), well(600, 3.0, 5, 20)),
                stored("well-01", 1, 4, t.plusSeconds(2400), well(1200, 7.2, 5, 25)), // 20 min over 5 NTU
                stored("well-01", 1, 5, t.plusSeconds(3000), faulty));                 // 10 min not measured

        MonthTally tally = new MonthTally(SITE, OCTOBER, ZoneOffset.UTC, LATER);
        rows.forEach(tally::add);
        MonthlyReport r = tally.finish();
        Map<String, Object> f = r.figures();

        assertThat(r.water().measured()).isEqualTo(Duration.ofMinutes(50));
        assertThat(f.get("turbidity_measured_h")).isEqualTo(d("0.8"));
        assertThat(f.get("turbidity_under_1_ntu_pct")).isEqualTo(d("40.0")); // 20 of 50 min
        assertThat(f.get("turbidity_over_5_ntu_pct")).isEqualTo(d("40.0"));  // 20 of 50 min
        // the 7.2 NTU summary overlaps the 3.0 one by 10 min: safe there by the other, so 10 min unsafe; 10 min faulty
        MonthlyReport.Availability water = r.availability().get(MonthlyReport.Service.WATER);
        assertThat(water.noData()).isEqualTo(Duration.ofDays(31).minusMinutes(50));
        assertThat(water.unavailable()).isEqualTo(Duration.ofDays(31).minusMinutes(30));
    }

    @Test
    void eachServiceIsUnavailableWhenItsKioskSaysSoOrIsSilentUpToWhenTheReportIsMade() {
        Instant asOf = OCT_1.plus(Duration.ofHours(10)); // October still running: the period is its first 10 h
        List<StoredMessage> rows = new ArrayList<>();
        String[] shedding = {"none", "none", "none", "none", "charging", "none", "none", "all"};
        for (int h = 0; h < 8; h++) {
            String network = h == 3 ? "searching" : "home";
            String modem = h == 5 ? "fault:no_credit" : h == 2 ? "fault:low_signal" : "ok";
            String uplink = h == 6 ? "down" : "up";
            rows.add(stored("kiosk-01", 1, h + 1, OCT_1.plus(Duration.ofHours(h + 1)), new KioskTelemetry(3600,
                    new KioskTelemetry.Charging(8, 0, 0, 0, 0), new KioskTelemetry.Calls(0, 0, 0, 0, 20, network, modem),
                    new KioskTelemetry.Wifi(0, 0, 0, 0, uplink), new KioskTelemetry.Power(12.5, 0, 10, shedding[h]), 0)));
        }
        // hours 8 and 9: nothing (the kiosk was off)

        Map<String, Object> f = figures(asOf, rows, List.of());

        assertThat(f.get("period_h")).isEqualTo(d("10.0"));
        assertThat(f.get("charging_unavailable_h")).isEqualTo(d("4.0")); // shed at 4 and 7, silent 8-9
        assertThat(f.get("charging_no_data_h")).isEqualTo(d("2.0"));
        assertThat(f.get("calls_unavailable_h")).isEqualTo(d("5.0"));    // no network 3, no credit 5, shed 7, silent 8-9
        assertThat(f.get("wifi_unavailable_h")).isEqualTo(d("4.0"));     // uplink down 6, shed 7, silent 8-9
        assertThat(f.get("water_unavailable_h")).as("no well at this site").isNull();
        assertThat(f.get("turbidity_under_1_ntu_pct")).isNull();
    }

    @Test
    void aServiceOfferedByTwoKiosksIsAvailableWhileEitherProvidesIt() {
        List<StoredMessage> rows = new ArrayList<>();
        Instant asOf = OCT_1.plus(Duration.ofHours(4));
        // kiosk-01 covers hours 0-1, kiosk-02 hours 1-3 (overlapping hour 1 counts once); hour 3 nobody
        rows.add(stored("kiosk-01", 1, 1, OCT_1.plus(Duration.ofHours(1)), kiosk(3600, 0, 0, 0, 0, 0, 0, 0, 0)));
        rows.add(stored("kiosk-01", 1, 2, OCT_1.plus(Duration.ofHours(2)), kiosk(3600, 0, 0, 0, 0, 0, 0, 0, 0)));
        rows.add(stored("kiosk-02", 1, 1, OCT_1.plus(Duration.ofHours(2)), kiosk(3600, 0, 0, 0, 0, 0, 0, 0, 0)));
        rows.add(stored("kiosk-02", 1, 2, OCT_1.plus(Duration.ofHours(3)), kiosk(3600, 0, 0, 0, 0, 0, 0, 0, 0)));

        Map<String, Object> f = figures(asOf, rows, List.of());

        assertThat(f.get("wifi_unavailable_h")).isEqualTo(d("1.0"));
        assertThat(f.get("wifi_no_data_h")).isEqualTo(d("1.0"));
    }

    static AlertRecord alert(String key, AlertState state, Instant since, Instant at, String by) {
        Alert a = new Alert(key, SITE, key.substring(key.indexOf('.') + 1), key.substring(0, key.indexOf('.')), Severity.CRITICAL,
                state, since, at, 7.2, "Water unsafe at well-01", by);
        return new AlertRecord(SITE, key, state.wire(), at, WireCodec.encode(a));
    }

    static List<AlertRecord> aMonthOfAlerts() {
        Instant d10 = OCT_1.plus(Duration.ofDays(9));
        Instant sep = OCT_1.minus(Duration.ofHours(2));
        Instant late = NOV_1.minus(Duration.ofMinutes(10));
        String unsafe = "turbidity_unsafe.well-01";
        String offline = "node_offline.kiosk-01";
        return List.of(
                alert(offline, AlertState.RAISED, sep, sep, null),                            // September's: not counted
                alert(offline, AlertState.RESOLVED, sep, OCT_1.plusSeconds(600), null),
                alert(unsafe, AlertState.RAISED, d10, d10, null),                             // acked in 25 min, resolved in 60
                alert(unsafe, AlertState.ESCALATED, d10, d10.plus(Duration.ofMinutes(15)), null),
                alert(unsafe, AlertState.ACKNOWLEDGED, d10, d10.plus(Duration.ofMinutes(25)), "maria"),
                alert(unsafe, AlertState.RESOLVED, d10, d10.plus(Duration.ofMinutes(60)), null),
                alert(unsafe, AlertState.RAISED, d10.plus(Duration.ofHours(2)), d10.plus(Duration.ofHours(2)), null), // never acked
                alert(unsafe, AlertState.RESOLVED, d10, d10.plus(Duration.ofMinutes(150)), null),
                alert(offline, AlertState.RAISED, d10, d10.plus(Duration.ofHours(5)), null),  // acked in 10 min, still open
                alert(offline, AlertState.ACKNOWLEDGED, d10, d10.plus(Duration.ofMinutes(310)), "joão"),
                alert(offline, AlertState.ACKNOWLEDGED, d10, d10.plus(Duration.ofMinutes(330)), "joão"), // a second ack: the first counts
                alert(unsafe, AlertState.RAISED, late, late, null),                           // resolved in November, 20 min
                alert(unsafe, AlertState.RESOLVED, late, late.plus(Duration.ofMinutes(20)), null));
    }

    @Test
    void alertsRaisedInTheMonthCountWithTheirTimesToAcknowledgeAndResolve() {
        Map<String, Object> f = figures(LATER, List.of(), aMonthOfAlerts());

        assertThat(f.get("alerts_raised")).isEqualTo(4L);
        assertThat(f.get("alerts_acknowledged")).isEqualTo(2L);
        assertThat(f.get("alerts_never_acknowledged")).isEqualTo(2L);
        assertThat(f.get("alerts_resolved")).isEqualTo(3L);
        assertThat(f.get("alerts_open_at_end")).as("still open, and one resolved only in November").isEqualTo(2L);
        assertThat(f.get("alert_ack_median_min")).isEqualTo(d("17.5")); // 25 and 10
        assertThat(f.get("alert_ack_max_min")).isEqualTo(d("25.0"));
        assertThat(f.get("alert_resolve_median_min")).isEqualTo(d("30.0")); // 60, 30, 20
        assertThat(f.get("alert_resolve_max_min")).isEqualTo(d("60.0"));
    }

    @Test
    void noAlertsGiveZeroCountsAndNoTimes() {
        Map<String, Object> f = figures(LATER, List.of(), List.of());

        assertThat(f.get("alerts_raised")).isEqualTo(0L);
        assertThat(f.get("alert_ack_median_min")).isNull();
        assertThat(f.get("alert_resolve_max_min")).isNull();
    }

    @Test
    void aMonthInAZoneStartsAtItsLocalMidnight() {
        MonthTally t = new MonthTally(SITE, OCTOBER, ZoneId.of("America/Mexico_City"), LATER);

        assertThat(t.from()).isEqualTo(Instant.parse("2026-10-01T06:00:00Z"));
        assertThat(t.finish().to()).isEqualTo(Instant.parse("2026-11-01T06:00:00Z"));
    }

    @Test
    void aMonthNotBegunIsRefusedSayingWhatToAskFor() {
        assertThatThrownBy(() -> new MonthTally(SITE, YearMonth.of(2026, 12), ZoneOffset.UTC, LATER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("month 2026-12 has not begun").hasMessageContaining("an earlier one");
    }
}
