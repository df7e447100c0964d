package io.waypoint.well;

import com.pi4j.context.Context;
import io.waypoint.drivers.ads1115.Ads1115;
import io.waypoint.drivers.flow.KFactor;
import io.waypoint.drivers.flow.PulseFlowMeter;
import io.waypoint.drivers.gpio.BoardContext;
import io.waypoint.drivers.gpio.Indicator;
import io.waypoint.drivers.modbus.FloatRegisterProbe;
import io.waypoint.drivers.modbus.ModbusMasterSettings;
import io.waypoint.drivers.modbus.ModbusRtuMaster;
import io.waypoint.drivers.modbus.Sen0710Probe;
import io.waypoint.drivers.modbus.TurbidityProbe;
import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.drivers.turbidity.AnalogTurbiditySensor;
import io.waypoint.drivers.turbidity.TurbidityCalibration;
import io.waypoint.time.Scheduler;
import io.waypoint.drivers.flow.TotalDamage;
import io.waypoint.node.DurableFile;
import io.waypoint.storage.FileDamage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The well's hardware, opened through Pi4J and jssc exactly as on a board. In sim mode the Pi4J
 * context is built with mock plugins and the properties that make hal-sim's plugin simulate a well
 * site ({@code waypoint.sim.*}): the node never imports hal-sim, and the drivers cannot tell.
 */
final class WellHardware implements AutoCloseable {
    private static final String SIM_PROBE_PORT = "waypoint.sim.serial.turbidity";

    final Context pi4j;
    final Scheduler world;
    final TurbidityInput turbidity;
    final PulseFlowMeter flow;
    final Indicator doNotDrink;
    /** State files found damaged and set aside while opening: the node reports them once its link is up. */
    final List<FileDamage> damage;

    private WellHardware(Context pi4j, Scheduler world, TurbidityInput turbidity, PulseFlowMeter flow, Indicator doNotDrink,
                         List<FileDamage> damage) {
        this.pi4j = pi4j;
        this.world = world;
        this.turbidity = turbidity;
        this.flow = flow;
        this.doNotDrink = doNotDrink;
        this.damage = List.copyOf(damage);
    }

    /**
     * Opens everything; the returned scheduler is the node's time (the simulated world's in sim mode,
     * the system clock on a board).
     */
    static WellHardware open(WellNodeConfig c) throws IOException {
        Context pi4j;
        Scheduler world;
        if (c.node().sim()) {
            long anchor = System.nanoTime();
            Map<String, String> p = new HashMap<>(c.node().simProperties("well", anchor));
            p.put("waypoint.sim.turbidity", c.simTurbidity());
            BoardContext.Simulated sim = BoardContext.simulated(p);
            pi4j = sim.context();
            world = Scheduler.scaled(sim.start(), c.node().speed(), anchor, "well");
        } else {
            pi4j = BoardContext.board();
            world = Scheduler.system("well");
        }
        Clock clock = world.clock();
        TurbidityInput turbidity = null;
        PulseFlowMeter flow = null;
        Indicator light = null;
        List<FileDamage> damage = new ArrayList<>();
        try {
            turbidity = turbidity(c, pi4j, clock, damage);
            flow = PulseFlowMeter.open(pi4j, c.flowPin(), PulseFlowMeter.Config.defaults(KFactor.of(savedKFactor(c, damage))),
                    c.node().dataDir().resolve("flow-total"), clock);
            flow.totalDamage().ifPresent(d -> damage.add(flowTotalDamage(d)));
            light = Indicator.open(pi4j, c.indicatorPin(), "do-not-drink light", c.indicatorActiveHigh());
            return new WellHardware(pi4j, world, turbidity, flow, light, damage);
        } catch (RuntimeException | IOException e) {
            if (flow != null) {
                flow.close();
            }
            if (light != null) {
                light.close();
            }
            if (turbidity != null) {
                turbidity.close();
            }
            pi4j.shutdown();
            world.close();
            throw e;
        }
    }

