package io.waypoint.sim.site;

import io.waypoint.sim.board.MatrixKeypadWiring;
import io.waypoint.sim.board.OutputPin;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.kiosk.BackpackLcd;
import io.waypoint.sim.chip.kiosk.Ina219Chip;
import io.waypoint.sim.chip.kiosk.Pcf8574Chip;
import io.waypoint.sim.chip.kiosk.PushButton;
import io.waypoint.sim.serial.modem.SimulatedModem;
import io.waypoint.sim.serial.vedirect.ChargerState;
import io.waypoint.sim.serial.vedirect.SimulatedChargeController;
import io.waypoint.sim.wifi.SimulatedAccessPoint;
import io.waypoint.sim.world.kiosk.ChargingPorts;
import io.waypoint.sim.world.kiosk.GsmState;
import io.waypoint.sim.world.kiosk.Identifiers;
import io.waypoint.sim.world.kiosk.KioskScenario;
import io.waypoint.sim.world.kiosk.KioskWorld;
import io.waypoint.sim.world.kiosk.PowerReading;
import io.waypoint.sim.world.kiosk.SolarBattery;
import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * A simulated kiosk site: a kiosk scenario's world wired the way the kiosk node's default config
 * wires a real board, with simulated people acting the world out on it.
 *
 * <pre>
 * I2C bus 1   0x40..0x47  INA219 of port 1..8, 8 mΩ shunt, on the port's side of its relay: bus 5.1 V
 *                         while the relay is on (else 0 V), current what the world's phone draws
 *             0x4A        INA219 of the battery (power = ina219 only), 1 mΩ shunt, VIN+ to the
 *                         charger and load, VIN- to the battery: bus = battery volts, current
 *                         positive while the battery charges, negative while it discharges
 *             0x27        20×4 HD44780 LCD on a PCF8574 backpack
 *             0x21        PCF8574, port lights: P0 = port 1 .. P7 = port 8, a pin written 0 lights its LED
 *             0x22        PCF8574, port buttons: P0 = port 1 .., each to ground (a pressed button reads 0)
 * GPIO (BCM)  4 5 6 12 13 16 19 20  → relays of ports 1..8, high = on
 *             18 ← call button, 7 ← language button (to ground: enable the pull-up)
 *             21 22 23 24 → keypad rows, 25 26 27 ← keypad columns (4×3 phone keypad, pull-ups)
 * serial      a GSM modem on a pty, its port as system property {@value #MODEM_PORT}
 *             power = vedirect: a Victron MPPT on a pty, its port as {@value #VEDIRECT_PORT}
 * Wi-Fi       an access point with openNDS: its ndsctl's path as system property {@value #NDSCTL}
 * </pre>
 *
 * The node selects it through Pi4J context properties only: {@value SimBoards#BOARD_PROPERTY} =
 * {@code kiosk}, {@value #SCENARIO} (a kiosk scenario name or file, default {@code busy-kiosk}),
 * {@value #POWER} ({@code ina219}, the default, or {@code vedirect}), {@value #SITE_ID}, and the
 * clock properties of {@link SimBoards#scheduler}. Without {@value SimBoards#START_PROPERTY} the run
 * starts at the scenario's latest start whose whole run lies in the real clock's past; where it
 * starts is handed over as the system property {@value #WORLD_START}.
 *
 * <p>What follows the world: each relay edge reaches the world's {@link ChargingPorts}; the
 * battery is stepped every simulated second with the kiosk's load (its ports' current at 5.1 V
 * through a 90 % converter, 0.4 W a closed relay, 8 W of board, router, modem and screen, 2 W more
 * during a call); the modem
 * shows the world's network ({@code gsm(t)}) and each call's far end does what the world says
 * ({@code callOutcome}); the access point's uplink is the world's; and the people act
 * (the kiosk dials on {@code #}; a person plugs in only where the port's light is steadily on,
 * once the kiosk drives its lights: see {@link PortLights}). Nothing that identifies a simulated
 * person is logged; {@link #identifiers()} lists it all for privacy scans.
 */
public final class KioskSite implements AutoCloseable {
    public static final String SCENARIO = WellSite.SCENARIO;
    /** {@code ina219} (default): the battery on an INA219; {@code vedirect}: on a Victron MPPT. */
    public static final String POWER = "waypoint.sim.power";
    public static final String SITE_ID = WellSite.SITE_ID;
    /** The system property a node reads for where simulated time starts, when it let the site choose. */
    public static final String WORLD_START = WellSite.WORLD_START;
    /** The system property a node reads for the simulated modem's port. */
    public static final String MODEM_PORT = "waypoint.sim.serial.modem";
    /** The system property a node reads for the simulated charge controller's port (power = vedirect). */
    public static final String VEDIRECT_PORT = "waypoint.sim.serial.vedirect";
    /** The system property a node reads for the simulated access point's ndsctl. */
    public static final String NDSCTL = "waypoint.sim.ndsctl";

    public static final int I2C_BUS = 1;
    /** Ports the board wires; a scenario may have fewer. */
    public static final int MAX_PORTS = 8;
    /** Port {@code n}'s INA219 is at this address + n - 1. */
    public static final int PORT_SENSOR_ADDRESS = 0x40;
    public static final int BATTERY_SENSOR_ADDRESS = 0x4A;
    public static final int LCD_ADDRESS = 0x27;
    public static final int LIGHT_EXPANDER_ADDRESS = 0x21;
    public static final int BUTTON_EXPANDER_ADDRESS = 0x22;
    public static final double PORT_SHUNT_OHMS = 0.008;
    public static final double BATTERY_SHUNT_OHMS = 0.001;
    public static final int LCD_COLUMNS = 20;
    public static final int LCD_ROWS = 4;
    /** BCM pins of the relays of ports 1..8. */
    public static final List<Integer> RELAY_PINS = List.of(4, 5, 6, 12, 13, 16, 19, 20);
    public static final int CALL_BUTTON_PIN = 18;
    public static final int LANGUAGE_BUTTON_PIN = 7;
    public static final List<Integer> KEYPAD_ROW_PINS = List.of(21, 22, 23, 24);
    public static final List<Integer> KEYPAD_COLUMN_PINS = List.of(25, 26, 27);

    private static final Map<String, KioskSite> LIVE = new ConcurrentHashMap<>();

    private final String id;
    private final KioskWorld world;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final SimBoard board;
    private final ChargingPorts chargingPorts;
    private final SolarBattery battery;
    private final KioskLoad load;
    private final BackpackLcd lcd;
    private final PortLights lights;
    private final PushButton languageButton;
    private final KioskVisitors visitors;
    private final SimulatedModem modem;
    private final SimulatedChargeController chargeController;
    private final SimulatedAccessPoint accessPoint;
    private final Parts parts;
    private final Duration period;
    private Scheduler.Task task;
    private GsmState gsmShown;

    private KioskSite(String id, KioskWorld world, Scheduler scheduler, boolean ownsScheduler, Parts parts) {
        this.id = id;
        this.world = world;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
        this.chargingPorts = parts.chargingPorts;
        this.battery = parts.battery;
        this.lcd = parts.lcd;
        this.lights = parts.lights;
        this.languageButton = parts.languageButton;
        this.modem = parts.modem;
        this.chargeController = parts.chargeController;
        this.accessPoint = parts.accessPoint;
        this.parts = parts;
        this.visitors = parts.visitors;
        this.board = parts.board;
        this.load = new KioskLoad(world.scenario().kiosk().ports(), chargingPorts, visitors::portAmps,
                () -> modem.callsInProgress() > 0);
        this.gsmShown = world.gsm(world.start());
        this.period = period(scheduler.speed());
    }

    /** Builds the site from Pi4J context properties, on a scheduler of its own from the clock properties. */
    static KioskSite create(Map<String, String> properties) {
        KioskScenario scenario = KioskScenario.load(properties.getOrDefault(SCENARIO, "busy-kiosk"));
        Map<String, String> clock = new HashMap<>(properties);
        if (!clock.containsKey(SimBoards.START_PROPERTY)) {
            // the only wall-clock read of the site: where a run that ends before now begins
            clock.put(SimBoards.START_PROPERTY, scenario.latestStartBefore(Clock.systemUTC().instant()).toString());
        }
        Instant start = Instant.parse(clock.get(SimBoards.START_PROPERTY));
        Scheduler scheduler = SimBoards.scheduler(clock, "sim-kiosk");
        try {
            return open(scenario, properties, scheduler, start, true);
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
    }

    /**
     * Builds a site from Pi4J context properties ({@value #SCENARIO}, {@value #POWER},
     * {@value #SITE_ID}; the clock properties are not read) on {@code scheduler}, whose now is where
     * the run starts: for tests and replays that move time themselves (a {@code ManualScheduler}).
     * The caller closes the scheduler, after the site.
     *
     * @throws IllegalArgumentException naming the property, for a value that is not understood
     * @throws UncheckedIOException     when a pseudo-terminal or the access point cannot be set up (socat missing)
     */
    public static KioskSite start(Map<String, String> properties, Scheduler scheduler) {
        return open(KioskScenario.load(properties.getOrDefault(SCENARIO, "busy-kiosk")), properties, scheduler,
                scheduler.now(), false);
    }

    /** Opens the site with its run starting at {@code start}: the clock's start, at its anchor. */
    private static KioskSite open(KioskScenario scenario, Map<String, String> properties, Scheduler scheduler,
                                  Instant start, boolean ownsScheduler) {
        String power = properties.getOrDefault(POWER, "ina219");
        if (!power.equals("ina219") && !power.equals("vedirect")) {
            throw new IllegalArgumentException("hal-sim: " + POWER + " = '" + power + "': expected ina219 or vedirect");
        }
        int ports = scenario.kiosk().ports();
        if (ports > MAX_PORTS) {
            throw new IllegalArgumentException("hal-sim: kiosk scenario " + scenario.name() + " has " + ports
                    + " ports: the simulated kiosk board wires " + MAX_PORTS + " at most");
        }
        KioskWorld world = scenario.world(start);
        Parts parts = new Parts();
        parts.record = SiteRecord.fromSystemProperty().orElse(null);
        String id = properties.getOrDefault(SITE_ID, "kiosk");
        if (parts.record != null) {
            parts.record.event(start, "start kiosk " + id);
        }
        try {
            parts.build(world, scheduler, power.equals("vedirect"));
        } catch (IOException e) {
            parts.close();
            throw new UncheckedIOException("hal-sim: cannot start the simulated kiosk site: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
        KioskSite site = new KioskSite(id, world, scheduler, ownsScheduler, parts);
        System.setProperty(WORLD_START, start.toString());
        System.setProperty(MODEM_PORT, site.modem.driverPort());
        System.setProperty(NDSCTL, site.accessPoint.ndsctl().toString());
        if (site.chargeController != null) {
            System.setProperty(VEDIRECT_PORT, site.chargeController.driverPort());
        } else {
            System.clearProperty(VEDIRECT_PORT);
        }
        LIVE.put(id, site);
        site.task = scheduler.every(Duration.ZERO, site.period, site::tick);
        Logger.info("hal-sim: kiosk site '{}' running scenario {} from {} at {}x: {} ports, modem on {}, power {}{}",
                id, scenario.name(), start, scheduler.speed(), ports, site.modem.driverPort(), power,
                site.chargeController == null ? "" : " on " + site.chargeController.driverPort());
        return site;
    }

    /** The site of this process with that {@value #SITE_ID}, for tests that watch the world and the board. */
    public static Optional<KioskSite> byId(String id) {
        return Optional.ofNullable(LIVE.get(id));
    }

    public KioskWorld world() {
        return world;
    }

    public SimBoard board() {
        return board;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** What the LCD shows now, one string of {@value #LCD_COLUMNS} characters per row. */
    public List<String> lcdText() {
        return lcd.text();
    }

    /** The LCD module, for what {@link #lcdText()} does not say (backlight, custom glyphs, lost writes). */
    public BackpackLcd lcd() {
        return lcd;
    }

    /** The port lights: what each showed and when. */
    public PortLights portLights() {
        return lights;
    }

    /** Port {@code port}'s relay (1..N): every level the kiosk drove it to, with its instant. */
    public OutputPin relay(int port) {
        if (port < 1 || port > world.scenario().kiosk().ports()) {
            throw new IllegalArgumentException("port must be 1 to " + world.scenario().kiosk().ports() + ", was " + port);
        }
        return board.output(RELAY_PINS.get(port - 1));
    }

    /** The world's model of the ports' currents, as the relays left it. */
    public ChargingPorts chargingPorts() {
        return chargingPorts;
    }

    /** The power system as last stepped (every simulated second): battery, panel, charger, load. */
    public PowerReading power() {
        return battery.reading();
    }

    /** The language button, for tests that press it ({@link PushButton#press}); the people never do. */
    public PushButton languageButton() {
        return languageButton;
    }

    /** The GSM modem: the commands and calls it received ({@code placedCalls()}), in memory only. */
    public SimulatedModem modem() {
        return modem;
    }

    /** The Victron charge controller, with {@value #POWER} = vedirect. */
    public Optional<SimulatedChargeController> chargeController() {
        return Optional.ofNullable(chargeController);
    }

    public SimulatedAccessPoint accessPoint() {
        return accessPoint;
    }

    /** People who kept their phone because the port the world gave them did not look free. */
    public long peopleTurnedAway() {
        return visitors.turnedAway();
    }

    /**
     * Every number and MAC the simulated people brought, from the start of the run to its end or to
     * now if later: what a privacy scan of the kiosk's logs, store and messages must never find.
     */
    public Identifiers identifiers() {
        Instant now = scheduler.now();
        return world.identifiers(world.start(), now.isAfter(world.end()) ? now : world.end());
    }

    /** Stops the people, the devices (ptys, the access point), the board, and the scheduler if the site made it. */
    @Override
    public void close() {
        LIVE.remove(id, this);
        if (task != null) {
            task.cancel();
        }
        visitors.stop();
        parts.close();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    /** Every simulated second (more at high speed): the network, the battery, then what people will do. */
    private void tick() {
        Instant now = scheduler.now();
        GsmState gsm = world.gsm(now);
        if (!gsm.equals(gsmShown)) {
            modem.update(b -> MobileNetwork.follow(b, gsm));
            gsmShown = gsm;
        }
        battery.advance(now, load.watts(now));
        visitors.lookAhead(period);
    }

    /** A simulated second, or the time of 1 ms of wall time when that is longer (at more than 1000×). */
    static Duration period(double speed) {
        return Duration.ofNanos(Math.max(1_000_000_000L, Math.round(Math.min(speed, 1e9) * 1_000_000)));
    }

    /** The site's parts, built in an order that lets a failure close what was started. */
    private static final class Parts {
        ChargingPorts chargingPorts;
        SolarBattery battery;
        BackpackLcd lcd;
        PortLights lights;
        PushButton languageButton;
        SimulatedModem modem;
        SimulatedChargeController chargeController;
        Path accessPointDir;
        SimulatedAccessPoint accessPoint;
        KioskVisitors visitors;
        SimBoard board;
        /** Kept for a test in another process, when asked for; else null. */
        SiteRecord record;

        void build(KioskWorld world, Scheduler scheduler, boolean vedirect) throws IOException {
            int ports = world.scenario().kiosk().ports();
            Clock clock = scheduler.clock();
            chargingPorts = world.newChargingPorts();
            battery = world.newBattery();
            lcd = new BackpackLcd(clock, LCD_COLUMNS, LCD_ROWS);
            lights = new PortLights(clock, ports);
            SiteRecord r = record;
            PortButtons buttons = r == null ? new PortButtons(ports) : new PortButtons(ports, (port, from) -> r.event(from, "press " + port));
            PushButton callButton = new PushButton(clock);
            languageButton = new PushButton(clock);
            MatrixKeypadWiring keypad = new MatrixKeypadWiring(MatrixKeypadWiring.PHONE, pins(KEYPAD_ROW_PINS),
                    pins(KEYPAD_COLUMN_PINS));

            modem = SimulatedModem.start(MobileNetwork.modem(world.gsm(world.start()), scheduler.speed()));
            if (r != null) {
                // staff's numbers from the kiosk's config (test data), so a test in another process sees what went out
                modem.witnessSms(sms -> r.event(sms.at(), "sms " + sms.number() + (sms.duringCall() ? " during-call " : " idle ")
                        + sms.text().replace('\n', ' ').replace('\r', ' ')));
            }
            if (vedirect) {
                chargeController = SimulatedChargeController.start(chargeControllerConfig(battery), scheduler::now);
            }
            accessPointDir = Files.createTempDirectory("wp-kiosk-ap");
            // a node never closes the site its Pi4J context made: leave nothing behind at its exit
            for (Path p : List.of(accessPointDir, accessPointDir.resolve("ndsctl"), accessPointDir.resolve("ndsctl.sock"))) {
                p.toFile().deleteOnExit();
            }
            accessPoint = SimulatedAccessPoint.start(accessPointDir, scheduler::now, world.scenario().seed());
            accessPoint.uplink(world::uplinkUp);
            SimBoard.Builder b = SimBoard.builder(scheduler);
            if (record != null) {
                b.activity(record);
            }
            for (int port = 1; port <= ports; port++) {
                int p = port;
                b.i2c(I2C_BUS, PORT_SENSOR_ADDRESS + port - 1, new Ina219Chip(clock, PORT_SHUNT_OHMS,
                        t -> visitors.portAmps(p, t), t -> chargingPorts.powered(p, t) ? KioskLoad.PORT_VOLTS : 0));
                b.output(RELAY_PINS.get(port - 1), "port " + port + " relay");
            }
            if (!vedirect) {
                b.i2c(I2C_BUS, BATTERY_SENSOR_ADDRESS, new Ina219Chip(clock, BATTERY_SHUNT_OHMS,
                        t -> battery.reading().batteryA(), t -> battery.reading().batteryV()));
            }
            b.i2c(I2C_BUS, LCD_ADDRESS, lcd);
            b.i2c(I2C_BUS, LIGHT_EXPANDER_ADDRESS,
                    new Pcf8574Chip(clock, Pcf8574Chip.MAX_BUS_HZ, (at, levels) -> lights.written(levels)));
            b.i2c(I2C_BUS, BUTTON_EXPANDER_ADDRESS,
                    new Pcf8574Chip(clock, Pcf8574Chip.MAX_BUS_HZ, (at, levels) -> { }, buttons));
            b.input(CALL_BUTTON_PIN, callButton);
            b.input(LANGUAGE_BUTTON_PIN, languageButton);
            keypad.wire(b);
            board = b.build();
            keypad.attach(board);
            for (int port = 1; port <= ports; port++) {
                int p = port;
                board.output(RELAY_PINS.get(port - 1)).onChange((at, high) -> chargingPorts.power(p, high, at));
            }
            // the chips above ask the people for the ports' currents only once the kiosk reads them
            visitors = new KioskVisitors(world, scheduler, board, chargingPorts, lights, buttons, callButton, keypad,
                    modem, accessPoint);
        }

        void close() {
            if (board != null) {
                board.close();
            }
            if (record != null) {
                record.close();
            }
            if (modem != null) {
                modem.close();
            }
            if (chargeController != null) {
                chargeController.close();
            }
            if (accessPoint != null) {
                accessPoint.close();
            }
            if (accessPointDir != null) {
                try (var files = Files.list(accessPointDir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(accessPointDir);
                } catch (IOException e) {
                    Logger.debug("hal-sim: removing the access point's directory: {}", e.toString());
                }
            }
        }

        private static SimulatedChargeController.Config chargeControllerConfig(SolarBattery battery) {
            return SimulatedChargeController.Config.smartSolar()
                    .withBatteryVolts(t -> battery.reading().batteryV())
                    .withChargeAmps(t -> battery.reading().batteryA())
                    .withPanelVolts(t -> battery.reading().panelV())
                    .withPanelWatts(t -> battery.reading().solarW())
                    .withLoadAmps(t -> battery.reading().loadW() / battery.reading().batteryV())
                    .withState(t -> switch (battery.reading().charger()) {
                        case OFF -> ChargerState.OFF;
                        case BULK -> ChargerState.BULK;
                        case ABSORPTION -> ChargerState.ABSORPTION;
                        case FLOAT -> ChargerState.FLOAT;
                    });
        }

        private static int[] pins(List<Integer> pins) {
            return pins.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
