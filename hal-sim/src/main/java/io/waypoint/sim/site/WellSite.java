package io.waypoint.sim.site;

import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.Ads1115Chip;
import io.waypoint.sim.chip.HallFlowMeter;
import io.waypoint.sim.chip.TurbidityModule;
import io.waypoint.sim.chip.VoltageDivider;
import io.waypoint.sim.serial.ModbusProbeSlave;
import io.waypoint.sim.serial.ProbeProfile;
import io.waypoint.sim.world.Scenario;
import io.waypoint.sim.world.WellWorld;
import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * A simulated well site: a scenario's world wired the way a well node is wired on a real board.
 *
 * <pre>
 * I2C bus 1, 0x48   ADS1115; AIN0 ← SEN0189-class turbidity module through a 10 kΩ/20 kΩ divider
 * GPIO 17 (BCM)     ← YF-S201-class hall flow meter, open collector (the node enables the pull-up)
 * GPIO 27 (BCM)     → the "do not drink" light
 * a serial port     ← a Modbus RTU turbidity probe (SEN0710 or Y511 style), when the site has one
 * </pre>
 *
 * The node selects it through Pi4J context properties only ({@value SimBoards#BOARD_PROPERTY} =
 * {@code well}, {@value #SCENARIO}, the clock properties of {@link SimBoards#scheduler}), never by
 * importing hal-sim. A Modbus probe's port path is handed over as the system property
 * {@code waypoint.sim.serial.turbidity}, which a node in sim mode reads instead of its configured port.
 */
public final class WellSite implements AutoCloseable {
    public static final String SCENARIO = "waypoint.sim.scenario";
    /** analog (default), sen0710 or y511. */
    public static final String TURBIDITY = "waypoint.sim.turbidity";
    /** Names the site so a test in the same process can reach its world and board. */
    public static final String SITE_ID = "waypoint.sim.site-id";
    /** The system property a node reads for the simulated probe's port. */
    public static final String PROBE_PORT = "waypoint.sim.serial.turbidity";
    /**
     * The system property a node reads for where simulated time starts, when it let the site choose
     * (the latest start of the scenario's time of day whose whole run lies in the real clock's past).
     */
    public static final String WORLD_START = "waypoint.sim.world-start";

    /**
     * The {@link SiteRecord} counter of the flow meter's pulses handed to the node while it listened
     * to its input (each falling edge, as it is handed over): what a node that lost nothing counted.
     */
    public static final String FLOW_PULSES = "flow-pulses";

    public static final int I2C_BUS = 1;
    public static final int ADS1115_ADDRESS = 0x48;
    public static final int FLOW_PIN = 17;
    public static final int DO_NOT_DRINK_PIN = 27;

    private static final Map<String, WellSite> LIVE = new ConcurrentHashMap<>();

    private final String id;
    private final Scenario scenario;
    private final WellWorld world;
    private final Scheduler scheduler;
    private final SimBoard board;
    private final HallFlowMeter flowMeter;
    private final ModbusProbeSlave probe;
    private final SiteRecord record;
    /** A standard the technician holds the sensor in, NTU; NaN: the sensor is in the well. */
    private final java.util.concurrent.atomic.AtomicLong standardBits;

    private WellSite(String id, Scenario scenario, WellWorld world, Scheduler scheduler, SimBoard board,
                     HallFlowMeter flowMeter, ModbusProbeSlave probe, SiteRecord record,
                     java.util.concurrent.atomic.AtomicLong standardBits) {
        this.id = id;
        this.scenario = scenario;
        this.world = world;
        this.scheduler = scheduler;
        this.board = board;
        this.flowMeter = flowMeter;
        this.probe = probe;
        this.record = record;
        this.standardBits = standardBits;
    }

    /** Builds the site from Pi4J context properties. */
    static WellSite create(Map<String, String> properties) {
        Scenario scenario = Scenario.load(properties.getOrDefault(SCENARIO, "normal-day"));
        Map<String, String> clock = new java.util.HashMap<>(properties);
        if (!clock.containsKey(SimBoards.START_PROPERTY)) {
            // the only wall-clock read of the site: where a run that ends before now begins
            clock.put(SimBoards.START_PROPERTY, scenario.latestStartBefore(java.time.Clock.systemUTC().instant()).toString());
        }
        Instant start = Instant.parse(clock.get(SimBoards.START_PROPERTY));
        Scheduler scheduler = SimBoards.scheduler(clock, "sim-well");
        System.setProperty(WORLD_START, start.toString());
        WellWorld world = scenario.world(start);
        java.util.concurrent.atomic.AtomicLong standard = new java.util.concurrent.atomic.AtomicLong(Double.doubleToLongBits(Double.NaN));
        TurbidityModule module = new TurbidityModule(t -> {
            double s = Double.longBitsToDouble(standard.get());
            return Double.isNaN(s) ? world.turbidityNtu(t) : s;
        }, world::turbiditySensor, 0.0002, scenario.seed());
        Ads1115Chip adc = new Ads1115Chip(scheduler.clock());
        adc.connect(0, new VoltageDivider(10_000, 20_000).of(module));
        SiteRecord record = SiteRecord.fromSystemProperty().orElse(null);
        HallFlowMeter meter = HallFlowMeter.builder(world::flowLpm).seed(scenario.seed()).build();
        SimBoard.Builder boardBuilder = SimBoard.builder(scheduler)
                .i2c(I2C_BUS, ADS1115_ADDRESS, adc)
                .input(FLOW_PIN, meter)
                .output(DO_NOT_DRINK_PIN, "do-not-drink light");
        if (record != null) {
            boardBuilder.activity(record);
        }
        SimBoard board = boardBuilder.build();
        if (record != null) {
            SiteRecord.Counter pulses = record.counter(FLOW_PULSES);
            board.onHeard(FLOW_PIN, (at, high) -> {
                if (!high) {
                    pulses.add(1);
                }
            });
        }
        ModbusProbeSlave probe = null;
        String kind = properties.getOrDefault(TURBIDITY, "analog");
        if (!kind.equals("analog")) {
            ModbusProbeSlave.Config config = switch (kind) {
                case "sen0710" -> ModbusProbeSlave.Config.sen0710();
                case "y511" -> ModbusProbeSlave.Config.y511().withProfile(ProbeProfile.Y511);
                default -> throw new IllegalArgumentException("hal-sim: " + TURBIDITY + " = '" + kind
                        + "': expected analog, sen0710 or y511");
            };
            try {
                probe = ModbusProbeSlave.start(config, world, scheduler::now);
            } catch (IOException e) {
                throw new UncheckedIOException("hal-sim: cannot start the simulated Modbus probe: " + e.getMessage(), e);
            }
            System.setProperty(PROBE_PORT, probe.driverPort());
        }
        String id = properties.getOrDefault(SITE_ID, "well");
        if (record != null) {
            record.event(start, "start well " + id);
        }
        WellSite site = new WellSite(id, scenario, world, scheduler, board, meter, probe, record, standard);
        LIVE.put(id, site);
        Logger.info("hal-sim: well site '{}' running scenario {} from {} at {}x{}", id, scenario.name(), start,
                scheduler.speed(), probe == null ? "" : ", Modbus probe on " + probe.driverPort());
        return site;
    }

    /** The site of this process with that {@value #SITE_ID}, for tests that watch the world and the pins. */
    public static Optional<WellSite> byId(String id) {
        return Optional.ofNullable(LIVE.get(id));
    }

    public Scenario scenario() {
        return scenario;
    }

    public WellWorld world() {
        return world;
    }

    public SimBoard board() {
        return board;
    }

    /**
     * The technician takes the analog sensor out of the well and holds it in a formazin or polymer
     * standard of {@code ntu}, as for a calibration; {@link #returnSensorToWell()} puts it back.
     */
    public void immerseSensorInStandard(double ntu) {
        if (!(ntu >= 0) || Double.isInfinite(ntu)) {
            throw new IllegalArgumentException("a standard is 0 NTU or more, was " + ntu);
        }
        standardBits.set(Double.doubleToLongBits(ntu));
    }

    public void returnSensorToWell() {
        standardBits.set(Double.doubleToLongBits(Double.NaN));
    }

    /** The simulated meter: {@code truePulses()} is what a perfect counter would have seen. */
    public HallFlowMeter flowMeter() {
        return flowMeter;
    }

    public Optional<ModbusProbeSlave> probe() {
        return Optional.ofNullable(probe);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        LIVE.remove(id, this);
        if (probe != null) {
            probe.close();
        }
        board.close();
        scheduler.close();
        if (record != null) {
            record.close();
        }
    }
}
