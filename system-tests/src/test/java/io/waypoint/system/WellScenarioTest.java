package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The well node on hal-sim, each named scenario, with a real Mosquitto and the gateway: real drivers
 * against emulated chips, the node's own logic, the uplink, the gateway's rules, and the alerts
 * staff would receive.
 */
class WellScenarioTest {
    private static final Duration LONG = Duration.ofMinutes(3);
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private GatewayProcess gateway;
    private MqttProbe probe;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
        probe = MqttProbe.connect(broker.url(), EVENTS, "wp/v1/la-gloria/+/event", "wp/v1/la-gloria/+/telemetry");
    }

    @AfterEach
    void stop() throws Exception {
        probe.close();
        gateway.close();
        broker.close();
    }

    private static Predicate<MqttProbe.Received> alert(String key, String state) {
        return m -> m.topic().equals(EVENTS) && m.payload().contains("\"key\":\"" + key + "\"")
                && m.payload().contains("\"state\":\"" + state + "\"");
    }

    private static Predicate<MqttProbe.Received> event(String type) {
        return m -> m.topic().endsWith("/event") && m.payload().contains("\"type\":\"" + type + "\"");
    }

    @Test
    void turbidAfterRainRaisesAndResolvesTheCriticalAlertAndTheLightFollows() throws Exception {
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-01", "turbid-after-rain", 240)) {
            probe.await(LONG, alert("turbidity_unsafe.well-01", "raised"));
            probe.await(LONG, alert("turbidity_unsafe.well-01", "resolved"));
            // the node's own light went on and off, judged on the node itself
            probe.await(LONG, m -> event("do_not_drink").test(m) && m.payload().contains("\"on\":false"));
            List<MqttProbe.Received> light = probe.received(event("do_not_drink"));
            assertThat(light).extracting(m -> m.payload().contains("\"on\":true")).containsExactly(true, false);
            assertThat(node.stop()).isZero();
        }
        assertThat(probe.received(alert("turbidity_unsafe.well-01", "raised"))).hasSize(1);
    }

    @Test
    void turbidAfterRainThroughAModbusProbeOnASerialLine() throws Exception {
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-02", "turbid-after-rain", 240,
                "[sim]", "turbidity = sen0710")) {
            probe.await(LONG, alert("turbidity_unsafe.well-02", "raised"));
            probe.await(LONG, alert("turbidity_unsafe.well-02", "resolved"));
            assertThat(node.output()).contains("turbidity: sen0710 on /dev/pts/");
        }
    }

    @Test
    void anUnpluggedSensorIsAFaultNeverAWaterReadingAndItClearsWhenReplugged() throws Exception {
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-01", "sensor-fault", 240)) {
            probe.await(LONG, alert("sensor_fault.well-01", "raised"));
            probe.await(LONG, event("fault"));
            probe.await(LONG, alert("sensor_fault.well-01", "resolved"));
            probe.await(LONG, event("fault_cleared"));
        }
        // while unplugged, telemetry carried the fault and no turbidity figures
        assertThat(probe.received(m -> m.topic().endsWith("/telemetry") && m.payload().contains("\"sensor\":\"fault:")))
                .isNotEmpty()
                .allMatch(m -> !m.payload().contains("turbidity_ntu") || m.payload().contains("\"n\":"));
    }

    /**
     * The bundled clogging-filter scenario loses 7 % a day and is only noticed on its seventh day (a steady loss is
     * judged against a week that was already losing; BaselineRuleTest checks that pattern against the default rule
     * on event time). Here the same default rule, on the node's real pulse counts, sees a filter that clogs faster,
     * so the scenario is half as long: 20 % of the clean flow lost a day, a backwash on day 4 at 14:00. The rule
     * judges once 3 days of history lie behind the recent 3 hours (day 4, from about 09:00): the flow is then about
     * 40 % of the clean one against a usual of about 80 % (days 1 to 3), half of it, well under the rule's 70 %.
     */
    private static final String CLOGGING_FAST = """
            [scenario]
            start = 06:00
            days  = 4
            seed  = 17

            [well]
            base_ntu       = 0.4
            tap_lpm        = 14
            people_per_day = 300

            [filter]
            clog_per_day = 0.2

            [event backwash]
            at = day 4 14:00
            """;

    @Test
    void aCloggingFilterIsNoticedAgainstItsOwnBaseline() throws Exception {
        // 2880x (a simulated day in 30 s): at 5760x, with the other system tests running beside it on 2 cores, the
        // simulator fell minutes behind and the scenario's days blurred into each other (no raise within 4 min, twice)
        Path scenario = dir.resolve("clogging-fast.conf");
        Files.writeString(scenario, CLOGGING_FAST);
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-01", scenario.toString(), 2880)) {
            MqttProbe.Received raised = probe.await(Duration.ofMinutes(4), alert("filter_clogging.well-01", "raised"));
            assertThat(raised.payload()).contains("may be clogging");
            // the backwash brings the flow back over 85 % of the usual it breached against: resolved, once
            probe.await(Duration.ofMinutes(4), alert("filter_clogging.well-01", "resolved"));
            assertThat(probe.received(alert("filter_clogging.well-01", "raised"))).hasSize(1);
        }
    }

    @Test
    void aNormalDayRaisesNothing() throws Exception {
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-01", "normal-day", 720)) {
            await().atMost(LONG).until(() -> probe.received(m -> m.topic().endsWith("/telemetry")).size() >= 240);
            assertThat(node.stop()).isZero();
        }
        assertThat(probe.received(m -> m.topic().equals(EVENTS))).isEmpty();
        assertThat(probe.received(event("do_not_drink"))).isEmpty();
    }

    private static double lastTotal(List<MqttProbe.Received> telemetry) {
        String p = telemetry.get(telemetry.size() - 1).payload();
        int i = p.indexOf("\"total_litres\":") + "\"total_litres\":".length();
        int j = i;
        while (j < p.length() && (Character.isDigit(p.charAt(j)) || p.charAt(j) == '.')) {
            j++;
        }
        return new BigDecimal(p.substring(i, j)).doubleValue();
    }

    @Test
    void theFlowTotalSurvivesASigkillOfTheNode() throws Exception {
        Predicate<MqttProbe.Received> telemetry = m -> m.topic().endsWith("well-03/telemetry");
        double before;
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-03", "normal-day", 240)) {
            await().atMost(LONG).until(() -> {
                List<MqttProbe.Received> t = probe.received(telemetry);
                return !t.isEmpty() && lastTotal(t) > 100;
            });
            node.kill();
            before = lastTotal(probe.received(telemetry));
        }
        probe.clear();
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-03", "normal-day", 240)) {
            // the first telemetry of the new boot continues from the saved total: at most a litre lost
            MqttProbe.Received first = probe.await(LONG, m -> telemetry.test(m) && !m.payload().contains("\"boot\":1,"));
            double after = lastTotal(List.of(first));
            assertThat(after).isGreaterThanOrEqualTo(before - 1.0);
        }
    }
}
