package io.waypoint.sim.board;

import io.waypoint.sim.chip.EdgeSource;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/**
 * The simulated board: which chip answers at which I2C bus and address, what drives each GPIO input
 * and what each GPIO output is wired to, all on one simulated clock.
 *
 * <p>Inputs are delivered in batches: every tick of the board's scheduler (by default 5 ms of wall
 * time but at most 1 s of simulated time, and never under 1 ms of wall time: so 5 ms simulated at
 * 1×, 1 s from 200× to 1000×, more beyond) each source reports the edges it produced
 * since the last tick, the input's debounce filters them, and the survivors reach the Pi4J
 * listeners in time order on the scheduler's thread. A source is asked for at most
 * {@link #MAX_SIM_TICK} of edges at a time, and they are handed over before it is asked for more:
 * a tick that comes late (a pause, a loaded machine at a high speed, listeners slower than the
 * source) holds a second's edges in memory, never the minutes it is late by. Sources run from the board's creation whether
 * or not software has opened their pin, as wires on a board do; edges before an input was opened are
 * not seen by it.
 *
 * <p>The Pi4J side of hal-sim uses {@link #i2cDevice}, {@link #openInput} and {@link #output};
 * tests use the builder and {@link #output} to wire the board and read what the software did.
 * Whoever builds a board closes it: the plugin never does, so one board may serve several Pi4J
 * contexts in turn.
 */
public final class SimBoard implements AutoCloseable {
    /** The wall time between two deliveries of input edges. */
    static final Duration WALL_TICK = Duration.ofMillis(5);
    /**
     * The most simulated time one delivery may span (until the wall tick would drop below
     * {@link #MIN_WALL_TICK}): a driver stamps a whole batch with one clock reading, and a flow
     * meter's noise filter must see a running flow's batches less than its window (2 s) apart.
     */
    static final Duration MAX_SIM_TICK = Duration.ofSeconds(1);
    static final Duration MIN_WALL_TICK = Duration.ofMillis(1);
    /** The most edges one input has handed over at once since the board was built (see {@link #largestHandOver}). */
    private final AtomicInteger largestHandOver = new AtomicInteger();

    private record BusAddress(int bus, int address) {}

    private final Scheduler scheduler;
    private final Set<Integer> buses;
    private final Map<BusAddress, I2cDevice> devices;
    private final Map<Integer, InputLine> inputs = new ConcurrentHashMap<>();
    private final Map<Integer, OutputPin> outputs = new ConcurrentHashMap<>();
    private final Set<Integer> externalPullUps;
    private final Scheduler.Task ticker;
    private final Object tickLock = new Object();
    private final BoardActivity activity;

    private SimBoard(Builder b) {
        this.scheduler = b.scheduler;
        this.buses = Set.copyOf(b.buses);
        this.devices = Map.copyOf(b.devices);
        this.externalPullUps = Set.copyOf(b.externalPullUps);
        this.activity = b.activity;
        Instant now = scheduler.now();
        b.sources.forEach((pin, source) -> {
            source.advance(now, (at, high) -> { });
            inputs.put(pin, new InputLine(pin, source, externalPullUps.contains(pin), now, largestHandOver));
        });
        b.parts.forEach((pin, part) -> outputs.put(pin, new OutputPin(pin, part)));
        Duration tick = b.tick != null ? b.tick : defaultTick(scheduler.speed());
        this.ticker = scheduler.every(tick, tick, this::tick);
    }

    /** A board on {@code scheduler}'s simulated time, with I2C bus 1 (a Pi's header bus) and nothing wired. */
    public static Builder builder(Scheduler scheduler) {
        return new Builder(scheduler);
    }

    /** The simulated clock every chip and pin of this board runs on. */
    public Clock clock() {
        return scheduler.clock();
    }

    /** True if the board has I2C bus {@code bus} (a {@code /dev/i2c-N}). */
    public boolean hasI2cBus(int bus) {
        return buses.contains(bus);
    }

    /** The chip at {@code address} on {@code bus}, empty if nothing would acknowledge there. */
    public Optional<I2cDevice> i2cDevice(int bus, int address) {
        return Optional.ofNullable(devices.get(new BusAddress(bus, address)));
    }

    /** Software opens the I2C device at {@code address} on {@code bus}: the chip there, empty if none. */
    public Optional<I2cDevice> openI2cDevice(int bus, int address) {
        activity.opened(String.format("i2c %d 0x%02x", bus, address), clock().instant());
        return i2cDevice(bus, address);
    }

    /** The output at BCM {@code pin}: what it is wired to and every level the software drove it to. */
    public OutputPin output(int pin) {
        return outputs.computeIfAbsent(pin, p -> new OutputPin(p, "nothing"));
    }

