package io.waypoint.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one target on a number of inputs and counts what happened. Inputs come, in this order: the
 * regression corpus and the seeds as they are, then a mix of fresh inputs from the target's grammar,
 * grammar inputs mutated, and mutations of the pool (seeds plus every input that got a new answer).
 * The same seed gives the same inputs.
 *
 * <p>Each input runs on a worker thread watched by the caller: one still running after the
 * deadline is a hang, reported with its input, and the worker is abandoned (a daemon: a parser in an
 * endless loop cannot be stopped) while a new one carries on with the next input. After
 * {@link #MAX_HANGS} hangs the target is given up. The watch costs nothing per input: the worker
 * only publishes which input it is on.
 */
public final class Campaign {
    /** After this many hangs the abandoned workers eat the machine: stop the target. */
    static final int MAX_HANGS = 3;
    private static final int MAX_KINDS = 300;
    private static final String MORE_KINDS = "(other kinds, beyond " + MAX_KINDS + ")";
    private static final int MAX_DISTINCT_CRASHES = 10;
    private static final long WATCH_MILLIS = 20;

    /**
     * @param inputs          how many inputs to run (the corpus and seeds included)
     * @param seed            fixes every input of the run
     * @param deadline        how long one input may run before it is a hang
     * @param heapGrowthLimit how much heap the run may keep after a full GC
     */
    public record Options(long inputs, long seed, Duration deadline, long heapGrowthLimit) {
        public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
        public static final long DEFAULT_HEAP_GROWTH_LIMIT = 64L << 20;

        public Options {
            if (inputs < 1) {
                throw new IllegalArgumentException("inputs must be at least 1, was " + inputs);
            }
            Objects.requireNonNull(deadline, "deadline");
        }

        public static Options of(long inputs, long seed) {
            return new Options(inputs, seed, DEFAULT_DEADLINE, DEFAULT_HEAP_GROWTH_LIMIT);
        }
    }

    /** Inputs that may use the whole of a target's size limit: one in this many. */
    private static final int LONG_INPUT_ODDS = 50;

    /** The input a worker is on, and since when in wall time and in the worker's CPU time. */
    private record Slot(long index, byte[] input, long startNanos, long startCpuNanos) {
    }

    private final FuzzTarget target;
    private final Options options;
    private final List<byte[]> first;
    private final AtomicReference<Slot> running = new AtomicReference<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    // owned by the current worker; handed to the next one through the slot and Thread.start
    private final SplittableRandom random;
    private final Mutator mutator;
    private final InputPool pool;
    private final Map<String, Long> accepted = new LinkedHashMap<>();
    private final Map<String, Long> rejected = new LinkedHashMap<>();
    private final Map<String, Finding> crashFindings = new LinkedHashMap<>();
    private long crashes;
    private Finding slowest;
    private long next;

    private Finding harnessError;
    private final AtomicLong cpuNanos = new AtomicLong();

    private final List<Finding> hangs = new ArrayList<>();
    private long maxHeap;

    /** @param corpus regression inputs, run before anything else and then mutated like seeds */
    public Campaign(FuzzTarget target, Options options, List<byte[]> corpus) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        List<byte[]> start = new ArrayList<>(corpus);
        start.addAll(target.seeds());
        this.first = List.copyOf(start);
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        // one stream per target, so adding a target does not change another's inputs
        this.random = new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L ^ target.name().hashCode());
        this.mutator = new Mutator(target.dictionary());
        this.pool = new InputPool(first, target.typicalInputBytes());
    }

    public CampaignReport run() {
        long baseline = heapAfterGc();
        long start = System.nanoTime();
        Thread worker = startWorker();
        while (true) {
            try {
                worker.join(WATCH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sampleHeap();
            Slot s = running.get();
            if (s != null && overDeadline(s, worker) && running.compareAndSet(s, null)) {
                // the worker that ran it leaves as soon as it sees its slot taken
                hangs.add(new Finding(target.name(), Finding.Kind.HANG, "hang", stackOf(worker), s.index(),
                        System.nanoTime() - s.startNanos(), s.input()));
                next = s.index() + 1;
                if (hangs.size() >= MAX_HANGS) {
                    break;
                }
                worker = startWorker();
                continue;
            }
            if (!worker.isAlive()) {
                break;
            }
        }
        long elapsed = System.nanoTime() - start;
        long growth = heapAfterGc() - baseline;
        return new CampaignReport(target.name(), target.describe(), options.seed(), next, Map.copyOf(accepted),
                Map.copyOf(rejected), crashes, List.copyOf(crashFindings.values()), List.copyOf(hangs), slowest, elapsed,
                cpuNanos.get(), maxHeap, growth, options.heapGrowthLimit(), harnessError);
    }

    /**
     * Past the deadline in the worker's CPU time, so a loaded machine does not make hangs; or past
     * five deadlines of wall time, for an input that blocks without using the CPU.
     */
    private boolean overDeadline(Slot s, Thread worker) {
        long deadline = options.deadline().toNanos();
        if (System.nanoTime() - s.startNanos() > 5 * deadline) {
            return true;
        }
        long cpu = threads.getThreadCpuTime(worker.getId());
        return cpu >= 0 && s.startCpuNanos() >= 0 && cpu - s.startCpuNanos() > deadline;
    }

    private Thread startWorker() {
        Thread t = new Thread(this::work, "fuzz-" + target.name());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void work() {
        long cpuAtStart = threads.getCurrentThreadCpuTime();
        try {
            workLoop();
        } finally {
            // an abandoned worker never gets here before the run ends: its CPU is the hang's, not the parser's
            cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtStart);
        }
    }

    private void workLoop() {
        while (next < options.inputs()) {
            long index = next;
            byte[] input;
            try {
                input = input(index);
            } catch (RuntimeException | StackOverflowError e) {
                // the harness's own bug, not the parser's: stop, and say so
                harnessError = Finding.crash(target.name(), index, 0, new byte[0], e);
                return;
            }
            Slot slot = new Slot(index, input, System.nanoTime(), threads.getCurrentThreadCpuTime());
            running.set(slot);
            Outcome outcome = null;
            Throwable thrown = null;
            try {
                outcome = Objects.requireNonNull(target.run(input), "the target returned no outcome");
            } catch (Throwable t) {
                thrown = t;
            }
            // CPU time: a pause for GC or another process is no slowness of the parser's
            long took = threads.getCurrentThreadCpuTime() - slot.startCpuNanos();
            if (!running.compareAndSet(slot, null)) {
                return; // declared a hang: the run went on without this worker
            }
            count(index, input, took, outcome, thrown);
            next = index + 1;
        }
    }

    private byte[] input(long index) {
        if (index < first.size()) {
            return first.get((int) index);
        }
        int limit = random.nextInt(LONG_INPUT_ODDS) == 0 ? target.maxInputBytes() : target.typicalInputBytes();
        int dice = random.nextInt(10);
        byte[] in;
        if (dice < 3) {
            in = target.generate(random);
        } else if (dice < 4) {
            in = mutator.mutate(target.generate(random), pool.pick(random), random, limit);
        } else {
            in = mutator.mutate(pool.pick(random), pool.pick(random), random, limit);
        }
        return in.length > limit ? Arrays.copyOf(in, limit) : in;
    }

    private void count(long index, byte[] input, long took, Outcome outcome, Throwable thrown) {
        if (thrown != null) {
            crashes++;
            Finding f = Finding.crash(target.name(), index, took, input, thrown);
            crashFindings.putIfAbsent(f.signature(), f);
            if (crashFindings.size() > MAX_DISTINCT_CRASHES) {
                crashFindings.remove(f.signature());
            }
        } else {
            Map<String, Long> counts = outcome instanceof Outcome.Accepted ? accepted : rejected;
            String kind = outcome.kind();
            if (!counts.containsKey(kind)) {
                if (counts.size() >= MAX_KINDS) {
                    kind = MORE_KINDS;
                } else {
                    pool.add(input, random); // a new answer: this input found a new path
                }
            }
            counts.merge(kind, 1L, Long::sum);
        }
        if (slowest == null || took > slowest.nanos()) {
            slowest = new Finding(target.name(), Finding.Kind.SLOW, "slowest", "the input that took most CPU time", index, took,
                    input);
        }
    }

    private void sampleHeap() {
        Runtime rt = Runtime.getRuntime();
        maxHeap = Math.max(maxHeap, rt.totalMemory() - rt.freeMemory());
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String stackOf(Thread t) {
        StringBuilder b = new StringBuilder("where it was:");
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, 8); i++) {
            b.append("\n  at ").append(frames[i]);
        }
        return b.toString();
    }
}
