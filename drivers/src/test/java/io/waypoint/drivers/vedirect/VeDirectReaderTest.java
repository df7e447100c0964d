package io.waypoint.drivers.vedirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.vedirect.ChargerState;
import io.waypoint.sim.serial.vedirect.SimulatedChargeController;
import io.waypoint.sim.serial.vedirect.VeDirectFault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader on jssc through a real pseudo-terminal, with the simulated SmartSolar at the other end. */
class VeDirectReaderTest {
    private static final Duration PERIOD = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final AtomicReference<Instant> world = new AtomicReference<>(Instant.parse("2025-06-01T12:00:00Z"));
    private SimulatedChargeController controller;
    private SerialLink link;
    private VeDirectReader reader;

    private SimulatedChargeController.Config charging() {
        return SimulatedChargeController.Config.smartSolar().withPeriod(PERIOD)
                .withBatteryVolts(t -> 13.42).withChargeAmps(t -> 3.5).withPanelVolts(t -> 18.1)
                .withPanelWatts(t -> 47).withLoadAmps(t -> 1.25).withState(t -> ChargerState.ABSORPTION);
    }

    private VeDirectReader start(SimulatedChargeController.Config config) throws Exception {
        controller = SimulatedChargeController.start(config, world::get);
        link = SerialLink.open(controller.driverPort(), VeDirectReader.BAUD, Clock.systemUTC());
        reader = VeDirectReader.start(link);
        return reader;
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (link != null) {
            link.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private VeDirectReading awaitReading() {
        await().atMost(WAIT).until(() -> reader.latest().isPresent());
        return reader.latest().orElseThrow().reading();
    }

    /** Waits for a reading that arrived after now, so that one from before a change does not count. */
    private VeDirectReading awaitFreshReading() {
        Instant after = Instant.now();
        await().atMost(WAIT).until(() -> reader.latest().filter(l -> l.receivedAt().isAfter(after)).isPresent());
        return reader.latest().orElseThrow().reading();
    }

    @Test
    void deliversTheControllersValues() throws Exception {
        start(charging());
        VeDirectReading r = awaitReading();
        assertThat(r.batteryMillivolts()).hasValue(13420);
        assertThat(r.batteryMilliamps()).hasValue(3500);
        assertThat(r.panelMillivolts()).hasValue(18100);
        assertThat(r.panelWatts()).hasValue(47);
        assertThat(r.chargeState()).hasValue(ChargeState.ABSORPTION);
        assertThat(r.loadOn()).hasValue(true);
        assertThat(r.loadMilliamps()).hasValue(1250);
        assertThat(r.productId()).hasValue("0xA075");
        assertThat(reader.age().orElseThrow()).isLessThan(Duration.ofSeconds(2));
        assertThat(reader.problem(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void followsTheControllerAsSimulatedTimeMoves() throws Exception {
        Instant evening = world.get().plusSeconds(6 * 3600);
        start(charging().withPanelWatts(t -> t.isBefore(evening) ? 47 : 0)
                .withState(t -> t.isBefore(evening) ? ChargerState.ABSORPTION : ChargerState.OFF));
        assertThat(awaitReading().panelWatts()).hasValue(47);
        world.set(evening);
        await().atMost(WAIT).untilAsserted(() -> {
            VeDirectReading r = awaitFreshReading();
            assertThat(r.panelWatts()).hasValue(0);
            assertThat(r.chargeState()).hasValue(ChargeState.OFF);
        });
    }

    @Test
    void blocksWithABadChecksumAreDroppedAndCounted() throws Exception {
        start(charging());
        awaitReading();
        controller.setFault(new VeDirectFault.BadChecksum());
        await().atMost(WAIT).until(() -> reader.stats().badChecksum() >= 3);
        // nothing good came meanwhile, so the reading gets older
        Instant latest = reader.latest().orElseThrow().receivedAt();
        long bad = reader.stats().badChecksum();
        await().atMost(WAIT).until(() -> reader.stats().badChecksum() > bad + 2);
        assertThat(reader.latest().orElseThrow().receivedAt()).isEqualTo(latest);
        controller.clearFault();
        awaitFreshReading();
    }

    @Test
    void hexFramesAreSkippedAndBlocksStillRead() throws Exception {
        start(charging());
        controller.setFault(new VeDirectFault.HexFrames());
        await().atMost(WAIT).until(() -> reader.stats().hexFrames() >= 6 && reader.stats().blocks() >= 3);
        assertThat(awaitFreshReading().batteryMillivolts()).hasValue(13420);
        assertThat(reader.stats().badChecksum()).isZero();
        assertThat(reader.stats().cutBlocks()).isZero();
    }

    @Test
    void garbageOnTheLineCostsNoBlock() throws Exception {
        start(charging());
        awaitReading();
        long before = reader.stats().blocks();
        controller.setFault(new VeDirectFault.Garbage(new byte[] {(byte) 0xFF, 0x00, '\n', 'Z', '\t', 'q', '\r', '\n'}));
        await().atMost(WAIT).until(() -> reader.stats().blocks() >= before + 5);
        assertThat(reader.stats().noiseBytes()).isPositive();
        assertThat(reader.stats().badChecksum()).isZero();
    }

    @Test
    void cutBlocksAreDroppedAndCounted() throws Exception {
        start(charging());
        awaitReading();
        controller.setFault(new VeDirectFault.CutBlock());
        await().atMost(WAIT).until(() -> reader.stats().cutBlocks() >= 3);
        long blocks = reader.stats().blocks();
        await().atMost(WAIT).until(() -> reader.stats().cutBlocks() >= 6);
        assertThat(reader.stats().blocks()).isEqualTo(blocks);
        controller.clearFault();
        awaitFreshReading();
    }

    @Test
    void aSilentControllerIsAProblemNamingTheCable() throws Exception {
        start(charging());
        awaitReading();
        controller.setFault(new VeDirectFault.Silence());
        await().atMost(WAIT).until(() -> reader.age().orElseThrow().compareTo(Duration.ofSeconds(1)) > 0);
        assertThat(reader.problem(Duration.ofSeconds(1))).hasValueSatisfying(p -> assertThat(p)
                .contains("VE.Direct charge controller on " + controller.driverPort()).contains("no good block for")
                .contains("check the VE.Direct cable"));
        assertThat(reader.problem(Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aControllerSilentFromTheStartIsAProblemSayingNothingCame() throws Exception {
        controller = SimulatedChargeController.start(charging(), world::get);
        controller.setFault(new VeDirectFault.Silence());
        // what the terminals buffered before the fault is drained and is no reading
        Thread.sleep(300);
        link = SerialLink.open(controller.driverPort(), VeDirectReader.BAUD, Clock.systemUTC());
        reader = VeDirectReader.start(link);
        await().atMost(WAIT).until(() -> reader.problem(Duration.ofMillis(500)).isPresent());
        assertThat(reader.problem(Duration.ofMillis(500)).orElseThrow()).contains("nothing received since listening started")
                .contains("controller TX to adapter RX");
    }

    @Test
    void anUnpluggedAdapterIsAProblemNamingThePort() throws Exception {
        start(charging());
        awaitReading();
        String port = controller.driverPort();
        controller.close();
        await().atMost(WAIT).until(() -> reader.problem(Duration.ofMinutes(1)).isPresent());
        assertThat(reader.problem(Duration.ofMinutes(1)).orElseThrow()).startsWith("VE.Direct charge controller: serial port "
                + port).contains("check the adapter is still plugged in");
    }
}
