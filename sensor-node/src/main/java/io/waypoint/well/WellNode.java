package io.waypoint.well;

import io.waypoint.drivers.flow.BucketTest;
import io.waypoint.drivers.flow.KFactor;
import io.waypoint.drivers.flow.PulseFlowMeter;
import io.waypoint.drivers.turbidity.AnalogTurbiditySensor;
import io.waypoint.drivers.turbidity.TurbidityCalibration;
import io.waypoint.node.DurableFile;
import io.waypoint.node.NodeLink;
import io.waypoint.outbox.OutboxException;
import io.waypoint.storage.FileDamage;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.EventBody;
import io.waypoint.wire.WellTelemetry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The well node: samples turbidity and flow every {@code sampling.interval}, drives the "do not
 * drink" light from its own judgement of the water (so the well is safe with no network), and sends
 * a telemetry summary every {@code telemetry.interval} and events (sensor faults, the light,
 * calibration, cartridge replaced) through the node link.
 *
 * <p>Everything runs on the world scheduler's single thread, the technician console's commands too,
 * so the state here needs no locks.
 */
final class WellNode implements AutoCloseable {
    private static final String TURBIDITY_PART = "turbidity sensor";

    private final WellNodeConfig config;
    private final Scheduler world;
    private final NodeLink link;
    private final TurbidityInput turbidity;
    private final PulseFlowMeter flow;
    private final io.waypoint.drivers.gpio.Indicator light;
    private final Cartridge cartridge;
    private final LocalWaterSafety safety;
    private final IntervalSummary turbiditySummary = new IntervalSummary();
    private final IntervalSummary flowSummary = new IntervalSummary();
    private final DrawTracker draws = new DrawTracker();
    private final CalibrationSession calibration = new CalibrationSession();
    private final List<Scheduler.Task> tasks = new ArrayList<>();

    private TurbiditySample last;
    private String sensorState = "ok";
    private boolean lightOn;
    private final Instant started;
    /** Damaged state files set aside at start, reported once the node starts. */
    private final List<FileDamage> damage = new ArrayList<>();

    WellNode(WellNodeConfig config, WellHardware hw, NodeLink link) {
        this.config = config;
        this.world = hw.world;
        this.link = link;
        this.turbidity = hw.turbidity;
        this.flow = hw.flow;
        this.light = hw.doNotDrink;
        this.safety = new LocalWaterSafety(config.unsafeNtu(), config.unsafeFor(), config.safeNtu(), config.safeFor());
        this.started = world.now();
        this.damage.addAll(hw.damage);
        this.cartridge = Cartridge.load(config.node().dataDir().resolve("cartridge"), config.cartridgeRatedLitres(), flow.totalLitres(),
                started, damage);
    }

    void start() {
        // the link holds them (on disk, or in memory on a card that refuses writes) until it can send them
        damage.forEach(link::reportDamage);
        tasks.add(world.every(Duration.ZERO, config.samplingInterval(), this::sample));
        tasks.add(world.every(config.node().telemetryInterval(), config.node().telemetryInterval(), this::report));
        Logger.info("well {}: sampling every {}, telemetry every {}; {}", config.node().id(), config.samplingInterval(),
                config.node().telemetryInterval(), turbidity.describe());
    }

    void sample() {
        Instant now = world.now();
        TurbiditySample s = turbidity.read();
        last = s;
        if (s.isOk()) {
            turbiditySummary.add(s.ntu());
            safety.reading(now, s.ntu());
        } else {
            safety.noReading(now);
        }
        if (!s.sensor().equals(sensorState)) {
            sensorChanged(s);
        }
        boolean warn = safety.warn();
        if (warn != lightOn) {
            lightOn = warn;
            light.set(warn);
            Logger.warn("well {}: do-not-drink light {} ({})", config.node().id(), warn ? "ON" : "off", safety.verdict());
            send(new EventBody("do_not_drink", Map.of("on", warn, "reason", safety.verdict().name().toLowerCase(Locale.ROOT))));
        }
        double rate = flow.rateLpm();
        flowSummary.add(rate);
        draws.sample(now, flow.pulses(), rate > 0);
    }

