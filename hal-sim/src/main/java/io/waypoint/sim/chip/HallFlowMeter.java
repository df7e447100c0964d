package io.waypoint.sim.chip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A hall-effect turbine flow meter of the YF-S201 class on a digital input: the rotor's magnet
 * switches an open-collector output, one full low/high cycle per pulse, at
 * {@code flow [L/min] / 60 × K(flow) × unit factor} pulses per second.
 *
 * <p>The output is low for the first half of each rotor turn and high for the second, so the duty
 * cycle is 50 % and a rotor that stops may leave the wire low or high. A pulse starts with its
 * falling edge; {@link #truePulses()} counts those, the number a perfect counter would report.
 * Flow is sampled every {@code maxStep} of simulated time (10 ms by default) and held in between,
 * except that a step in which the flow changes is split at the millisecond it changes (the world's
 * flows change on whole milliseconds): a flow that starts and stops gives its exact pulses wherever
 * the steps fall. Edges fall at the exact instant the rotor passes each half turn, however many fall
 * in one step.
 *
 * <p>Two imperfections can be switched on, both from a seeded random generator so runs repeat:
 * <ul>
 *   <li>{@link Bounce}: after a real edge, one or two extra pulses of the opposite level within a
 *       few hundred microseconds (never more than 40 % of the half period, so they end before the
 *       next real edge);</li>
 *   <li>{@link Glitches}: while no water flows, isolated pulses of electrical noise, a Poisson
 *       process of the given rate, each {@code width} long.</li>
 * </ul>
 * Thread-safe.
 */
public final class HallFlowMeter implements EdgeSource {

    /** One point of a K-factor curve: pulses per litre at a flow rate. */
    public record Point(double lpm, double pulsesPerLitre) {
        public Point {
            if (!(lpm >= 0) || !(pulsesPerLitre > 0) || Double.isInfinite(lpm) || Double.isInfinite(pulsesPerLitre)) {
                throw new IllegalArgumentException("a K-factor point needs lpm >= 0 and pulses/L > 0, was " + lpm
                        + " L/min, " + pulsesPerLitre + " p/L");
            }
        }
    }

    /**
     * Pulses per litre as a function of flow: linear between points, constant beyond the first and
     * last.
     */
    public record Curve(List<Point> points) {
        public Curve {
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("a K-factor curve needs at least one point");
            }
            for (int i = 1; i < points.size(); i++) {
                if (!(points.get(i).lpm() > points.get(i - 1).lpm())) {
                    throw new IllegalArgumentException("K-factor points must have increasing flow, were " + points);
                }
            }
        }

        /** The same K at every flow. */
        public static Curve constant(double pulsesPerLitre) {
            return new Curve(List.of(new Point(0, pulsesPerLitre)));
        }

        /** The YF-S201 datasheet table: 480 p/L at 2 L/min, 451 at 12, the nominal 450 at 30. */
        public static Curve yfS201() {
            return new Curve(List.of(new Point(2, 480), new Point(12, 451), new Point(30, 450)));
        }

        public double pulsesPerLitre(double lpm) {
            Point first = points.get(0);
            if (lpm <= first.lpm()) {
                return first.pulsesPerLitre();
            }
            for (int i = 1; i < points.size(); i++) {
                Point b = points.get(i);
                if (lpm <= b.lpm()) {
                    Point a = points.get(i - 1);
                    return a.pulsesPerLitre() + (b.pulsesPerLitre() - a.pulsesPerLitre())
                            * (lpm - a.lpm()) / (b.lpm() - a.lpm());
                }
            }
            return points.get(points.size() - 1).pulsesPerLitre();
        }
    }

    /**
     * Contact-like bounce after real edges.
     *
     * @param probability chance that a real edge bounces, in [0, 1]
     * @param within      all extra edges fall within this time after the real edge
     */
    public record Bounce(double probability, Duration within) {
        public Bounce {
            if (!(probability >= 0 && probability <= 1) || within.isNegative() || within.isZero()) {
                throw new IllegalArgumentException("bounce needs a probability in [0, 1] and a positive duration, was "
                        + probability + ", " + within);
            }
        }
    }

    /**
     * Electrical noise while the rotor stands still.
     *
     * @param perHour mean number of noise pulses per hour of no flow
     * @param width   how long each noise pulse holds the wire at the other level
     */
    public record Glitches(double perHour, Duration width) {
        public Glitches {
            if (!(perHour > 0) || Double.isInfinite(perHour) || width.isNegative() || width.isZero()) {
                throw new IllegalArgumentException("glitches need a positive rate and width, was " + perHour + "/h, " + width);
            }
        }
    }

    private record Pending(long at, boolean high, long order) {}

    private final ToDoubleFunction<Instant> flowLpm;
    private final Curve curve;
    private final double unitFactor;
    private final Bounce bounce;
    private final Glitches glitches;
    private final long maxStepNanos;
    private final SplittableRandom random;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparingLong(Pending::at).thenComparingLong(Pending::order));

    private long last = Long.MIN_VALUE;
    private double phase = 0.75;
    private boolean level = true;
    private long order;
    private long nextGlitch;
    private long truePulses;
    private long glitchPulses;
    private long bounceEdges;

    private HallFlowMeter(Builder b) {
        this.flowLpm = b.flowLpm;
        this.curve = b.curve;
        this.unitFactor = b.unitFactor;
        this.bounce = b.bounce;
        this.glitches = b.glitches;
        this.maxStepNanos = b.maxStep.toNanos();
        this.random = new SplittableRandom(b.seed);
    }

    /** A meter in a pipe whose flow (L/min) at each instant is {@code flowLpm}: YF-S201 curve, no imperfections. */
    public static Builder builder(ToDoubleFunction<Instant> flowLpm) {
        return new Builder(flowLpm);
    }

    /** Pulses whose falling edge has happened: what a perfect counter would have counted. */
    public synchronized long truePulses() {
        return truePulses;
    }

    /** Noise pulses produced while no water flowed. */
    public synchronized long glitchPulses() {
        return glitchPulses;
    }

    /** Extra edges produced by bounce. */
    public synchronized long bounceEdges() {
        return bounceEdges;
    }

    /** Pulses per second this meter gives at {@code lpm}. */
    public double hertzAt(double lpm) {
        return lpm <= 0 ? 0 : lpm / 60.0 * curve.pulsesPerLitre(lpm) * unitFactor;
    }

    @Override
    public boolean initialHigh() {
        return true;
    }

    @Override
    public boolean openCollector() {
        return true;
    }

    @Override
    public synchronized void advance(Instant to, EdgeSink sink) {
        long end = nanos(to);
        if (last == Long.MIN_VALUE) {
            last = end;
            nextGlitch = glitches == null ? Long.MAX_VALUE : end + nextGlitchGap();
            return;
        }
        while (last < end) {
            long stepEnd = Math.min(end, last + maxStepNanos);
            step(last, stepEnd);
            last = stepEnd;
            // a later step only adds edges after stepEnd: hand these over now, so the queue holds a step's
            // edges (and a bounce's), not those of however long a late caller asks for
            emitUpTo(stepEnd, sink);
        }
        emitUpTo(end, sink);
    }

    private void emitUpTo(long end, EdgeSink sink) {
        while (!pending.isEmpty() && pending.peek().at() <= end) {
            Pending p = pending.poll();
            if (p.high() != level) {
                level = p.high();
                sink.edge(Instant.ofEpochSecond(0, p.at()), p.high());
            }
        }
    }

    private void step(long from, long to) {
        double lpm = flowLpm.applyAsDouble(Instant.ofEpochSecond(0, from));
        if (flowLpm.applyAsDouble(Instant.ofEpochSecond(0, to - 1)) != lpm) {
            // the flow changed within the step: run up to the first millisecond where it did at the old flow
            for (long ms = Math.floorDiv(from, 1_000_000L) * 1_000_000L + 1_000_000L; ms < to; ms += 1_000_000L) {
                if (flowLpm.applyAsDouble(Instant.ofEpochSecond(0, ms)) != lpm) {
                    stepAtFlow(from, ms, lpm);
                    step(ms, to);
                    return;
                }
            }
        }
        stepAtFlow(from, to, lpm);
    }

    private void stepAtFlow(long from, long to, double lpm) {
        double hz = hertzAt(lpm);
        if (hz > 0) {
            double target = phase + hz * (to - from) / 1e9;
            double halfTurn = (Math.floor(phase * 2) + 1) / 2;
            while (halfTurn <= target) {
                long at = from + (long) Math.ceil((halfTurn - phase) / hz * 1e9);
                realEdge(Math.min(to, Math.max(from + 1, at)), halfTurn != Math.floor(halfTurn), hz);
                halfTurn += 0.5;
            }
            phase = target;
            if (nextGlitch <= to) {
                nextGlitch = to + nextGlitchGap();
            }
            return;
        }
        while (nextGlitch <= to) {
            if (nextGlitch > from) {
                boolean rest = phase - Math.floor(phase) >= 0.5;
                glitchPulses++;
                add(nextGlitch, !rest);
                add(nextGlitch + glitches.width().toNanos(), rest);
            }
            nextGlitch += nextGlitchGap();
        }
    }

    private void realEdge(long at, boolean high, double hz) {
        add(at, high);
        if (!high) {
            truePulses++;
        }
        if (bounce != null && random.nextDouble() < bounce.probability()) {
            long within = Math.min(bounce.within().toNanos(), (long) (0.4 * 0.5 / hz * 1e9));
            int extra = 2 * (1 + random.nextInt(2));
            List<Long> offsets = new ArrayList<>(extra);
            for (int i = 0; i < extra; i++) {
                offsets.add(1 + (long) (random.nextDouble() * Math.max(1, within - 1)));
            }
            offsets.sort(null);
            for (int i = 0; i < extra; i++) {
                add(at + offsets.get(i), i % 2 == 0 ? !high : high);
                bounceEdges++;
            }
        }
    }

    private void add(long at, boolean high) {
        pending.add(new Pending(at, high, order++));
    }

    private long nextGlitchGap() {
        if (glitches == null) {
            return Long.MAX_VALUE / 4;
        }
        double meanNanos = 3600e9 / glitches.perHour();
        return 1 + (long) (-Math.log(1 - random.nextDouble()) * meanNanos);
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** Configures a {@link HallFlowMeter}. */
    public static final class Builder {
        private final ToDoubleFunction<Instant> flowLpm;
        private Curve curve = Curve.yfS201();
        private double unitFactor = 1.0;
        private Bounce bounce;
        private Glitches glitches;
        private long seed = 0xF10E;
        private Duration maxStep = Duration.ofMillis(10);

        private Builder(ToDoubleFunction<Instant> flowLpm) {
            this.flowLpm = Objects.requireNonNull(flowLpm, "flowLpm");
        }

        /** Pulses per litre against flow (default: the YF-S201 datasheet table). */
        public Builder curve(Curve curve) {
            this.curve = Objects.requireNonNull(curve, "curve");
            return this;
        }

        /** This unit's deviation from the curve (the ±10 % between units), 1.0 by default. */
        public Builder unitFactor(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("unit factor must be positive, was " + factor);
            }
            this.unitFactor = factor;
            return this;
        }

        public Builder bounce(Bounce bounce) {
            this.bounce = bounce;
            return this;
        }

        public Builder glitches(Glitches glitches) {
            this.glitches = glitches;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How often flow is sampled, in simulated time (10 ms by default). */
        public Builder maxStep(Duration step) {
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("step must be positive, was " + step);
            }
            this.maxStep = step;
            return this;
        }

        public HallFlowMeter build() {
            return new HallFlowMeter(this);
        }
    }
}
