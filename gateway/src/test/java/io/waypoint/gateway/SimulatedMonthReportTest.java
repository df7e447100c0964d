package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.ingest.GatewayIngest;
import io.waypoint.gateway.report.ReportCommand;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Uplink;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.Body;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.StateBody;
import io.waypoint.wire.Topic;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of the monthly report: a simulated October of a well and a kiosk, a summary
 * every 10 minutes, sent over a real Mosquitto to the gateway's ingest (rules, store, acks) whose
 * clock follows the month; with a reboot of the well, a 30-hour outage of the kiosk that ends in a
 * reboot, a day sent twice, load shedding, a modem without credit, an uplink down, and a turbidity
 * episode that raises two alerts, one of which staff acknowledge 25 minutes after it was raised,
 * both resolving. Then {@code scripts/report}'s main class, in each format, beside the running
 * ingest, and the gateway's {@code report} command over MQTT, must give exactly the known totals,
 * and never who acknowledged.
 */
class SimulatedMonthReportTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SITE = "la-gloria";
    private static final NodeRef WELL = new NodeRef(SITE, "well-01");
    private static final NodeRef KIOSK = new NodeRef(SITE, "kiosk-01");
    private static final Instant OCT_1 = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant NOV_1 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(10);
    /** The well restarts: the summaries filed at 08:10 and 08:20 were never made. */
    private static final Instant WELL_REBOOT = Instant.parse("2026-10-14T08:00:00Z");
    private static final Instant WELL_BACK = Instant.parse("2026-10-14T08:20:00Z");
    /** The kiosk is off (power cut) from here for 30 hours, and restarts. */
    private static final Instant KIOSK_DOWN = Instant.parse("2026-10-20T06:00:00Z");
    private static final Instant KIOSK_BACK = Instant.parse("2026-10-21T12:00:00Z");
    /** Summaries filed in (start, end] of each: turbidity 7.2 NTU; charging shed; no credit; uplink down. */
    private static final Instant MUDDY = Instant.parse("2026-10-10T12:00:00Z");
    private static final Instant MUDDY_END = Instant.parse("2026-10-10T13:00:00Z");
    private static final Instant SHED = Instant.parse("2026-10-05T18:00:00Z");
    private static final Instant SHED_END = Instant.parse("2026-10-05T20:00:00Z");
    private static final Instant NO_CREDIT = Instant.parse("2026-10-08T09:00:00Z");
    private static final Instant NO_CREDIT_END = Instant.parse("2026-10-08T10:00:00Z");
    private static final Instant UPLINK_DOWN = Instant.parse("2026-10-12T00:00:00Z");
    private static final Instant UPLINK_DOWN_END = Instant.parse("2026-10-12T03:00:00Z");
    /** The day whose summaries are all sent twice (a resend after a lost acknowledgement). */
    private static final Instant SENT_TWICE = Instant.parse("2026-10-03T00:00:00Z");

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private Scheduler io;
    private Uplink uplink;
    private GatewayStore store;
    private GatewayIngest ingest;
    private ReportCommand command;
    private MqttProbe probe;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {probe, command, ingest, uplink, store, io, broker}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing what a failed test left: the failure is the one to see
            }
        }
    }

    private record Sent(String topic, String payload) {}

    @Test
    void aSimulatedOctoberGivesItsKnownTotalsInEveryFormatAndOverMqtt() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        ManualScheduler gatewayClock = new ManualScheduler(OCT_1.minus(Duration.ofHours(1)));
        io = Scheduler.system("month-uplink");
        uplink = Uplink.paho(UplinkOptions.of(URI.create(broker.url()), "gateway.gw-month"), io);
        store = GatewayStore.sqlite(dir.resolve("gateway"));
        ingest = new GatewayIngest("gw-month", store, RuleBook.defaults(), uplink, gatewayClock);
        for (String filter : List.of(Topic.ALL_STATE, Topic.ALL_TELEMETRY, Topic.ALL_EVENT, Topic.ALL_ALERT_ACKS)) {
            uplink.subscribe(filter, (topic, payload, retained) -> ingest.offer(topic, payload));
        }
        command = new ReportCommand("gw-month", () -> GatewayStore.sqliteReadOnly(dir.resolve("gateway")), uplink, gatewayClock);
        command.start();
        ingest.start();
        uplink.start();
        await().atMost(WAIT).until(uplink::isConnected);
        probe = MqttProbe.connect(broker.url(), "wp/v1/+/alerts/events", ReportCommand.requestTopic("gw-month") + "/result");

        // the month, day by day, the gateway's clock following
        long[] seq = {0, 0}; // well, kiosk
        long[] boot = {1, 1};
        long unique = 0;
        send(state(WELL, 1, true));
        send(state(KIOSK, 1, true));
        Instant raisedAt = null;
        for (Instant day = OCT_1.minus(STEP); day.isBefore(NOV_1.plus(STEP)); day = day.plus(Duration.ofDays(1))) {
            List<Sent> today = new ArrayList<>();
            if (gatewayClock.now().isBefore(day.plus(STEP))) {
                gatewayClock.set(day.plus(STEP)); // the day's readings are at most a day ahead of the gateway's time
            }
            Instant dayEnd = day.plus(Duration.ofDays(1)).isAfter(NOV_1) ? NOV_1 : day.plus(Duration.ofDays(1));
            for (Instant t = day.plus(STEP); !t.isAfter(dayEnd); t = t.plus(STEP)) {
                if (t.equals(WELL_REBOOT.plus(STEP))) {
                    today.add(state(WELL, boot[0], false));
                    boot[0]++;
                    seq[0] = 0;
                    today.add(state(WELL, boot[0], true));
                }
                if (!in(t, WELL_REBOOT, WELL_BACK)) { // else the well was restarting
                    today.add(telemetry(WELL, boot[0], ++seq[0], t, well(t, seq[0])));
                }
                if (t.equals(KIOSK_DOWN.plus(STEP))) {
                    today.add(state(KIOSK, boot[1], false));
                }
                if (t.equals(KIOSK_BACK.plus(STEP))) {
                    boot[1]++;
                    seq[1] = 0;
                    today.add(state(KIOSK, boot[1], true));
                }
                if (!in(t, KIOSK_DOWN, KIOSK_BACK)) { // else the kiosk was off
                    today.add(telemetry(KIOSK, boot[1], ++seq[1], t, kiosk(t)));
                }
            }
            unique += today.stream().filter(s -> !s.topic().endsWith("/state")).count();
            if (day.equals(SENT_TWICE.minus(STEP))) {
                today.addAll(List.copyOf(today)); // resent whole: stored once
            }
            for (Sent s : today) {
                if (raisedAt == null && s.topic().endsWith("/telemetry") && s.payload().contains("\"ts\":\"2026-10-10T12:40:00.000Z\"")
                        && s.topic().contains("well-01")) {
                    // before the well's 12:40 summary: staff see the raised alert and acknowledge it 25 min after its raise
                    gatewayClock.set(MUDDY.plus(Duration.ofMinutes(40)));
                    MqttProbe.Received raised = probe.await(WAIT, r -> r.payload().contains("\"key\":\"turbidity_unsafe.well-01\"")
                            && r.payload().contains("\"state\":\"raised\""));
                    raisedAt = Instant.parse((String) ((JsonObject) Jsoner.deserialize(raised.payload())).get("at"));
                    gatewayClock.set(raisedAt.plus(Duration.ofMinutes(25)));
                    probe.publish("wp/v1/la-gloria/alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"maria\"}", false);
                    probe.await(WAIT, r -> r.payload().contains("\"key\":\"turbidity_unsafe.well-01\"")
                            && r.payload().contains("\"state\":\"acknowledged\""));
                }
                probe.publish(s.topic(), s.payload(), s.topic().endsWith("/state"));
            }
            if (gatewayClock.now().isBefore(dayEnd)) {
                gatewayClock.set(dayEnd);
            }
        }
        long expected = unique;
        await().atMost(WAIT).until(() -> store.countMessages() == expected);
        probe.await(WAIT, r -> r.payload().contains("\"key\":\"turbidity_unsafe.well-01\"") && r.payload().contains("\"state\":\"resolved\""));
        probe.await(WAIT, r -> r.payload().contains("\"key\":\"turbidity_high.well-01\"") && r.payload().contains("\"state\":\"resolved\""));
        assertThat(raisedAt).isEqualTo(Instant.parse("2026-10-10T12:20:00Z")); // 7.2 NTU at 12:10 and 12:20: above 5 for 2 min

        // scripts/report's main, beside the running ingest, for October as seen on 27 November
        Clock later = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
        Function<String, String> report = format -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ReportMain.run(new String[] {"--data", dir.resolve("gateway").toString(), "--site", SITE, "--month", "2026-10",
                    "--format", format}, later, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        };
        String json = report.apply("json");
        JsonObject figures = (JsonObject) Jsoner.deserialize(json);

        Map<String, String> known = knownTotals();
        known.forEach((name, value) -> assertThat(String.valueOf(figures.get(name))).as(name).isEqualTo(value));
        String csv = report.apply("csv");
        known.forEach((name, value) -> assertThat(csv).contains("la-gloria,2026-10," + name + "," + value + "\n"));
        String text = report.apply("text");
        known.forEach((name, value) -> assertThat(text).containsPattern("(?m)^  " + name + " +" + java.util.regex.Pattern.quote(value) + "$"));
        for (String output : List.of(json, csv, text)) {
            assertThat(output).doesNotContain("maria").doesNotContain("\"by\"");
        }

        // the same through the gateway's command, on the gateway's own clock (the first minutes of November)
        probe.publish(ReportCommand.requestTopic("gw-month"), "{\"id\":\"oct-1\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}", false);
        MqttProbe.Received answer = probe.await(WAIT, r -> r.topic().endsWith("/cmd/report/result") && r.payload().contains("\"oct-1\""));
        JsonObject result = (JsonObject) Jsoner.deserialize(answer.payload());
        assertThat(result.get("ok")).isEqualTo(true);
        assertThat(result.get("format")).isEqualTo("json");
        assertThat(result.get("report")).isEqualTo(figures);
        assertThat(answer.payload()).doesNotContain("maria");
    }

    /** What the month above must give, worked out by hand from how it was made. */
    private static Map<String, String> knownTotals() {
        // 4,464 ten-minute summaries are filed in October (00:00 on the 1st to 23:50 on the 31st); the one filed at
        // 00:00 on 1 November covers October's last 10 minutes but counts in November
        long kiosk = 4_464 - 180;   // 30 hours off
        long well = 4_464 - 2;      // two summaries lost to the reboot
        double wellMeasuredMin = 744 * 60 - 20;
        return Map.ofEntries(
                Map.entry("period_start", "2026-10-01T00:00:00Z"),
                Map.entry("period_end", "2026-11-01T00:00:00Z"),
                Map.entry("period_h", "744.0"),
                Map.entry("phones_charged", String.valueOf(kiosk)),                      // 1 a summary
                Map.entry("charging_energy_wh", decimal(2.5 * kiosk)),
                Map.entry("calls_placed", String.valueOf(2 * kiosk)),
                Map.entry("calls_answered", String.valueOf(kiosk)),
                Map.entry("call_time_min", decimal(4.0 * kiosk)),                        // 240 s a summary
                Map.entry("wifi_sessions", String.valueOf(3 * kiosk)),
                Map.entry("wifi_data_mb", decimal(13.75 * kiosk)),
                Map.entry("wifi_data_down_mb", decimal(12.5 * kiosk)),
                Map.entry("wifi_data_up_mb", decimal(1.25 * kiosk)),
                Map.entry("water_l", decimal(12.5 * well)),
                Map.entry("water_people_days", decimal(12.5 * well / 15)),
                Map.entry("turbidity_measured_h", decimal(wellMeasuredMin / 60)),
                Map.entry("turbidity_under_1_ntu_pct", decimal(100 * (wellMeasuredMin - 60) / wellMeasuredMin)),
                Map.entry("turbidity_over_5_ntu_pct", decimal(100 * 60 / wellMeasuredMin)),
                Map.entry("charging_unavailable_h", "32.0"),   // 30 off + 2 shed
                Map.entry("charging_no_data_h", "30.0"),
                Map.entry("calls_unavailable_h", "31.0"),      // 30 off + 1 without credit
                Map.entry("calls_no_data_h", "30.0"),
                Map.entry("wifi_unavailable_h", "33.0"),       // 30 off + 3 uplink down
                Map.entry("wifi_no_data_h", "30.0"),
                Map.entry("water_unavailable_h", "1.3"),       // 1 h above 5 NTU + 20 min restarting
                Map.entry("water_no_data_h", "0.3"),
                // turbidity_unsafe (acknowledged 25 min after its raise), turbidity_high, load_shedding, modem_fault and
                // uplink_down (never acknowledged), all resolved
                Map.entry("alerts_raised", "5"),
                Map.entry("alerts_acknowledged", "1"),
                Map.entry("alerts_never_acknowledged", "4"),
                Map.entry("alerts_resolved", "5"),
                Map.entry("alerts_open_at_end", "0"),
                Map.entry("alert_ack_median_min", "25.0"),
                Map.entry("alert_ack_max_min", "25.0"),
                // each raised at its second summary past the limit (its "for" seen elapsed) and resolved at the first summary
                // back (turbidity: the second, after clear_for): modem 09:20-10:10 50 min, turbidity both 12:20-13:20 60 min,
                // load shedding 18:20-20:10 110 min, uplink 00:20-03:10 170 min
                Map.entry("alert_resolve_median_min", "60.0"),
                Map.entry("alert_resolve_max_min", "170.0"),
                Map.entry("zone", "UTC"),
                Map.entry("telemetry_summaries", String.valueOf(kiosk + well)),
                Map.entry("telemetry_unreadable", "0"));
    }

    private static String decimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static boolean in(Instant t, Instant start, Instant end) {
        return t.isAfter(start) && !t.isAfter(end);
    }

    /** Turbidity alternating 0.5 and 0.6 NTU (a sensor that never changes would be "stuck"), 7.2 in the episode. */
    private static WellTelemetry well(Instant t, long seq) {
        double ntu = in(t, MUDDY, MUDDY_END) ? 7.2 : seq % 2 == 0 ? 0.5 : 0.6;
        return new WellTelemetry(600, new Summary(ntu, ntu, ntu, 60), new Summary(1.25, 1.25, 1.25, 60), 12.5, 1000 + 12.5 * seq, 500,
                "ok", 0);
    }

    private static KioskTelemetry kiosk(Instant t) {
        String shedding = in(t, SHED, SHED_END) ? "charging" : "none";
        String modem = in(t, NO_CREDIT, NO_CREDIT_END) ? "fault:no_credit" : "ok";
        String uplink = in(t, UPLINK_DOWN, UPLINK_DOWN_END) ? "down" : "up";
        return new KioskTelemetry(600, new KioskTelemetry.Charging(8, 1, 1, 2.5, 0),
                new KioskTelemetry.Calls(2, 1, 240, 1, 20, "home", modem), new KioskTelemetry.Wifi(4, 3, 12.5, 1.25, uplink),
                new KioskTelemetry.Power(12.7, 60, 20, shedding), 0);
    }

    private static Sent telemetry(NodeRef node, long boot, long seq, Instant ts, Body body) {
        return new Sent(NodeTopic.of(node.site(), node.node(), NodeTopic.Kind.TELEMETRY).name(),
                WireCodec.encode(Envelope.of(node, boot, seq, ts, ClockState.SYNCED), body));
    }

    private static Sent state(NodeRef node, long boot, boolean online) {
        return new Sent(NodeTopic.of(node.site(), node.node(), NodeTopic.Kind.STATE).name(),
                WireCodec.encode(Envelope.of(node, boot, 0, OCT_1, ClockState.SYNCED), online ? StateBody.birth() : StateBody.death()));
    }

    private void send(Sent s) {
        probe.publish(s.topic(), s.payload(), true);
    }
}