    /** Records that the software drove output {@code pin} to {@code high} now. */
    public void driveOutput(int pin, boolean high) {
        Instant now = clock().instant();
        OutputPin out = output(pin);
        if (out.drive(now, high)) {
            activity.driven(pin, out.part(), high, now);
        }
    }

    /** Whether software has input {@code pin} open now. */
    public boolean isInputOpen(int pin) {
        InputLine line = inputs.get(pin);
        return line != null && line.isOpen();
    }

    /**
     * Tells {@code listener} of every level change of input {@code pin} handed to software that
     * listens to it (it opened the pin and attached a listener), as it is handed over: what a perfect
     * driver would count. On the board's scheduler thread; keep it quick.
     */
    public void onHeard(int pin, LevelListener listener) {
        inputs.computeIfAbsent(pin, p -> new InputLine(p, null, externalPullUps.contains(p), null, largestHandOver)).heardBy(listener);
    }

    /** Where an opened input's debounced level changes go. */
    @FunctionalInterface
    public interface LevelListener {
        void changed(Instant at, boolean high);
    }

    /** An input opened by software: its level now, and closing it. */
    public interface InputHandle extends AutoCloseable {
        /** The wire's level now (not debounced, as reading a GPIO value register is not). */
        boolean high();

        /** Whether the software that opened it listens to its changes (a Pi4J listener is attached). */
        void heard(boolean listening);

        @Override
        void close();
    }

    /**
     * Opens BCM {@code pin} as an input with the given pull resistor and debounce; {@code listener}
     * hears every debounced level change from now on, on the board's scheduler thread.
     *
     * @throws IllegalStateException if the pin is already open
     */
    public InputHandle openInput(int pin, boolean pullUp, Duration debounce, LevelListener listener) {
        InputLine line = inputs.computeIfAbsent(pin, p -> new InputLine(p, null, externalPullUps.contains(p), null, largestHandOver));
        activity.opened("input " + pin, clock().instant());
        line.open(pullUp, debounce, listener);
        return new InputHandle() {
            @Override
            public boolean high() {
                return line.wireHigh();
            }

            @Override
            public void heard(boolean listening) {
                line.heard = listening;
            }

            @Override
            public void close() {
                line.heard = false;
                line.close(listener);
            }
        };
    }

    /** Delivers the input edges produced up to now; the scheduler calls it every tick, tests may call it too. */
    public void tick() {
        synchronized (tickLock) {
            Instant now = clock().instant();
            for (InputLine line : inputs.values()) {
                line.advance(now);
            }
        }
    }

    /**
     * The most edges one input has held for its listener at once since the board was built: what a
     * late tick costs in memory (about 60 bytes an edge), at most a {@link #MAX_SIM_TICK} of a source's
     * edges however late the tick.
     */
    int largestHandOver() {
        return largestHandOver.get();
    }

    /** Stops delivering input edges. */
    @Override
    public void close() {
        ticker.cancel();
    }

