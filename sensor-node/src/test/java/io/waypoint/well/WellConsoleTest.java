package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.config.Settings;
import io.waypoint.console.ConsoleSession;
import io.waypoint.console.ConsoleShell;
import io.waypoint.console.StateChange;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.sim.site.WellSite;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician's console on a well node running on hal-sim, in this process: the commands a
 * technician types on site, answered by the real node with real drivers against emulated chips.
 */
class WellConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private WellHardware hw;
    private NodeLink link;
    private WellNode well;
    private Scheduler network;
    private ConsoleSession session;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<StateChange> changes = new CopyOnWriteArrayList<>();
    private WellSite site;

    @BeforeEach
    void start() throws Exception {
        String node = "well-c" + Math.abs(System.nanoTime() % 1000);
        WellNodeConfig c = WellNodeConfig.from(Settings.empty()
                .override("site", "la-gloria").override("node", node)
                .override("broker.url", "tcp://127.0.0.1:1") // no broker: the node works offline
                .override("data.dir", dir.toString())
                .override("hal.mode", "sim").override("sim.scenario", "normal-day").override("sim.speed", "600"));
        hw = WellHardware.open(c);
        site = WellSite.byId(node).orElseThrow();
        network = Scheduler.system("test-network");
        link = NodeLink.open(NodeLinkOptions.of(new NodeRef("la-gloria", node), dir, URI.create("tcp://127.0.0.1:1")), network);
        well = new WellNode(c, hw, link);
        well.start();
        ConsoleShell shell = WellConsole.shell(well, node, hw.world, changes::add);
        session = shell.open("test", out::add);
        session.start();
    }

    @AfterEach
    void stop() {
        well.close();
        hw.close();
        link.close();
        network.close();
        site.close();
    }

    /** Types a line as the console transports do: handed to the node's scheduler thread. */
    private String type(String line) {
        int before = out.size();
        hw.world.schedule(Duration.ZERO, () -> session.accept(line));
        await().atMost(WAIT).until(() -> out.size() > before && out.get(out.size() - 1).endsWith("> "));
        return String.join("\n", out.subList(before, out.size()));
    }

    @Test
    void statusSaysWhatTheNodeThinks() {
        await().atMost(WAIT).until(() -> !well.reading().equals("no reading yet"));
        String s = type("status");
        assertThat(s).contains("turbidity:").contains("NTU").contains("flow:").contains("cartridge:").contains("uplink:    NOT connected");
    }

    @Test
    void threeStandardsCalibrateTheAnalogSensorAndTheCalibrationIsSavedAndUsed() throws Exception {
        site.immerseSensorInStandard(0);
        assertThat(type("calibrate turbidity 0")).contains("point 1 of at least 3");
        site.immerseSensorInStandard(20);
        assertThat(type("calibrate turbidity 20 NTU")).contains("point 2 of at least 3");
        site.immerseSensorInStandard(200);
        assertThat(type("calibrate turbidity 200")).contains("calibration of 3 points now in use");
        assertThat(Files.readAllLines(dir.resolve("turbidity-calibration")).stream().filter(l -> !l.startsWith("#"))).hasSize(3);
        assertThat(changes).extracting(StateChange::command).containsOnly("calibrate turbidity");

        site.immerseSensorInStandard(100);
        await().atMost(WAIT).until(() -> well.reading().endsWith("NTU")
                && Double.parseDouble(well.reading().replace(" NTU", "")) > 80);
        assertThat(Double.parseDouble(well.reading().replace(" NTU", ""))).isBetween(80.0, 120.0);
    }

    @Test
    void aCalibrationThatContradictsItselfIsRefusedWithWhatToDo() {
        site.immerseSensorInStandard(0);
        type("calibrate turbidity 0");
        site.immerseSensorInStandard(200);
        type("calibrate turbidity 200");
        // the technician typed the wrong standard: the sensor sits in 50 NTU water but says 500.
        // 50 and 200 NTU lie 0.2 V apart on the sensor's curve, far beyond its noise, so the
        // contradiction is certain (50 and 5 NTU read within noise of each other near 4.19 V)
        site.immerseSensorInStandard(50);
        String answer = type("calibrate turbidity 500");
        assertThat(answer).contains("Problem: turbidity sensor").contains("What to do:");
    }

    @Test
    void aBucketTestNeedsADrawAndThenCalibratesTheFlowMeter() throws Exception {
        assertThat(type("calibrate flow 20 L")).contains("no complete draw seen").contains("fill the bucket");
        // people draw water through the simulated day: wait for one complete draw
        await().atMost(Duration.ofMinutes(2)).until(() -> type("status").contains("flow:") && lastDrawSeen());
        String answer = type("calibrate flow 20 L");
        assertThat(answer).contains("flow meter calibrated:").contains("pulses for 20.0 L");
        assertThat(Files.readString(dir.resolve("flow-k-factor")).strip()).matches("[0-9.]+");
    }

    private boolean lastDrawSeen() {
        return !type("calibrate flow 20 L").contains("no complete draw seen");
    }

    @Test
    void aNewCartridgeCountsFromZero() throws Exception {
        String answer = type("cartridge replaced");
        assertThat(answer).contains("cartridge replaced: the old one served").contains("counting from 0 of 100,000 L");
        assertThat(Files.readString(dir.resolve("cartridge"))).contains("fitted_at");
        assertThat(changes).extracting(StateChange::command).containsExactly("cartridge replaced");
    }

    @Test
    void selftestChecksEachPartAndSaysWhatToDo() {
        await().atMost(WAIT).until(() -> !well.reading().equals("no reading yet"));
        String answer = type("selftest");
        assertThat(answer).contains("ok    turbidity sensor reads").contains("ok    flow meter input open")
                .contains("FAIL  not connected to the broker: check the network and broker.url");
    }

    @Test
    void helpListsTheWellsCommands() {
        assertThat(type("help")).contains("status").contains("readings").contains("calibrate turbidity")
                .contains("calibrate flow").contains("cartridge replaced").contains("selftest");
    }
}
