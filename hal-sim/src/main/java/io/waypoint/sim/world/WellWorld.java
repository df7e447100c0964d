package io.waypoint.sim.world;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The physical world of one well under a {@link Scenario}, anchored at the instant its run starts:
 * people drawing water through the day, rain clouding it, a filter clogging, a sensor failing.
 *
 * <p>Every answer is a pure function of the instant, the scenario and its seed: the same instant
 * gives the same value whoever asks, from any thread, in any order. Lookups are cheap (a day's draws
 * are built once, on first use, then found by binary search), so emulated devices may ask many
 * times per simulated second. Instants before the start or after the run's end are answered too:
 * the world just carries on (demand follows the day, the filter keeps clogging down to a floor).
 *
 * <ul>
 * <li><b>Demand</b>: see {@link DailyDemand}. Days are UTC days: anchor the run with
 *     {@link Scenario#startOn} or {@link Scenario#latestStartBefore} so that its times of day are
 *     the scenario's.</li>
 * <li><b>Filter</b>: a fully open tap gives {@code tap_lpm} through a clean filter, and
 *     {@code clog_per_day} of that less per day since the start or the last backwash, never below
 *     {@link #FILTER_FLOOR} of it. A person's draw runs at the flow of the moment it began; a slower
 *     filter makes draws longer, not the day's litres fewer (until queues grow too long).</li>
 * <li><b>Turbidity</b>: {@code base_ntu} wandering slowly by a few percent (real water is never
 *     perfectly steady, and a reading that never moves is what a stuck sensor looks like), plus the
 *     excess of each rain.</li>
 * <li><b>Sensor</b>: unplugged wins over stuck, stuck over drift. A stuck sensor reads what it read
 *     (truth plus drift) when it got stuck.</li>
 * </ul>
 */
public final class WellWorld implements WellPhysics {
    /** A clogged filter still lets this fraction of its clean flow through. */
    public static final double FILTER_FLOOR = 0.2;
    /** How far turbidity wanders around its base, as a fraction of it. */
    static final double WANDER = 0.06;
    private static final long WANDER_KNOT_MS = 10 * 60_000L;
    /** Days of draws kept built; older ones are rebuilt (identically) if asked for again. */
    private static final int DAYS_KEPT = 16;
    private static final double NANOS_PER_DAY = 86_400e9;

    private final Scenario scenario;
    private final Instant start;
    private final long startMs;
    private final double meanArrivals;
    /** Start instants of the backwashes, ascending. */
    private final long[] backwashMs;
    private final List<RainAt> rains;
    /** Steady flows as [start ms, end ms) with their L/min, in file order. */
    private final List<SteadyAt> steadyFlows;
    private final Map<Long, DailyDemand.Day> days = new ConcurrentHashMap<>();

    /** A rain with its times in epoch ms and its time constant. */
    private record RainAt(long atMs, long peakMs, double excessNtu, double tauMs) {}

    /** A steady flow with its times in epoch ms. */
    private record SteadyAt(long fromMs, long untilMs, double lpm) {}

    /** The world of {@code scenario} with its run starting at {@code start}. */
    public WellWorld(Scenario scenario, Instant start) {
        this.scenario = scenario;
        this.start = start;
        this.startMs = start.toEpochMilli();
        Scenario.Well well = scenario.well();
        this.meanArrivals = well.litresPerDay() / well.containerLitres();
        List<Long> backwashes = new ArrayList<>();
        List<RainAt> rainsAt = new ArrayList<>();
        List<SteadyAt> steady = new ArrayList<>();
        for (Scenario.Event e : scenario.events()) {
            long at = startMs + e.at().toMillis();
            if (e instanceof Scenario.Backwash) {
                backwashes.add(at);
            } else if (e instanceof Scenario.SteadyFlow f) {
                steady.add(new SteadyAt(at, at + f.length().toMillis(), f.lpm()));
            } else if (e instanceof Scenario.Rain r) {
                // the excess is down to 5 % = e^-3 after decay
                rainsAt.add(new RainAt(at, at + r.rise().toMillis(), r.peakNtu() - well.baseNtu(),
                        r.decay().toMillis() / Math.log(20)));
            }
        }
        this.backwashMs = backwashes.stream().sorted().mapToLong(Long::longValue).toArray();
        this.rains = rainsAt.stream().sorted(Comparator.comparingLong(RainAt::atMs)).toList();
        this.steadyFlows = List.copyOf(steady);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** When the run starts. */
    public Instant start() {
        return start;
    }

    /** When the run ends: {@code days} after the start. */
    public Instant end() {
        return start.plus(scenario.length());
    }

    @Override
    public double flowLpm(Instant t) {
        long ms = t.toEpochMilli();
        for (SteadyAt f : steadyFlows) {
            if (ms >= f.fromMs() && ms < f.untilMs()) {
                return f.lpm();
            }
        }
        return day(Math.floorDiv(ms, DailyDemand.DAY_MS)).flowAt(ms);
    }

    /**
     * What a fully open tap would give at {@code t}, L/min: the tap's clean flow less what the filter
     * has clogged. This is what the flow meter shows while someone draws with the tap wide open.
     */
    public double achievableFlowLpm(Instant t) {
        return achievableLpm(t.toEpochMilli());
    }

    /** The litres drawn over the UTC day that holds {@code t}. */
    public double litresOfDay(Instant t) {
        return day(Math.floorDiv(t.toEpochMilli(), DailyDemand.DAY_MS)).litres();
    }

    @Override
    public double turbidityNtu(Instant t) {
        long ms = t.toEpochMilli();
        double ntu = scenario.well().baseNtu() * (1 + WANDER * wander(ms));
        for (RainAt r : rains) {
            ntu += rainExcess(r, ms);
        }
        return Math.max(0, ntu);
    }

    @Override
    public SensorCondition turbiditySensor(Instant t) {
        Scenario.Sensor s = scenario.sensor();
        Duration offset = Duration.between(start, t);
        if (s.unplugged() != null && s.unplugged().contains(offset)) {
            return SensorCondition.UNPLUGGED;
        }
        if (s.stuck() != null && s.stuck().contains(offset)) {
            Instant stuckAt = start.plus(s.stuck().from());
            return new SensorCondition.Stuck(Math.max(0, turbidityNtu(stuckAt) + drift(stuckAt)));
        }
        double drift = drift(t);
        return drift == 0 ? SensorCondition.OK : new SensorCondition.Drift(drift);
    }

    /** Cooler at dawn, warmer in the afternoon: a well's water follows the air a little. */
    @Override
    public double waterTemperatureC(Instant t) {
        double hour = Math.floorMod(t.toEpochMilli(), DailyDemand.DAY_MS) / 3_600_000.0;
        return 21 + 1.5 * Math.sin((hour - 9) / 24 * 2 * Math.PI);
    }

    /** The sensor's drift at {@code t}: {@code drift_per_day} per day since the start, none before it. */
    private double drift(Instant t) {
        double perDay = scenario.sensor().driftPerDay();
        if (perDay == 0 || !t.isAfter(start)) {
            return 0;
        }
        return perDay * Duration.between(start, t).toNanos() / NANOS_PER_DAY;
    }

    private double achievableLpm(long ms) {
        double clogPerDay = scenario.filter().clogPerDay();
        double clean = scenario.well().tapLpm();
        if (clogPerDay == 0 || ms <= startMs) {
            return clean;
        }
        long since = startMs;
        for (long b : backwashMs) {
            if (b <= ms && b > since) {
                since = b;
            }
        }
        double daysOfUse = (ms - since) / (double) DailyDemand.DAY_MS;
        return clean * Math.max(FILTER_FLOOR, 1 - clogPerDay * daysOfUse);
    }

    private DailyDemand.Day day(long index) {
        DailyDemand.Day d = days.get(index);
        if (d != null) {
            return d;
        }
        if (days.size() >= DAYS_KEPT) {
            days.clear();
        }
        return days.computeIfAbsent(index, i -> DailyDemand.day(i, scenario.seed(), meanArrivals,
                scenario.well().containerLitres(), this::achievableLpm));
    }

    /** A smooth wander in [-1, 1]: random knots every ten minutes joined by cosine easing. */
    private double wander(long ms) {
        long knot = Math.floorDiv(ms, WANDER_KNOT_MS);
        double f = (ms - knot * WANDER_KNOT_MS) / (double) WANDER_KNOT_MS;
        double a = Seeds.signedUnit(scenario.seed(), Seeds.WANDER, knot);
        double b = Seeds.signedUnit(scenario.seed(), Seeds.WANDER, knot + 1);
        double ease = (1 - Math.cos(Math.PI * f)) / 2;
        return a + (b - a) * ease;
    }

    private static double rainExcess(RainAt r, long ms) {
        if (ms <= r.atMs()) {
            return 0;
        }
        if (ms < r.peakMs()) {
            double f = (ms - r.atMs()) / (double) (r.peakMs() - r.atMs());
            return r.excessNtu() * (1 - Math.cos(Math.PI * f)) / 2;
        }
        return r.excessNtu() * Math.exp(-(ms - r.peakMs()) / r.tauMs());
    }
}