    static Duration defaultTick(double speed) {
        double s = Math.max(1.0, speed);
        double nanos = Math.max(MIN_WALL_TICK.toNanos() * s, Math.min(WALL_TICK.toNanos() * s, MAX_SIM_TICK.toNanos()));
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2.0, nanos));
    }

    /** One GPIO input wire: its source, and the software's view of it when opened. */
    private static final class InputLine {
        private record Delivery(Instant at, boolean high) {}

        private final int pin;
        private final EdgeSource source;
        private final boolean externalPullUp;
        private boolean sourceHigh;
        private LevelListener listener;
        private volatile boolean heard;
        private final List<LevelListener> heardBy = new java.util.concurrent.CopyOnWriteArrayList<>();
        private DebounceFilter filter;
        private boolean pullUp;
        private boolean warned;
        private final List<Delivery> batch = new ArrayList<>();
        /** Where the source has reported its edges to (null without a source). */
        private Instant sourceAt;
        private final AtomicInteger largestHandOver;

        InputLine(int pin, EdgeSource source, boolean externalPullUp, Instant sourceAt,
                  AtomicInteger largestHandOver) {
            this.pin = pin;
            this.source = source;
            this.externalPullUp = externalPullUp;
            this.sourceAt = sourceAt;
            this.largestHandOver = largestHandOver;
            this.sourceHigh = source != null && source.initialHigh();
        }

        synchronized void open(boolean pullUp, Duration debounce, LevelListener listener) {
            if (this.listener != null) {
                throw new IllegalStateException("GPIO " + pin + " is already open as an input");
            }
            this.pullUp = pullUp;
            this.listener = Objects.requireNonNull(listener, "listener");
            this.filter = new DebounceFilter(debounce, wireHigh());
            if (source != null && source.openCollector() && !pullUp && !externalPullUp && !warned) {
                warned = true;
                Logger.warn("hal-sim: GPIO {} is driven by an open-collector output but has no pull-up: it reads low",
                        pin);
            }
        }

        synchronized boolean isOpen() {
            return listener != null;
        }

        void heardBy(LevelListener l) {
            heardBy.add(l);
        }

        synchronized void close(LevelListener owner) {
            if (listener == owner) {
                listener = null;
                filter = null;
            }
        }

        synchronized boolean wireHigh() {
            if (source == null) {
                return pullUp || externalPullUp;
            }
            if (source.openCollector() && !pullUp && !externalPullUp) {
                return false;
            }
            return sourceHigh;
        }

        void advance(Instant now) {
            // a late tick spans minutes of simulated time at a high speed: ask the source for a second of it at
            // a time and hand that over before asking for more, so the edges waiting are a second's, not minutes'
            for (boolean more = true; more; ) {
                LevelListener to;
                List<Delivery> out;
                synchronized (this) {
                    Instant upTo = now;
                    if (source != null) {
                        Instant step = sourceAt.plus(MAX_SIM_TICK);
                        if (step.isBefore(now)) {
                            upTo = step;
                        }
                        source.advance(upTo, this::raw);
                        sourceAt = upTo.isAfter(sourceAt) ? upTo : sourceAt;
                    }
                    more = upTo.isBefore(now);
                    if (filter != null) {
                        filter.flush(upTo, (at, high) -> batch.add(new Delivery(at, high)));
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    largestHandOver.accumulateAndGet(batch.size(), Math::max);
                    to = listener;
                    out = List.copyOf(batch);
                    batch.clear();
                }
                if (to == null) {
                    continue;
                }
                for (Delivery d : out) {
                    if (heard) {
                        for (LevelListener l : heardBy) {
                            l.changed(d.at(), d.high());
                        }
                    }
                    to.changed(d.at(), d.high());
                }
            }
        }

        private void raw(Instant at, boolean high) {
            sourceHigh = high;
            if (filter != null && (!source.openCollector() || pullUp || externalPullUp)) {
                filter.edge(at, high, (t, h) -> batch.add(new Delivery(t, h)));
            }
        }
    }

    /** Wires a {@link SimBoard}. */
    public static final class Builder {
        private final Scheduler scheduler;
        private final Set<Integer> buses = new HashSet<>(Set.of(1));
        private final Map<BusAddress, I2cDevice> devices = new HashMap<>();
        private final Map<Integer, EdgeSource> sources = new HashMap<>();
        private final Map<Integer, String> parts = new HashMap<>();
        private final Set<Integer> externalPullUps = new HashSet<>();
        private Duration tick;
        private BoardActivity activity = BoardActivity.NONE;

        private Builder(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        /** Adds I2C bus {@code bus} (bus 1 is always there). */
        public Builder i2cBus(int bus) {
            buses.add(bus);
            return this;
        }

        /** Puts {@code device} at 7-bit {@code address} on {@code bus}. */
        public Builder i2c(int bus, int address, I2cDevice device) {
            if (address < 0x03 || address > 0x77) {
                throw new IllegalArgumentException(String.format("0x%02X is not a 7-bit device address (0x03-0x77)", address));
            }
            buses.add(bus);
            if (devices.putIfAbsent(new BusAddress(bus, address), Objects.requireNonNull(device)) != null) {
                throw new IllegalArgumentException(String.format("two devices at bus %d address 0x%02X", bus, address));
            }
            return this;
        }

        /** {@code source} drives BCM input {@code pin}. */
        public Builder input(int pin, EdgeSource source) {
            if (sources.putIfAbsent(pin, Objects.requireNonNull(source)) != null) {
                throw new IllegalArgumentException("two sources drive GPIO " + pin);
            }
            return this;
        }

        /** BCM {@code pin} has a pull-up resistor on the board itself (so an open-collector source works without the SoC's). */
        public Builder externalPullUp(int pin) {
            externalPullUps.add(pin);
            return this;
        }

        /** BCM output {@code pin} is wired to {@code part} (e.g. {@code do-not-drink LED}). */
        public Builder output(int pin, String part) {
            parts.put(pin, Objects.requireNonNull(part));
            return this;
        }

        /** Simulated time between deliveries of input edges (default: 5 ms of wall time at the scheduler's speed). */
        public Builder tick(Duration tick) {
            if (tick.isNegative() || tick.isZero()) {
                throw new IllegalArgumentException("tick must be positive, was " + tick);
            }
            this.tick = tick;
            return this;
        }

        /** Where the software's actions on the board are told (nowhere by default). */
        public Builder activity(BoardActivity activity) {
            this.activity = Objects.requireNonNull(activity, "activity");
            return this;
        }

        public SimBoard build() {
            return new SimBoard(this);
        }
    }
}
