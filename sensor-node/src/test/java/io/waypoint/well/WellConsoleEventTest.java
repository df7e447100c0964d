package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.config.Settings;
import io.waypoint.console.ConsoleSession;
import io.waypoint.console.ConsoleShell;
import io.waypoint.node.NodeLink;
import io.waypoint.sim.site.WellSite;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a technician changes at the well's console (a calibration, a new cartridge) leaves the node
 * as an event, so staff far away know the readings changed footing: the real node on hal-sim, its
 * link to a real Mosquitto, and a probe on the node's event topic. The events say what changed,
 * never who changed it or from which console.
 */
class WellConsoleEventTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The envelope's keys; an event adds its type and the type's fields, nothing else. */
    private static final Set<String> ENVELOPE = Set.of("v", "site", "node", "boot", "seq", "ts", "clock", "first_seq");

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private MqttProbe probe;
    private WellHardware hw;
    private NodeLink link;
    private WellNode well;
    private Scheduler network;
    private WellSite site;
    private ConsoleSession session;
    private final List<String> out = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        String node = "well-e" + Math.abs(System.nanoTime() % 1000);
        probe = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/" + node + "/event");
        WellNodeConfig c = WellNodeConfig.from(Settings.empty()
                .override("site", "la-gloria").override("node", node)
                .override("broker.url", broker.url())
                .override("data.dir", dir.resolve("node").toString())
                .override("hal.mode", "sim").override("sim.scenario", "normal-day").override("sim.speed", "600"));
        hw = WellHardware.open(c);
        site = WellSite.byId(node).orElseThrow();
        network = Scheduler.system("test-network");
        link = NodeLink.open(c.node().linkOptions(hw.world.clock(), Map.of("kind", "well")), network);
        well = new WellNode(c, hw, link);
        // as SensorNodeMain wires it: the shell's listener only logs; the node itself sends the events
        ConsoleShell shell = WellConsole.shell(well, node, hw.world, change -> { });
        link.start();
        well.start();
        session = shell.open("serial /dev/ttyAMA0", out::add);
        session.start();
    }

    @AfterEach
    void stop() {
        well.close();
        hw.close();
        link.close();
        network.close();
        site.close();
        probe.close();
        broker.close();
    }

    private String type(String line) {
        int before = out.size();
        hw.world.schedule(Duration.ZERO, () -> session.accept(line));
        await().atMost(WAIT).until(() -> out.size() > before && out.get(out.size() - 1).endsWith("> "));
        return String.join("\n", out.subList(before, out.size()));
    }

    private JsonObject awaitEvent(String type) {
        return body(probe.await(WAIT, m -> m.payload().contains("\"type\":\"" + type + "\"")).payload());
    }

    private static JsonObject body(String payload) {
        try {
            return (JsonObject) Jsoner.deserialize(payload);
        } catch (com.github.cliftonlabs.json_simple.JsonException e) {
            throw new AssertionError(payload, e);
        }
    }

    /** The event's own keys, without the envelope's. */
    private static Set<String> fields(JsonObject event) {
        Set<String> keys = new java.util.TreeSet<>(event.keySet());
        keys.removeAll(ENVELOPE);
        return keys;
    }

    @Test
    void aTurbidityCalibrationIsAnEventOnceItIsInUse() {
        site.immerseSensorInStandard(0);
        type("calibrate turbidity 0");
        site.immerseSensorInStandard(20);
        type("calibrate turbidity 20 NTU");
        site.immerseSensorInStandard(200);
        assertThat(type("calibrate turbidity 200")).contains("calibration of 3 points now in use");
        JsonObject e = awaitEvent("calibration");
        assertThat(fields(e)).containsExactly("points", "sensor", "type");
        assertThat(e.get("sensor")).isEqualTo("turbidity");
        assertThat(e.get("points").toString()).isEqualTo("3");
        // the first two points changed nothing the node measures with: one event, for the calibration put in use
        assertThat(probe.received(m -> m.payload().contains("\"type\":\"calibration\""))).hasSize(1);
    }

    @Test
    void aBucketTestIsAnEvent() {
        await().atMost(Duration.ofMinutes(2)).until(() -> !type("calibrate flow 20 L").contains("no complete draw seen"));
        JsonObject e = awaitEvent("calibration");
        assertThat(fields(e)).containsExactly("litres", "pulses", "sensor", "type");
        assertThat(e.get("sensor")).isEqualTo("flow");
    }

    @Test
    void aReplacedCartridgeIsAnEvent() {
        assertThat(type("cartridge replaced")).contains("cartridge replaced");
        JsonObject e = awaitEvent("cartridge_replaced");
        assertThat(fields(e)).containsExactly("previous_litres", "type");
        assertThat(e.toJson()).doesNotContain("serial").doesNotContain("ttyAMA0").doesNotContain("console");
    }
}
