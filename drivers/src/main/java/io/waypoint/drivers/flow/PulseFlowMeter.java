package io.waypoint.drivers.flow;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * A hall-effect turbine flow meter (YF-S201 class) on a GPIO input: litres, flow rate and a total
 * that survives restarts, SIGKILL and power cuts.
 *
 * <p>The pin is opened with the SoC's pull-up (the meter's output is open-collector: without it
 * the pin never rises) and Pi4J's debounce ({@link Config#debounceMicros}, 500 µs by default: longer
 * than contact-like bounce, well under the 2 ms half period of a 250 Hz signal). A pulse is a
 * falling edge; repeated events of the same level count once.
 *
 * <p>Each pulse passes the {@link PhantomFilter} (isolated pulses on an idle line are noise, not
 * water), then adds 1/K litres, K taken from the {@link KFactor} at the current flow. The rate is
 * the pulse rate over the last {@link Config#rateWindow} of clock time, turned into L/min.
 *
 * <p>The total is written to {@code totalFile} (see {@link TotalStore}) every time it crosses a
 * multiple of {@link Config#persistEveryLitres} (0.5 L by default, so a power cut loses less than a
 * litre even when it strikes while a save is being written), and on {@link #close()}. Saves run on
 * a thread of their own: an SD card's fsync may take tens of milliseconds, and the GPIO event
 * thread must not wait for it (a kernel edge buffer that overflows drops edges). Every pulse also
 * goes to the page cache beside it ({@link LiveTotal}, {@code totalFile.live}, a memory store, no
 * system call), so a process that is killed (SIGKILL, the OOM killer, a crash) loses no pulse it
 * counted, however many times it is killed. A restart continues from the newer of the two.
 *
 * <p>Listener callbacks run on the GPIO provider's thread; every public method is thread-safe.
 */
public final class PulseFlowMeter implements AutoCloseable {

    /**
     * How the meter is read.
     *
     * @param kFactor            pulses per litre (per unit, optionally per flow band)
     * @param debounceMicros     Pi4J debounce of the input, µs
     * @param phantomMinPulses   pulses within {@code phantomWindow} needed before an idle line counts as flowing
     * @param phantomWindow      see {@code phantomMinPulses}
     * @param rateWindow         clock time the flow rate averages over (whole seconds)
     * @param persistEveryLitres the total is saved each time it crosses a multiple of this
     */
    public record Config(KFactor kFactor, long debounceMicros, int phantomMinPulses, Duration phantomWindow,
            Duration rateWindow, double persistEveryLitres) {
        public Config {
            Objects.requireNonNull(kFactor, "kFactor");
            if (debounceMicros < 0 || debounceMicros > 100_000) {
                throw new IllegalArgumentException("debounce must be 0-100000 µs, was " + debounceMicros);
            }
            if (!(persistEveryLitres > 0 && persistEveryLitres <= 1)) {
                throw new IllegalArgumentException("the total must be saved at least every litre: persistEveryLitres"
                        + " must be in (0, 1], was " + persistEveryLitres);
            }
            new PhantomFilter(phantomMinPulses, phantomWindow);
            new RateWindow(rateWindow);
        }

        /** 500 µs debounce, 3 pulses in 2 s before an idle line counts as flow, 10 s rate, save every 0.5 L. */
        public static Config defaults(KFactor kFactor) {
            return new Config(kFactor, 500, 3, Duration.ofSeconds(2), Duration.ofSeconds(10), 0.5);
        }
    }

    /**
     * The meter since the previous snapshot.
     *
     * @param litres         litres since the previous snapshot (or since opening)
     * @param totalLitres    total litres, across restarts
     * @param rateLpm        flow rate now, L/min
     * @param pulses         pulses counted as water since opening
     * @param rejectedPulses pulses dropped as noise since opening
     */
    public record Snapshot(double litres, double totalLitres, double rateLpm, long pulses, long rejectedPulses) {}

    private final DigitalInput input;
    private final Context pi4j;
    private final Config config;
    private final Clock clock;
    private final TotalStore store;
    private final LiveTotal live;
    private final String part;
    private final PhantomFilter phantom;
    private final RateWindow rate;
    private final ExecutorService writer;
    private final AtomicBoolean savePending = new AtomicBoolean();
    /** Saves are failing (a full or read-only card): logged once, and again when they work. */
    private boolean saveFailing;
    private final DigitalStateChangeListener listener = e -> edge(e.state());

    private volatile KFactor kFactor;
    private DigitalState lastLevel;
    private double total;
    private double interval;
    private double savedTotal;
    private long pulses;
    private boolean closed;

    private PulseFlowMeter(Context pi4j, DigitalInput input, Config config, Clock clock, TotalStore store, LiveTotal live,
                           String part) {
        this.pi4j = pi4j;
        this.input = input;
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.live = live;
        this.part = part;
        this.kFactor = config.kFactor();
        this.phantom = new PhantomFilter(config.phantomMinPulses(), config.phantomWindow());
        this.rate = new RateWindow(config.rateWindow());
        this.total = Math.max(store.total(), live.total());
        this.savedTotal = store.total();
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flow-total-" + input.address());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the meter on BCM {@code pin}, continuing from the total saved in {@code totalFile}.
     *
     * @throws IOException naming the file if it exists but cannot be read at all (a damaged file is set
     *                     aside, see {@link #totalDamage()}; a card that cannot be written leaves the
     *                     total in memory)
     * @throws IllegalStateException naming the pin if the GPIO cannot be opened
     */
    public static PulseFlowMeter open(Context pi4j, int pin, Config config, Path totalFile, Clock clock)
            throws IOException {
        String part = "flow meter on GPIO " + pin;
        TotalStore store = TotalStore.open(totalFile);
        LiveTotal live;
        try {
            live = LiveTotal.open(LiveTotal.beside(totalFile), store.created());
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        DigitalInput input;
        try {
            input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("flow-meter-" + pin).name(part).address(pin)
                    .pull(PullResistance.PULL_UP).debounce(config.debounceMicros()).build());
        } catch (Pi4JException e) {
            store.close();
            throw new IllegalStateException(part + ": the pin cannot be opened (" + e.getMessage() + "): check the pin"
                    + " number in the config and that no other program or device-tree overlay uses it", e);
        }
        PulseFlowMeter meter = new PulseFlowMeter(pi4j, input, config, clock, store, live, part);
        synchronized (meter) {
            meter.lastLevel = input.state();
        }
        input.addListener(meter.listener);
        Logger.info("{}: total {} L from {} (saved {} L, counted to {} L)", part, meter.total, totalFile, store.total(), live.total());
        return meter;
    }

    private void edge(DigitalState level) {
        boolean save = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            boolean falling = level == DigitalState.LOW && lastLevel != DigitalState.LOW;
            lastLevel = level;
            if (!falling) {
                return;
            }
            Instant now = clock.instant();
            int accepted = phantom.pulse(now);
            if (accepted == 0) {
                return;
            }
            rate.add(now, accepted);
            KFactor k = kFactor;
            double litres = accepted / k.pulsesPerLitre(k.lpmAt(rate.hertz(now)));
            double step = config.persistEveryLitres();
            save = Math.floor((total + litres) / step) > Math.floor(total / step);
            total += litres;
            interval += litres;
            pulses += accepted;
            live.note(total);
        }
        if (save && savePending.compareAndSet(false, true)) {
            writer.execute(this::saveLatest);
        }
    }

    private void saveLatest() {
        savePending.set(false);
        double latest;
        synchronized (this) {
            latest = total;
        }
        try {
            synchronized (store) {
                store.save(latest);
            }
            synchronized (this) {
                savedTotal = Math.max(savedTotal, latest);
            }
            if (saveFailing) {
                saveFailing = false;
                Logger.info("{}: the total is saved again ({} L to {})", part, latest, store.file());
            }
        } catch (IOException e) {
            // every half litre would flood the log (and the card it cannot write): once per outage
            if (!saveFailing) {
                saveFailing = true;
                Logger.error("{}: cannot save the total {} L to {} ({}): counting goes on in memory, but a restart"
                        + " loses what was not saved; check that the SD card is not full or read-only", part, latest,
                        store.file(), e.getMessage());
            } else {
                Logger.debug("{}: still cannot save the total {} L: {}", part, latest, e.getMessage());
            }
        }
    }

    /** Litres since the previous snapshot, the total, the rate, and the pulse counts. */
    public synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        phantom.expire(now);
        double litres = interval;
        interval = 0;
        return new Snapshot(litres, total, kFactor.lpmAt(rate.hertz(now)), pulses, phantom.rejected());
    }

    /** Pulses counted as water since the meter opened (phantom pulses excluded): what a bucket test measures. */
    public synchronized long pulses() {
        return pulses;
    }

    /** Total litres, across restarts. */
    public synchronized double totalLitres() {
        return total;
    }

    /** The total as last saved durably: what a restart after a power cut would continue from (after a kill: {@link #totalLitres()}). */
    public synchronized double savedLitres() {
        return savedTotal;
    }

    /**
     * The total file's damage found at open, if any: the meter went on from its newest readable
     * record (or 0 L), and the damaged bytes were kept aside. For the node to report.
     */
    public Optional<TotalDamage> totalDamage() {
        return store.damage();
    }

    /** Flow now, L/min. */
    public synchronized double rateLpm() {
        return kFactor.lpmAt(rate.hertz(clock.instant()));
    }

    /** The K-factor in use. */
    public KFactor kFactor() {
        return kFactor;
    }

    /** Uses {@code k} for pulses from now on (after a bucket test); litres already counted stay. */
    public void kFactor(KFactor k) {
        this.kFactor = Objects.requireNonNull(k, "k");
    }

    /** Stops counting, saves the total (before returning) and releases the pin. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        input.removeListener(listener);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                Logger.warn("{}: a total save did not finish within 10 s", part);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        saveLatest();
        try {
            store.close();
        } catch (IOException e) {
            Logger.warn("{}: closing {}: {}", part, store.file(), e.getMessage());
        }
        synchronized (this) {
            // what a bucket test or a benchmark compares with the pulses the meter really made
            Logger.info("{}: closed at a total of {} L; {} pulses counted since it opened, {} rejected as phantom", part, total, pulses,
                    phantom.rejected());
        }
        try {
            pi4j.shutdown(input.id());
        } catch (RuntimeException e) {
            Logger.debug("{}: releasing the pin: {}", part, e.getMessage());
        }
    }
}
