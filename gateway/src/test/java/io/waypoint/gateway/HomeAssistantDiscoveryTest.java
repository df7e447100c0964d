package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.PrivacyGuard;
import io.waypoint.wire.WellTelemetry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home Assistant MQTT discovery against a real Mosquitto: a well and a kiosk send telemetry through
 * their node links; the gateway's retained discovery configs must be valid JSON whose state topics
 * are the real wire topics and whose templates find a value in the real messages on them.
 */
class HomeAssistantDiscoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern JSON_PATH = Pattern.compile("\\{\\{ value_json\\.([a-z0-9_.]+) \\}\\}");

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private Scheduler scheduler;
    private Gateway gateway;

    private Gateway start(String homeAssistantPrefix) throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        scheduler = Scheduler.system("gw-test");
        gateway = Gateway.start(new GatewayConfig("gw-test", URI.create(broker.url()), false, null, null, null, dir.resolve("gateway"),
                null, Duration.ofMillis(500), Duration.ofSeconds(1), "info", false, Duration.ofSeconds(60), null, null, null, null, false,
                null, java.util.Set.of(), null, homeAssistantPrefix), scheduler);
        await().atMost(WAIT).until(gateway::isConnected);
        return gateway;
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void sendTelemetry(MqttProbe watch) throws Exception {
        ManualScheduler world = new ManualScheduler(Instant.now().minus(Duration.ofMinutes(10)));
        NodeRef well = new NodeRef("la-gloria", "well-01");
        NodeRef kiosk = new NodeRef("la-gloria", "kiosk-01");
        try (NodeLink w = NodeLink.open(NodeLinkOptions.of(well, dir.resolve("well"), URI.create(broker.url()))
                .withMessageClock(world.clock()), scheduler).start();
             NodeLink k = NodeLink.open(NodeLinkOptions.of(kiosk, dir.resolve("kiosk"), URI.create(broker.url()))
                     .withMessageClock(world.clock()), scheduler).start()) {
            w.send(new WellTelemetry(60, new WellTelemetry.Summary(0.41, 0.52, 0.71, 6), new WellTelemetry.Summary(0, 3.2, 11.8, 60),
                    12.5, 45678.9, 1234.5, "ok", 0));
            k.send(new KioskTelemetry(60, new KioskTelemetry.Charging(8, 3, 5, 12.3, 0), new KioskTelemetry.Calls(4, 3, 512, 1),
                    new KioskTelemetry.Wifi(12, 7, 80.2, 9.1), new KioskTelemetry.Power(12.6, 40.0, 25.0, "none"), 0));
            await().atMost(WAIT).until(() -> w.stats().unacknowledged() == 0 && k.stats().unacknowledged() == 0);
            watch.await(WAIT, r -> r.topic().equals("wp/v1/la-gloria/kiosk-01/telemetry"));
            watch.await(WAIT, r -> r.topic().equals("wp/v1/la-gloria/well-01/telemetry"));
        }
    }

    @Test
    void eachNodesSensorsAndAlertsAreAnnouncedRetainedWithTemplatesThatFindTheirValuesInTheRealTelemetry() throws Exception {
        start("homeassistant");
        try (MqttProbe wire = MqttProbe.connect(broker.url(), "wp/v1/+/+/telemetry")) {
            sendTelemetry(wire);
            // a client that comes later (Home Assistant restarting) gets every config: they are retained
            await().atMost(WAIT).until(() -> {
                try (MqttProbe later = MqttProbe.connect(broker.url(), "homeassistant/#")) {
                    Thread.sleep(500);
                    return later.received().size() >= 20;
                }
            });
            List<MqttProbe.Received> configs;
            try (MqttProbe later = MqttProbe.connect(broker.url(), "homeassistant/#")) {
                Thread.sleep(1_000);
                configs = later.received();
            }
            assertThat(configs).allSatisfy(c -> assertThat(c.retained()).isTrue());
            assertThat(configs).extracting(MqttProbe.Received::topic).contains(
                    "homeassistant/sensor/wp_la-gloria_well-01_metrics_turbidity_ntu_avg/config",
                    "homeassistant/sensor/wp_la-gloria_well-01_total_litres/config",
                    "homeassistant/sensor/wp_la-gloria_kiosk-01_metrics_power_battery_v/config",
                    "homeassistant/binary_sensor/wp_la-gloria_well-01_alert_turbidity_unsafe/config",
                    "homeassistant/binary_sensor/wp_la-gloria_kiosk-01_alert_battery_low/config")
                    // an alert rule on a metric a node does not report is not announced for it
                    .doesNotContain("homeassistant/binary_sensor/wp_la-gloria_kiosk-01_alert_turbidity_unsafe/config",
                            "homeassistant/binary_sensor/wp_la-gloria_well-01_alert_battery_low/config");
            int sensors = 0;
            for (MqttProbe.Received c : configs) {
                JsonObject config = (JsonObject) Jsoner.deserialize(c.payload());
                assertThat(config).containsKeys("name", "unique_id", "state_topic", "value_template", "availability_topic", "device");
                String stateTopic = (String) config.get("state_topic");
                assertThat(c.topic()).contains("/" + config.get("unique_id") + "/");
                assertThat(PrivacyGuard.identifyingValue(c.payload())).as(c.payload()).isFalse();
                if (c.topic().startsWith("homeassistant/sensor/")) {
                    // the template's JSON path finds a value in the real message on the state topic
                    Matcher m = JSON_PATH.matcher((String) config.get("value_template"));
                    assertThat(m.matches()).as((String) config.get("value_template")).isTrue();
                    MqttProbe.Received message = wire.received(r -> r.topic().equals(stateTopic)).get(0);
                    Object value = at((JsonObject) Jsoner.deserialize(message.payload()), m.group(1));
                    assertThat(value).as(m.group(1) + " in " + message.payload()).isNotNull().isNotInstanceOf(Map.class);
                    sensors++;
                } else {
                    assertThat(stateTopic).matches("wp/v1/la-gloria/alerts/active/[a-z_]+\\.(well|kiosk)-01");
                    assertThat(config.get("value_template")).isEqualTo("{{ 'ON' if value | length > 0 else 'OFF' }}");
                }
            }
            assertThat(sensors).isGreaterThanOrEqualTo(18);
            JsonObject battery = (JsonObject) Jsoner.deserialize(configs.stream()
                    .filter(c -> c.topic().contains("kiosk-01_metrics_power_battery_v")).findFirst().orElseThrow().payload());
            assertThat(battery).containsEntry("unit_of_measurement", "V").containsEntry("device_class", "voltage")
                    .containsEntry("availability_topic", "wp/v1/la-gloria/kiosk-01/state");
        }
    }

    @Test
    void nothingIsAnnouncedUnlessDiscoveryIsOn() throws Exception {
        start(null);
        try (MqttProbe wire = MqttProbe.connect(broker.url(), "wp/v1/+/+/telemetry", "homeassistant/#")) {
            sendTelemetry(wire);
            Thread.sleep(1_000);
            assertThat(wire.received(r -> r.topic().startsWith("homeassistant/"))).isEmpty();
        }
    }

    private static Object at(Map<?, ?> json, String path) {
        Object v = json;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }
}