    private void sensorChanged(TurbiditySample s) {
        String previous = sensorState;
        sensorState = s.sensor();
        if (s.isOk()) {
            Logger.info("well {}: turbidity sensor ok again (was {})", config.node().id(), previous);
            send(EventBody.faultCleared(TURBIDITY_PART));
        } else {
            Logger.error("well {}: turbidity sensor {}: {}", config.node().id(), s.sensor(), s.detail());
            send(EventBody.fault(TURBIDITY_PART, s.sensor().substring("fault:".length())));
        }
    }

    void report() {
        PulseFlowMeter.Snapshot f = flow.snapshot();
        WellTelemetry t = new WellTelemetry((int) config.node().telemetryInterval().toSeconds(), turbiditySummary.takeSummary(),
                flowSummary.takeSummary(), f.litres(), f.totalLitres(), cartridge.litres(f.totalLitres()), sensorState,
                link.takeOutboxDropped(), cartridge.ratedLitres());
        send(t);
    }

    private void send(io.waypoint.wire.Body body) {
        try {
            link.send(body);
        } catch (OutboxException e) {
            // the disk refused it (full, read-only): sampling and the light go on regardless
            Logger.error("well {}: a {} could not be stored ({}); the node keeps sampling", config.node().id(), body.kind(), e.getMessage());
        }
    }

    // --- what the technician console asks ---------------------------------------------------------

    String status() {
        PulseFlowMeter.Snapshot peek = null;
        StringBuilder b = new StringBuilder();
        var ls = link.stats();
        b.append(String.format(Locale.ROOT, "well %s at %s, boot %d, up %s%n", config.node().id(), config.node().site(), ls.boot(),
                human(Duration.between(started, world.now()))));
        b.append(String.format(Locale.ROOT, "water:     %s%n", lightOn ? "DO NOT DRINK (" + safety.verdict().name().toLowerCase(Locale.ROOT) + ")" : "no warning"));
        b.append(String.format(Locale.ROOT, "turbidity: %s  [%s]%n", reading(), turbidity.describe()));
        b.append(String.format(Locale.ROOT, "flow:      %.1f L/min, total %,.1f L, K %s%n", flow.rateLpm(), flow.totalLitres(), flow.kFactor()));
        double used = cartridge.litres(flow.totalLitres());
        b.append(String.format(Locale.ROOT, "cartridge: %,.0f L of %,.0f L (%.0f %%), fitted %s%n", used, cartridge.ratedLitres(),
                100 * used / cartridge.ratedLitres(), cartridge.fittedAt()));
        b.append(String.format(Locale.ROOT, "uplink:    %s, %d message(s) waiting for the gateway%n", ls.connected() ? "connected" : "NOT connected",
                ls.unacknowledged()));
        b.append(ls.storage().equals("ok") ? "storage:   ok"
                : String.format(Locale.ROOT, "storage:   %s: %d message(s) held in memory only, lost if the node restarts",
                        ls.storage().toUpperCase(Locale.ROOT), ls.inMemory()));
        return b.toString();
    }

    String reading() {
        if (last == null) {
            return "no reading yet";
        }
        return last.isOk() ? String.format(Locale.ROOT, "%.2f NTU", last.ntu()) : last.sensor() + " (" + last.detail() + ")";
    }

    String readingsLine() {
        return String.format(Locale.ROOT, "%s  turbidity %s  flow %.1f L/min  total %,.1f L%s", world.now().toString().substring(11, 19),
                reading(), flow.rateLpm(), flow.totalLitres(), lightOn ? "  DO NOT DRINK" : "");
    }

