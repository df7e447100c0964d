package io.waypoint.sim.serial.vedirect;

import io.waypoint.sim.serial.VirtualSerialDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * A Victron SmartSolar MPPT with a load output (75/15 class) on a simulated VE.Direct cable: every
 * {@link Config#period()} of line time it sends a text block measured from its {@link Config}'s
 * functions at the simulated time of that moment ({@code V}, {@code I}, {@code VPV}, {@code PPV},
 * {@code CS}, {@code LOAD}, {@code IL}, the yields {@code H19}–{@code H23} integrated from the panel
 * power, and the identity fields), like the real controller.
 *
 * <p>A controller talks whether or not anyone listens, and a serial line loses what nobody reads. A
 * pseudo-terminal instead buffers a few KiB and then blocks the writer, so blocks go out from a
 * writer thread of their own and the device thread never waits: while the writer is stuck, only
 * the newest block waits behind it and older ones are dropped ({@link #blocksDropped()}). What the
 * terminals buffered before a driver opened its end may still reach it (a driver's open purges its
 * own side), so the first second a driver listens it can read a block that is older than it looks.
 *
 * <p>Line faults come on demand ({@link #setFault}). All public methods are thread-safe.
 */
public final class SimulatedChargeController extends VirtualSerialDevice {
    // the charge current as the controller's async hex messages announce it (0.1 A units)
    private static final int CHARGE_CURRENT_REGISTER = 0xEDD7;

    private final Config config;
    private final Supplier<Instant> worldTime;
    private final BlockingQueue<byte[]> outbox = new ArrayBlockingQueue<>(1);
    private final Thread writer;
    private final AtomicLong blocksMade = new AtomicLong();
    private final AtomicLong blocksSent = new AtomicLong();
    private final AtomicLong blocksDropped = new AtomicLong();
    private final Object faultLock = new Object();
    private VeDirectFault fault;
    private int faultBlocksLeft;

    // device thread only
    private Instant lastMeasured;
    private LocalDate today;
    private double yieldTotalWh;
    private double yieldTodayWh;
    private double yieldYesterdayWh;
    private double maxWattsToday;
    private double maxWattsYesterday;
    private int daySequence;

    /**
     * What the controller measures, each a function of simulated time, and how it presents itself.
     *
     * @param batteryVolts {@code V}
     * @param chargeAmps   {@code I}, the current into the battery
     * @param panelVolts   {@code VPV}
     * @param panelWatts   {@code PPV}
     * @param loadAmps     {@code IL}, the current out of the load output
     * @param loadOn       {@code LOAD}: whether the load output is switched on
     * @param state        {@code CS}
     * @param errorCode    {@code ERR}: 0, or a Victron error code (2 battery voltage too high, 17 charger
     *                     too hot, 33 panel voltage too high...)
     * @param period       line time between blocks (about 1 s on a real controller)
     * @param productId    {@code PID}, e.g. {@code 0xA075} for a SmartSolar MPPT 75|15
     * @param serial       {@code SER#}
     */
    public record Config(ToDoubleFunction<Instant> batteryVolts, ToDoubleFunction<Instant> chargeAmps,
                         ToDoubleFunction<Instant> panelVolts, ToDoubleFunction<Instant> panelWatts,
                         ToDoubleFunction<Instant> loadAmps, Predicate<Instant> loadOn,
                         Function<Instant, ChargerState> state, ToIntFunction<Instant> errorCode, Duration period,
                         String productId, String serial) {
        public Config {
            Objects.requireNonNull(batteryVolts, "batteryVolts");
            Objects.requireNonNull(chargeAmps, "chargeAmps");
            Objects.requireNonNull(panelVolts, "panelVolts");
            Objects.requireNonNull(panelWatts, "panelWatts");
            Objects.requireNonNull(loadAmps, "loadAmps");
            Objects.requireNonNull(loadOn, "loadOn");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(serial, "serial");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period must be positive, was " + period);
            }
        }

        /** A SmartSolar MPPT 75|15 at night: a rested 12.8 V battery, no sun, no load, off, a block a second. */
        public static Config smartSolar() {
            return new Config(t -> 12.8, t -> 0.0, t -> 0.0, t -> 0.0, t -> 0.0, t -> true, t -> ChargerState.OFF,
                    t -> 0, Duration.ofSeconds(1), "0xA075", "HQ2210SIM01");
        }

        public Config withBatteryVolts(ToDoubleFunction<Instant> f) {
            return new Config(f, chargeAmps, panelVolts, panelWatts, loadAmps, loadOn, state, errorCode, period,
                    productId, serial);
        }

        public Config withChargeAmps(ToDoubleFunction<Instant> f) {
            return new Config(batteryVolts, f, panelVolts, panelWatts, loadAmps, loadOn, state, errorCode, period,
                    productId, serial);
        }

        public Config withPanelVolts(ToDoubleFunction<Instant> f) {
            return new Config(batteryVolts, chargeAmps, f, panelWatts, loadAmps, loadOn, state, errorCode, period,
                    productId, serial);
        }

        public Config withPanelWatts(ToDoubleFunction<Instant> f) {
            return new Config(batteryVolts, chargeAmps, panelVolts, f, loadAmps, loadOn, state, errorCode, period,
                    productId, serial);
        }

        public Config withLoadAmps(ToDoubleFunction<Instant> f) {
            return new Config(batteryVolts, chargeAmps, panelVolts, panelWatts, f, loadOn, state, errorCode, period,
                    productId, serial);
        }

        public Config withLoadOn(Predicate<Instant> f) {
            return new Config(batteryVolts, chargeAmps, panelVolts, panelWatts, loadAmps, f, state, errorCode,
                    period, productId, serial);
        }

        public Config withState(Function<Instant, ChargerState> f) {
            return new Config(batteryVolts, chargeAmps, panelVolts, panelWatts, loadAmps, loadOn, f, errorCode,
                    period, productId, serial);
        }

        public Config withErrorCode(ToIntFunction<Instant> f) {
            return new Config(batteryVolts, chargeAmps, panelVolts, panelWatts, loadAmps, loadOn, state, f, period,
                    productId, serial);
        }

        public Config withPeriod(Duration p) {
            return new Config(batteryVolts, chargeAmps, panelVolts, panelWatts, loadAmps, loadOn, state, errorCode,
                    p, productId, serial);
        }
    }

    private SimulatedChargeController(Config config, Supplier<Instant> worldTime) {
        super("vedirect-mppt");
        this.config = config;
        this.worldTime = worldTime;
        this.writer = new Thread(this::writeLoop, "sim-vedirect-mppt-tx");
        writer.setDaemon(true);
    }

    /**
     * Starts a controller on a fresh pseudo-terminal pair; it talks at once. Drivers open
     * {@link #driverPort()} at 19,200 baud.
     *
     * @param worldTime the simulated time at which the functions are read; independent of the line's
     *                  timing, which is wall time
     * @throws IOException socat is missing or the terminal cannot be opened
     */
    public static SimulatedChargeController start(Config config, Supplier<Instant> worldTime) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(worldTime, "worldTime");
        SimulatedChargeController c = new SimulatedChargeController(config, worldTime);
        c.open();
        c.writer.start();
        c.every(Duration.ZERO, config.period(), c::tick);
        return c;
    }

    public Config config() {
        return config;
    }

    /** Switches {@code fault} on until {@link #clearFault()} (replacing any other). */
    public void setFault(VeDirectFault fault) {
        setFault(fault, Integer.MAX_VALUE);
    }

    /** Switches {@code fault} on for the next {@code blocks} blocks, then off. */
    public void setFault(VeDirectFault fault, int blocks) {
        Objects.requireNonNull(fault, "fault");
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be >= 1, was " + blocks);
        }
        synchronized (faultLock) {
            this.fault = fault;
            this.faultBlocksLeft = blocks;
        }
    }

    /** Back to a clean line. */
    public void clearFault() {
        synchronized (faultLock) {
            fault = null;
            faultBlocksLeft = 0;
        }
    }

    /** Blocks measured since the start, whether they went out, were spoiled by a fault, or were dropped. */
    public long blocksMade() {
        return blocksMade.get();
    }

    /** Blocks (or what a fault left of them) written to the line in full. */
    public long blocksSent() {
        return blocksSent.get();
    }

    /** Blocks dropped because the line could not take them: nobody was reading. */
    public long blocksDropped() {
        return blocksDropped.get();
    }

    @Override
    protected void received(byte[] bytes, Instant at) {
        // the text protocol needs nothing from the driver; hex-protocol requests are not simulated
    }

    @Override
    public void close() {
        super.close();
        writer.interrupt();
    }

    private void tick() {
        Instant t = worldTime.get();
        Map<String, String> fields = measure(t);
        byte[] block = TextBlock.encode(fields);
        blocksMade.incrementAndGet();
        VeDirectFault active = takeFault();
        byte[] line;
        if (active == null) {
            line = block;
        } else if (active instanceof VeDirectFault.Silence) {
            return;
        } else if (active instanceof VeDirectFault.BadChecksum) {
            line = block;
            line[line.length - 1] ^= 0x01;
        } else if (active instanceof VeDirectFault.Garbage garbage) {
            line = concat(garbage.bytes(), block);
        } else if (active instanceof VeDirectFault.CutBlock) {
            line = Arrays.copyOf(block, block.length / 2);
        } else if (active instanceof VeDirectFault.HexFrames) {
            byte[] hex = TextBlock.asyncRegister(CHARGE_CURRENT_REGISTER,
                    (int) Math.round(config.chargeAmps().applyAsDouble(t) * 10) & 0xFFFF);
            int split = startOfLine(block, 4);
            line = concat(hex, Arrays.copyOfRange(block, 0, split), hex, Arrays.copyOfRange(block, split, block.length));
        } else {
            throw new IllegalStateException("unknown fault " + active);
        }
        transmit(line);
    }

    private Map<String, String> measure(Instant t) {
        double watts = Math.max(0, config.panelWatts().applyAsDouble(t));
        accumulateYield(t, watts);
        ChargerState state = config.state().apply(t);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("PID", config.productId());
        f.put("FW", "164");
        f.put("SER#", config.serial());
        f.put("V", milli(config.batteryVolts().applyAsDouble(t)));
        f.put("I", milli(config.chargeAmps().applyAsDouble(t)));
        f.put("VPV", milli(config.panelVolts().applyAsDouble(t)));
        f.put("PPV", Long.toString(Math.round(watts)));
        f.put("CS", Integer.toString(state.code()));
        f.put("MPPT", state == ChargerState.OFF || watts == 0 ? "0" : "2");
        f.put("OR", state == ChargerState.OFF ? "0x00000001" : "0x00000000");
        f.put("ERR", Integer.toString(config.errorCode().applyAsInt(t)));
        f.put("LOAD", config.loadOn().test(t) ? "ON" : "OFF");
        f.put("IL", milli(config.loadAmps().applyAsDouble(t)));
        f.put("H19", centiKwh(yieldTotalWh));
        f.put("H20", centiKwh(yieldTodayWh));
        f.put("H21", Long.toString(Math.round(maxWattsToday)));
        f.put("H22", centiKwh(yieldYesterdayWh));
        f.put("H23", Long.toString(Math.round(maxWattsYesterday)));
        f.put("HSDS", Integer.toString(daySequence));
        return f;
    }

    /** Panel energy between blocks, on simulated time; the day's counters roll over at UTC midnight. */
    private void accumulateYield(Instant t, double watts) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        if (today == null) {
            today = day;
        } else if (!day.equals(today)) {
            yieldYesterdayWh = yieldTodayWh;
            maxWattsYesterday = maxWattsToday;
            yieldTodayWh = 0;
            maxWattsToday = 0;
            daySequence++;
            today = day;
        }
        if (lastMeasured != null && t.isAfter(lastMeasured)) {
            double hours = Duration.between(lastMeasured, t).toNanos() / 3.6e12;
            yieldTodayWh += watts * hours;
            yieldTotalWh += watts * hours;
        }
        maxWattsToday = Math.max(maxWattsToday, watts);
        lastMeasured = t;
    }

    private void transmit(byte[] bytes) {
        // the newest block waits behind the one being written; any older waiting one is lost
        while (!outbox.offer(bytes)) {
            if (outbox.poll() != null) {
                blocksDropped.incrementAndGet();
            }
        }
    }

    private void writeLoop() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] bytes = outbox.take();
                send(bytes);
                blocksSent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private VeDirectFault takeFault() {
        synchronized (faultLock) {
            VeDirectFault active = fault;
            if (active != null && faultBlocksLeft != Integer.MAX_VALUE && --faultBlocksLeft == 0) {
                fault = null;
            }
            return active;
        }
    }

    private static int startOfLine(byte[] block, int line) {
        int seen = 0;
        for (int i = 0; i < block.length - 1; i++) {
            if (block[i] == '\r' && block[i + 1] == '\n' && ++seen == line) {
                return i;
            }
        }
        return block.length;
    }

    private static String milli(double value) {
        return Long.toString(Math.round(value * 1000));
    }

    private static String centiKwh(double wh) {
        return Long.toString((long) Math.floor(wh / 10));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
