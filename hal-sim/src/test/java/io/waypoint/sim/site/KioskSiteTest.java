package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KioskSiteTest {
    private KioskSite site;

    @AfterEach
    void close() {
        if (site != null) {
            site.close();
        }
    }

    private KioskSite create(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(SimBoards.BOARD_PROPERTY, "kiosk",
                KioskSite.SITE_ID, "kiosk-site-test", SimBoards.SPEED_PROPERTY, "60"));
        properties.putAll(extra);
        SimBoard board = SimBoards.create(properties);
        site = KioskSite.byId("kiosk-site-test").orElseThrow();
        assertThat(site.board()).isSameAs(board);
        return site;
    }

    @Test
    void aKioskBoardIsFoundByNameAndHandsItsDevicesToTheNode() {
        create(Map.of());

        assertThat(site.world().scenario().name()).isEqualTo("busy-kiosk");
        // the run lies in the real clock's past, as a gateway requires
        assertThat(site.world().start()).isBefore(Instant.now());
        assertThat(System.getProperty(KioskSite.WORLD_START)).isEqualTo(site.world().start().toString());
        assertThat(System.getProperty(KioskSite.MODEM_PORT)).isEqualTo(site.modem().driverPort()).startsWith("/dev/pts/");
        assertThat(Path.of(System.getProperty(KioskSite.NDSCTL))).isEqualTo(site.accessPoint().ndsctl()).isExecutable();
        assertThat(site.chargeController()).isEmpty();
        assertThat(System.getProperty(KioskSite.VEDIRECT_PORT)).isNull();
    }

    @Test
    void aNodeThatLetTheSiteChooseTheStartSharesItsClock() {
        // as the kiosk does: its own scheduler from the handed-over start, its speed and its anchor
        long anchor = System.nanoTime();
        create(Map.of(SimBoards.ANCHOR_PROPERTY, Long.toString(anchor)));
        Scheduler node = Scheduler.scaled(Instant.parse(System.getProperty(KioskSite.WORLD_START)), 60, anchor, "node");
        try {
            assertThat(Duration.between(site.scheduler().now(), node.now()).abs()).isLessThan(Duration.ofSeconds(1));
        } finally {
            node.close();
        }
    }

    @Test
    void everyChipAnswersAtItsAddressAndEveryOutputIsWired() {
        SimBoard board = create(Map.of()).board();

        for (int address : new int[] {0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x4A, 0x27, 0x21, 0x22}) {
            assertThat(board.i2cDevice(1, address)).as("I2C 0x%02X", address).isPresent();
        }
        assertThat(board.i2cDevice(1, 0x48)).as("nothing else on the bus").isEmpty();
        int[] relays = {4, 5, 6, 12, 13, 16, 19, 20};
        for (int port = 1; port <= 8; port++) {
            assertThat(board.output(relays[port - 1]).part()).isEqualTo("port " + port + " relay");
            assertThat(site.relay(port).pin()).isEqualTo(relays[port - 1]);
        }
        int[] rows = {21, 22, 23, 24};
        for (int r = 0; r < rows.length; r++) {
            assertThat(board.output(rows[r]).part()).isEqualTo("keypad row " + (r + 1));
        }
    }

    @Test
    void anUnknownPowerSourceIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "kiosk", KioskSite.POWER, "diesel")))
                .hasMessageContaining("waypoint.sim.power = 'diesel': expected ina219 or vedirect");
    }

    @Test
    void aScenarioWithMorePortsThanTheBoardWiresIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("twelve-ports.conf");
        Files.writeString(file, "[kiosk]\nports = 12\n");

        assertThatThrownBy(() -> SimBoards.create(Map.of(SimBoards.BOARD_PROPERTY, "kiosk",
                KioskSite.SCENARIO, file.toString())))
                .hasMessageContaining("twelve-ports has 12 ports: the simulated kiosk board wires 8 at most");
    }

    @Test
    void closingRemovesThePortsAndTheAccessPoint() {
        create(Map.of());
        Path modem = Path.of(site.modem().driverPort());
        Path ndsctl = site.accessPoint().ndsctl();
        assertThat(modem).exists();

        site.close();

        assertThat(KioskSite.byId("kiosk-site-test")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(modem));
        assertThat(ndsctl).doesNotExist();
        assertThat(ndsctl.getParent()).doesNotExist();
        site = null;
    }

    @Test
    void aVedirectSiteStreamsTheBatteryOnItsPortInsteadOfABatterySensor() throws Exception {
        create(Map.of(KioskSite.POWER, "vedirect"));
        String port = System.getProperty(KioskSite.VEDIRECT_PORT);
        assertThat(port).isEqualTo(site.chargeController().orElseThrow().driverPort());
        assertThat(site.board().i2cDevice(1, KioskSite.BATTERY_SENSOR_ADDRESS)).isEmpty();

        StringBuilder seen = new StringBuilder();
        Pattern volts = Pattern.compile("\r\nV\t(\\d+)\r\n");
        Matcher m;
        try (FileChannel in = FileChannel.open(Path.of(port), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1024);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                b.clear();
                int n = in.read(b);
                seen.append(new String(b.array(), 0, Math.max(0, n), StandardCharsets.ISO_8859_1));
                m = volts.matcher(seen);
            } while (!m.find() && System.nanoTime() < until);
        }
        assertThat(seen).contains("\r\nPID\t0xA075\r\n");
        assertThat(Integer.parseInt(m.group(1)) / 1000.0).isCloseTo(site.power().batteryV(), within(0.1));
    }

    @Test
    void theBatteryFallsAtNightUnderTheKiosksLoadAndRisesWithTheSun() {
        // power-outage: a 40 Ah battery; day 1 is sunny, sunrise 06:00
        Instant midnight = Instant.parse("2025-03-01T00:00:00Z");
        ManualScheduler time = new ManualScheduler(midnight);
        site = KioskSite.start(Map.of(KioskSite.SCENARIO, "power-outage"), time);
        Context pi4j = SimBoards.pi4jContext(site.board());
        try {
            I2C battery = pi4j.create(I2C.newConfigBuilder(pi4j).id("battery").bus(1)
                    .device(KioskSite.BATTERY_SENSOR_ADDRESS).build());
            time.advance(Duration.ofSeconds(2));
            double[] evening = busAndCurrent(battery);
            time.advance(Duration.ofHours(5));
            double[] night = busAndCurrent(battery);
            time.advance(Duration.ofHours(4));
            double[] morning = busAndCurrent(battery);

            // nothing powered: only the base load, drawn from the battery
            assertThat(night[1]).isCloseTo(-KioskLoad.BASE_W / night[0], within(0.02));
            assertThat(night[0]).as("falls at night").isLessThan(evening[0] - 0.05);
            assertThat(morning[1]).as("charging in the sun").isGreaterThan(1);
            assertThat(morning[0]).as("rises with the sun").isGreaterThan(night[0] + 0.2);
        } finally {
            pi4j.shutdown();
            site.close();
            site = null;
            time.close();
        }
    }

    @Test
    void theModemShowsTheWorldsNetworkAsItChanges() {
        // modem-trouble: no signal from 07:00 for 40 min
        Instant six = Instant.parse("2025-03-01T06:00:00Z");
        ManualScheduler time = new ManualScheduler(six);
        site = KioskSite.start(Map.of(KioskSite.SCENARIO, "modem-trouble"), time);
        try {
            assertThat(site.modem().behaviour().registration()).isEqualTo(ModemBehaviour.Registration.HOME);
            time.advance(Duration.ofMinutes(65));
            assertThat(site.modem().behaviour().csq()).isEqualTo(99);
            assertThat(site.modem().behaviour().registration()).isEqualTo(ModemBehaviour.Registration.SEARCHING);
            time.advance(Duration.ofMinutes(40));
            assertThat(site.modem().behaviour().registration()).isEqualTo(ModemBehaviour.Registration.HOME);
        } finally {
            site.close();
            site = null;
            time.close();
        }
    }

    @Test
    void onTheSitesOwnFastClockPeopleJoinTheWifiWithTheWorldsMacs() {
        create(Map.of(SimBoards.START_PROPERTY, "2025-03-01T08:30:00Z", SimBoards.SPEED_PROPERTY, "3600"));

        await().atMost(Duration.ofSeconds(20)).until(() -> site.accessPoint().phones().size() >= 3);
        assertThat(site.accessPoint().phones()).allSatisfy(p -> assertThat(site.identifiers().macs()).contains(p.mac()));
        assertThat(site.power().loadW()).isEqualTo(KioskLoad.BASE_W);
    }

    /** The battery sensor's bus volts and current (1 mΩ shunt: 10 µV a count is 10 mA), as a kiosk reads them. */
    private static double[] busAndCurrent(I2C sensor) {
        byte[] b = new byte[2];
        sensor.readRegister(0x02, b, 0, 2);
        double volts = (((b[0] & 0xFF) << 8 | (b[1] & 0xFF)) >> 3) * 0.004;
        sensor.readRegister(0x01, b, 0, 2);
        double amps = (short) ((b[0] & 0xFF) << 8 | (b[1] & 0xFF)) * 10e-6 / KioskSite.BATTERY_SHUNT_OHMS;
        return new double[] {volts, amps};
    }
}