    /** {@code calibrate turbidity <NTU>}: a point at the current voltage. */
    String calibrateTurbidity(double ntu) throws IOException {
        AnalogTurbiditySensor sensor = turbidity.calibratable().orElseThrow(() -> new io.waypoint.console.ConsoleError(
                TURBIDITY_PART, turbidity.describe(),
                "this probe is calibrated with its maker's tool; waypoint records what it reports"));
        TurbiditySample s = turbidity.read();
        if (Double.isNaN(s.volts()) || s.sensor().equals("fault:unplugged")) {
            throw new io.waypoint.console.ConsoleError(TURBIDITY_PART, s.sensor(),
                    "check that the sensor is plugged in and its cable is whole, then calibrate again");
        }
        CalibrationSession.Outcome o;
        try {
            o = calibration.add(world.now(), s.volts(), ntu);
        } catch (IllegalArgumentException e) {
            throw new io.waypoint.console.ConsoleError(TURBIDITY_PART, String.format(Locale.ROOT, "%.3f V for %s NTU", s.volts(), ntu),
                    e.getMessage());
        }
        if (o.calibration() != null) {
            TurbidityCalibration c = o.calibration();
            sensor.calibration(c);
            c.save(WellHardware.calibrationFile(config));
            send(new EventBody("calibration", Map.of("sensor", "turbidity", "points", (long) c.points().size())));
        }
        return o.message();
    }

    /** {@code calibrate flow <litres>}: the last complete draw was a bucket of that many litres. */
    String calibrateFlow(double litres) throws IOException {
        DrawTracker.Draw d = draws.lastDraw().orElseThrow(() -> new io.waypoint.console.ConsoleError("flow meter",
                "no complete draw seen", "open the tap, fill the bucket to its mark in one go, close the tap, wait "
                + config.samplingInterval().toSeconds() + " s, then type calibrate flow <litres>"));
        KFactor k;
        try {
            k = BucketTest.calibrate(List.of(new BucketTest.Run(litres, d.pulses(), d.duration())));
        } catch (IllegalArgumentException e) {
            throw new io.waypoint.console.ConsoleError("flow meter", d.pulses() + " pulses for " + litres + " L", e.getMessage());
        }
        KFactor before = flow.kFactor();
        flow.kFactor(k);
        DurableFile.write(WellHardware.kFactorFile(config), String.format(Locale.ROOT, "%.3f%n", k.pulsesPerLitre(litres * 60 / Math.max(1, d.duration().toSeconds()))));
        send(new EventBody("calibration", Map.of("sensor", "flow", "pulses", d.pulses(), "litres", litres)));
        return String.format(Locale.ROOT, "flow meter calibrated: %d pulses for %s L over %s = %s (was %s)", d.pulses(),
                litres, human(d.duration()), k, before);
    }

    /** {@code cartridge replaced}. */
    String cartridgeReplaced() throws IOException {
        double previous = cartridge.replaced(flow.totalLitres(), world.now());
        send(EventBody.cartridgeReplaced(previous));
        return String.format(Locale.ROOT, "cartridge replaced: the old one served %,.0f L; counting from 0 of %,.0f L", previous,
                cartridge.ratedLitres());
    }

    /** {@code selftest}: each part checked, and what to do about any that fails. */
    String selftest() {
        StringBuilder b = new StringBuilder();
        TurbiditySample s = turbidity.read();
        b.append(s.isOk() ? String.format(Locale.ROOT, "ok    turbidity sensor reads %.2f NTU%n", s.ntu())
                : "FAIL  turbidity sensor: " + s.sensor() + " — " + s.detail() + System.lineSeparator());
        b.append(String.format(Locale.ROOT, "ok    flow meter input open, %.1f L/min now, %d pulses counted%n", flow.rateLpm(), flow.pulses()));
        boolean was = light.isOn();
        light.set(!was);
        light.set(was);
        b.append("ok    do-not-drink light switched (look at it: it blinked)").append(System.lineSeparator());
        var ls = link.stats();
        b.append(ls.connected() ? "ok    connected to the broker" : "FAIL  not connected to the broker: check the network and broker.url")
                .append(System.lineSeparator());
        b.append(ls.unacknowledged() < 1000 ? "ok    " : "WARN  ").append(ls.unacknowledged())
                .append(" message(s) waiting for the gateway's acknowledgement");
        return b.toString();
    }

    boolean lightOn() {
        return lightOn;
    }

    private static String human(Duration d) {
        return io.waypoint.config.Settings.human(d.withNanos(0));
    }

    @Override
    public void close() {
        tasks.forEach(Scheduler.Task::cancel);
    }
}
