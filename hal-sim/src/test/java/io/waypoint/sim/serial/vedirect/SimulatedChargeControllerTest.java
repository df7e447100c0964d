package io.waypoint.sim.serial.vedirect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller through a real pseudo-terminal, read raw; the drivers' tests read it with the real parser. */
class SimulatedChargeControllerTest {
    private static final Duration FAST = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final AtomicReference<Instant> world = new AtomicReference<>(Instant.parse("2025-06-01T12:00:00Z"));
    private SimulatedChargeController controller;
    private LineListener line;

    private SimulatedChargeController.Config sunny() {
        return SimulatedChargeController.Config.smartSolar().withPeriod(FAST)
                .withBatteryVolts(t -> 13.42).withChargeAmps(t -> 3.5).withPanelVolts(t -> 18.1).withPanelWatts(t -> 47)
                .withLoadAmps(t -> 1.25).withState(t -> ChargerState.ABSORPTION);
    }

    private void start(SimulatedChargeController.Config config) throws Exception {
        controller = SimulatedChargeController.start(config, world::get);
        line = new LineListener(controller.driverPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (line != null) {
            line.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    /** The bytes of whole blocks in {@code bytes}: each ends one byte after "Checksum\t". */
    private static List<byte[]> blocks(byte[] bytes) {
        List<byte[]> blocks = new ArrayList<>();
        byte[] marker = "Checksum\t".getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        for (int i = 0; i + marker.length < bytes.length; i++) {
            if (matches(bytes, i, marker)) {
                int end = i + marker.length + 1;
                blocks.add(java.util.Arrays.copyOfRange(bytes, start, end));
                start = end;
                i = end - 1;
            }
        }
        return blocks;
    }

    private static boolean matches(byte[] bytes, int at, byte[] marker) {
        for (int j = 0; j < marker.length; j++) {
            if (bytes[at + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    private static int sum(byte[] block) {
        int sum = 0;
        for (byte b : block) {
            sum += b & 0xFF;
        }
        return sum & 0xFF;
    }

    private static Map<String, String> fields(byte[] block) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : new String(block, StandardCharsets.ISO_8859_1).split("\r\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0 && !line.startsWith("Checksum")) {
                fields.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return fields;
    }

    /**
     * Lets blocks made before a change (a fault set or cleared, a new world time) reach the line,
     * then forgets them: what arrives afterwards was made after the change.
     */
    private void settle() throws InterruptedException {
        long made = controller.blocksMade();
        await().atMost(WAIT).until(() -> controller.blocksMade() >= made + 2);
        Thread.sleep(FAST.multipliedBy(2).toMillis());
        line.forget();
    }

    /** Whole blocks that arrive from now on, at least {@code n} of them (the first may be a tail). */
    private List<byte[]> freshBlocks(int n) throws InterruptedException {
        settle();
        List<byte[]> got = blocks(line.take(250 * (n + 1), WAIT));
        assertThat(got.size()).as("blocks").isGreaterThan(n);
        return got.subList(1, got.size());
    }

    @Test
    void sendsBlocksWithTheValuesOfItsFunctionsAndARightChecksum() throws Exception {
        start(sunny());
        for (byte[] block : freshBlocks(3)) {
            assertThat(sum(block)).isZero();
            assertThat(new String(block, StandardCharsets.US_ASCII)).startsWith("\r\nPID\t0xA075\r\n");
            assertThat(fields(block)).containsEntry("V", "13420").containsEntry("I", "3500")
                    .containsEntry("VPV", "18100").containsEntry("PPV", "47").containsEntry("CS", "4")
                    .containsEntry("LOAD", "ON").containsEntry("IL", "1250").containsEntry("ERR", "0");
        }
    }

    @Test
    void aFaultyChargerReportsItsStateAndErrorCode() throws Exception {
        start(sunny().withState(t -> ChargerState.FAULT).withErrorCode(t -> 17).withLoadOn(t -> false));
        assertThat(fields(freshBlocks(1).get(0))).containsEntry("CS", "2").containsEntry("ERR", "17")
                .containsEntry("LOAD", "OFF");
    }

    @Test
    void valuesFollowSimulatedTime() throws Exception {
        Instant noon = world.get();
        start(sunny().withPanelWatts(t -> t.isBefore(noon.plusSeconds(3600)) ? 10 : 90));
        assertThat(fields(freshBlocks(1).get(0))).containsEntry("PPV", "10");
        world.set(noon.plusSeconds(7200));
        assertThat(fields(freshBlocks(1).get(0))).containsEntry("PPV", "90");
    }

    @Test
    void theYieldTodayIntegratesPanelPowerOverSimulatedTime() throws Exception {
        start(sunny().withPanelWatts(t -> 100));
        freshBlocks(1);
        // two simulated hours at 100 W between blocks: 0.2 kWh = 20 in units of 0.01 kWh
        world.set(world.get().plus(Duration.ofHours(2)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(fields(freshBlocks(1).get(0))).containsEntry("H20", "20"));
    }

    @Test
    void aBadChecksumFaultSpoilsOnlyTheChecksum() throws Exception {
        start(sunny());
        controller.setFault(new VeDirectFault.BadChecksum());
        for (byte[] block : freshBlocks(2)) {
            assertThat(sum(block)).isNotZero();
            assertThat(fields(block)).containsEntry("V", "13420");
        }
        controller.clearFault();
        assertThat(sum(freshBlocks(1).get(0))).isZero();
    }

    @Test
    void hexFramesComeBeforeAndInsideBlocks() throws Exception {
        start(sunny());
        controller.setFault(new VeDirectFault.HexFrames());
        settle();
        String text = new String(line.take(1_000, WAIT), StandardCharsets.ISO_8859_1);
        // charge current 3.5 A is 35 = 0x23 in 0.1 A units, register 0xEDD7 little-endian
        assertThat(text).contains(":AD7ED002300");
        assertThat(text).containsPattern("SER#\tHQ2210SIM01:A[0-9A-F]+\n\r\nV\t13420\r\n");
    }

    @Test
    void garbageComesBeforeEachBlock() throws Exception {
        start(sunny());
        controller.setFault(new VeDirectFault.Garbage(new byte[] {(byte) 0xFF, 0x00, 'x'}));
        String text = new String(line.take(2_000, WAIT), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("\u00ff\u0000x\r\nPID\t");
    }

    @Test
    void aCutBlockFaultSendsHalfBlocks() throws Exception {
        start(sunny());
        controller.setFault(new VeDirectFault.CutBlock());
        settle();
        byte[] bytes = line.take(2_000, Duration.ofSeconds(1));
        assertThat(bytes).isNotEmpty();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Checksum");
    }

    @Test
    void silenceSendsNothingUntilCleared() throws Exception {
        start(sunny());
        freshBlocks(1);
        controller.setFault(new VeDirectFault.Silence());
        settle();
        assertThat(line.take(1, FAST.multipliedBy(5))).isEmpty();
        controller.clearFault();
        assertThat(freshBlocks(1)).isNotEmpty();
    }

    @Test
    void aFaultForSomeBlocksEndsByItself() throws Exception {
        start(sunny());
        freshBlocks(1);
        controller.setFault(new VeDirectFault.BadChecksum(), 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(freshBlocks(2)).allMatch(b -> sum(b) == 0));
    }

    @Test
    void keepsTalkingWhenNobodyListensAndDropsWhatTheLineCannotTake() throws Exception {
        // nobody opens the driver's end: the terminals fill and the writer blocks, the controller does not
        Instant dusk = world.get().plusSeconds(60);
        controller = SimulatedChargeController.start(sunny().withPeriod(Duration.ofMillis(2))
                .withPanelWatts(t -> t.isBefore(dusk) ? 47 : 3), world::get);
        await().atMost(Duration.ofSeconds(20)).until(() -> controller.blocksDropped() > 50);
        long made = controller.blocksMade();
        await().atMost(WAIT).until(() -> controller.blocksMade() > made + 50);
        assertThat(controller.blocksSent() + controller.blocksDropped()).isLessThanOrEqualTo(controller.blocksMade());
        // a listener that comes later drains what the terminals held, then hears the controller of now
        world.set(dusk);
        line = new LineListener(controller.driverPort());
        await().atMost(WAIT).untilAsserted(() -> assertThat(blocks(line.take(100_000, Duration.ofMillis(50))))
                .anySatisfy(b -> assertThat(fields(b)).containsEntry("PPV", "3")));
    }
}