    private static TurbidityInput turbidity(WellNodeConfig c, Context pi4j, Clock clock, List<FileDamage> damage)
            throws IOException {
        if (c.turbiditySource().equals("analog")) {
            Ads1115 adc = Ads1115.open(pi4j, c.i2cBus(), c.i2cAddress(), clock);
            Ads1115.Input input = Ads1115.Input.values()[c.adcChannel()];
            TurbidityCalibration calibration = savedCalibration(c, damage);
            return TurbidityInput.analog(new AnalogTurbiditySensor(adc, AnalogTurbiditySensor.Config.defaults(input), calibration),
                    String.format("ADS1115 bus %d address 0x%02x %s", c.i2cBus(), c.i2cAddress(), input));
        }
        String port = c.node().sim() ? System.getProperty(SIM_PROBE_PORT, c.modbusPort()) : c.modbusPort();
        // serial timing is wall time whatever the simulation speed: a terminal line runs in real time
        SerialLink link = SerialLink.open(port, c.modbusBaud(), Clock.systemUTC());
        ModbusRtuMaster master = new ModbusRtuMaster(link, ModbusMasterSettings.DEFAULTS);
        TurbidityProbe probe = c.modbusProfile().equals("y511")
                ? new FloatRegisterProbe(master, FloatRegisterProbe.Settings.y511().withUnit(c.modbusAddress()))
                : new Sen0710Probe(master, c.modbusAddress(), Sen0710Probe.ReadFunction.HOLDING_REGISTERS);
        Logger.info("turbidity: {} on {} at {} baud", c.modbusProfile(), port, c.modbusBaud());
        return TurbidityInput.probe(probe, link);
    }

    static Path calibrationFile(WellNodeConfig c) {
        return c.node().dataDir().resolve("turbidity-calibration");
    }

    static Path kFactorFile(WellNodeConfig c) {
        return c.node().dataDir().resolve("flow-k-factor");
    }

    /**
     * The technician's calibration saved in the data dir, or the vendor's curve. A damaged one is set
     * aside and reported rather than stopping the node: a well with a less accurate reading and a
     * working light is better than a node restarting in a loop.
     */
    private static TurbidityCalibration savedCalibration(WellNodeConfig c, List<FileDamage> damage) {
        Path f = calibrationFile(c);
        try {
            return TurbidityCalibration.loadOrVendorCurve(f);
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            damage.add(DurableFile.setAsideOrLeave(f, "turbidity calibration", problem(e),
                    "the vendor's curve: readings are less accurate until the sensor is calibrated again",
                    "calibrate again with three or more standards (console: calibrate turbidity <NTU>)"));
            return TurbidityCalibration.vendorCurve();
        }
    }

    /** A bucket test's K-factor, saved in the data dir, wins over the configured one. */
    private static double savedKFactor(WellNodeConfig c, List<FileDamage> damage) {
        Path f = kFactorFile(c);
        if (!Files.exists(f)) {
            return c.kFactor();
        }
        String problem;
        try {
            String text = Files.readString(f).strip();
            try {
                double k = Double.parseDouble(text);
                if (k >= 1 && k <= 100_000) {
                    return k;
                }
            } catch (NumberFormatException e) {
                // judged below
            }
            problem = "not a K-factor (" + text.length() + " characters)";
        } catch (IOException | java.io.UncheckedIOException e) {
            problem = problem(e);
        }
        damage.add(DurableFile.setAsideOrLeave(f, "flow K-factor", problem,
                String.format(Locale.ROOT, "the configured K-factor, %.1f pulses per litre", c.kFactor()),
                "repeat the bucket test (console: calibrate flow <litres>)"));
        return c.kFactor();
    }

    /** What is wrong with a state file, in words: a decoder's "Input length = 1" says nothing to a technician. */
    private static String problem(Exception e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "its bytes are not text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FileDamage flowTotalDamage(TotalDamage d) {
        String kept = d.anyReadable()
                ? String.format(Locale.ROOT, "the total of its newest readable record, %,.1f L", d.keptLitres())
                : "nothing: the total counts from 0 L";
        String todo = d.anyReadable() ? "nothing to do unless this recurs (then the SD card may be failing)"
                : "the gateway's last total_litres of this well tells how much was lost; check the SD card";
        return new FileDamage("flow total", d.file(), d.problem(), d.keptAside().orElse(d.file()), kept, todo);
    }

    @Override
    public void close() {
        doNotDrink.close();
        flow.close(); // saves the exact total
        turbidity.close();
        pi4j.shutdown();
        world.close();
    }
}
