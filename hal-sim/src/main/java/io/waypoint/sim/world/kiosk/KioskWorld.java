package io.waypoint.sim.world.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The world a kiosk's hardware faces under a {@link KioskScenario}, anchored at the instant its run
 * starts: people plugging phones, calling and joining the Wi-Fi; the sun on the panel; the mobile
 * network, the modem and the internet uplink.
 *
 * <p><b>Pure lookups.</b> Everything here is a function of the instant, the scenario and its seed:
 * the same question gives the same answer whoever asks, from any thread, in any order. A day's
 * visitors are planned once, on first use ({@link DailyVisits}), then found by search; days are UTC
 * days, so anchor the run with {@link KioskScenario#startOn} or {@link KioskScenario#latestStartBefore}
 * to keep the scenario's times of day. Instants outside the run are answered too: the world carries on.
 *
 * <p><b>Feedback, kept in two small stateful models.</b> What a port draws depends on whether the
 * kiosk powers it, and the battery's charge on what the kiosk consumes. So {@link #newChargingPorts()}
 * gives a {@link ChargingPorts} told of each relay edge, and {@link #newBattery()} a
 * {@link SolarBattery} advanced with the load the integrator measures; both read this world.
 *
 * <p><b>What people do</b> comes as {@link #actions} in time order; the network decides each call
 * ({@link #callOutcome}). Every number and MAC the simulated people brought is listed by
 * {@link #identifiers}, for the privacy test.
 */
public final class KioskWorld {
    /** A panel gives this share of its rated watts in full sun (heat, dust, wiring). */
    public static final double PANEL_DERATING = 0.85;
    /**
     * Planned days kept (then all dropped, and planned again on use: a day is a pure function of its
     * index): yesterday, today and tomorrow serve a running kiosk; each day kept is about 100 KB in the
     * node's JVM.
     */
    private static final int DAYS_KEPT = 4;
    private static final long SIGNAL_KNOT_MS = 10 * 60_000L;
    private static final long DIAL_MATCH_MS = 10 * 60_000L;
    private static final Pattern PERSONAL = Pattern.compile("\\+?\\d{7,15}");
    private static final Set<String> EMERGENCY = Set.of("112", "911");

    private final KioskScenario scenario;
    private final Instant start;
    private final Sky sky;
    private final List<DailyVisits.Reserved> shorts = new ArrayList<>();
    private final Map<KioskScenario.Outage.What, List<long[]>> outages = new EnumMap<>(KioskScenario.Outage.What.class);
    private final Map<Long, DailyVisits.Day> days = new ConcurrentHashMap<>();

    /** The world of {@code scenario} with its run starting at {@code start}. */
    public KioskWorld(KioskScenario scenario, Instant start) {
        this.scenario = scenario;
        this.start = start;
        // events are times of day on the run's days: a run started at another hour (sim.start)
        // meets them at the same hours, as the scenario file says, not shifted with it
        long dayOneMs = scenario.startOn(java.time.LocalDate.ofInstant(start, java.time.ZoneOffset.UTC)).toEpochMilli();
        List<Sky.Shade> shades = new ArrayList<>();
        for (KioskScenario.Outage.What w : KioskScenario.Outage.What.values()) {
            outages.put(w, new ArrayList<>());
        }
        for (KioskScenario.Event e : scenario.events()) {
            long from = dayOneMs + e.at().toMillis();
            long to = from + e.length().toMillis();
            if (e instanceof KioskScenario.ShortCircuit s) {
                shorts.add(new DailyVisits.Reserved(s.port(), from, to, s.currentMa()));
            } else if (e instanceof KioskScenario.Overcast o) {
                shades.add(new Sky.Shade(from, to, o.light()));
            } else if (e instanceof KioskScenario.Outage o) {
                outages.get(o.what()).add(new long[] {from, to});
            }
        }
        this.sky = new Sky(scenario.sun(), scenario.seed(), shades);
    }

    public KioskScenario scenario() {
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

    // ---- people ------------------------------------------------------------------------------

    /** What people do from {@code from} (included) to {@code to} (excluded), in time order. */
    public List<PersonAction> actions(Instant from, Instant to) {
        List<PersonAction> out = new ArrayList<>();
        for (long d = dayIndex(from); d <= dayIndex(to.minusMillis(1)); d++) {
            for (PersonAction a : day(d).actions()) {
                if (!a.at().isBefore(from) && a.at().isBefore(to)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** What is plugged into {@code port} (1..ports) at {@code t}, if anything. */
    public Optional<PortStay> stayOn(int port, Instant t) {
        if (port < 1 || port > scenario.kiosk().ports()) {
            throw new IllegalArgumentException("port must be 1 to " + scenario.kiosk().ports() + ", was " + port);
        }
        PortStay[] stays = day(dayIndex(t)).stays()[port];
        int lo = 0;
        int hi = stays.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (stays[mid].from().isAfter(t)) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return hi >= 0 && stays[hi].covers(t) ? Optional.of(stays[hi]) : Optional.empty();
    }

    /** The phones on the Wi-Fi at {@code t}, with what they have moved so far. */
    public List<WifiClient> wifiClients(Instant t) {
        long ms = t.toEpochMilli();
        List<WifiClient> out = new ArrayList<>();
        for (DailyVisits.WifiSession s : day(dayIndex(t)).wifi()) {
            if (s.joinMs() <= ms && ms < s.leaveMs()) {
                double flowed = uplinkUpMs(s.joinMs(), ms) / (double) (s.leaveMs() - s.joinMs());
                out.add(new WifiClient(s.mac(), Instant.ofEpochMilli(s.joinMs()), Instant.ofEpochMilli(s.leaveMs()),
                        s.mbDown() * flowed, s.mbUp() * flowed));
            }
        }
        return out;
    }

    /**
     * Every number and MAC the people arriving from {@code from} to {@code to} brought, whether
     * or not they got as far as using them: what a privacy test must never find in a kiosk's logs,
     * store or messages.
     */
    public Identifiers identifiers(Instant from, Instant to) {
        Set<String> numbers = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (long d = dayIndex(from); d <= dayIndex(to.minusMillis(1)); d++) {
            DailyVisits.Day day = day(d);
            numbers.addAll(day.numbers());
            macs.addAll(day.macs());
        }
        return new Identifiers(numbers, macs);
    }

    /** {@link #identifiers(Instant, Instant)} of the whole run (every UTC day it touches). */
    public Identifiers identifiers() {
        return identifiers(start, end());
    }

    // ---- sun ---------------------------------------------------------------------------------

    /** Sunlight on the panel at {@code t}, W/m² (1000 at a clear noon). */
    public double irradianceWm2(Instant t) {
        return sky.irradiance(t.toEpochMilli());
    }

    /** What the panel can give at {@code t}, W, at its maximum power point. */
    public double panelW(Instant t) {
        return scenario.sun().panelW() * PANEL_DERATING * irradianceWm2(t) / Sky.CLEAR_NOON;
    }

    // ---- network -----------------------------------------------------------------------------

    /**
     * The mobile network and the modem at {@code t}: the signal wanders a few steps around the
     * scenario's (smoothly, knots every 10 min); with no signal it is 99 and the modem searching; a
     * refusal makes it denied; no credit clears {@code credit}; a silent modem wins over a garbling one.
     */
    public GsmState gsm(Instant t) {
        long ms = t.toEpochMilli();
        KioskScenario.Network n = scenario.network();
        boolean noSignal = during(KioskScenario.Outage.What.NO_SIGNAL, ms);
        int csq = noSignal ? GsmState.NO_SIGNAL_CSQ
                : (int) Math.max(0, Math.min(31, Math.round(n.signalCsq() + 3 * signalWander(ms))));
        Registration reg = noSignal ? Registration.SEARCHING
                : during(KioskScenario.Outage.What.DENIED, ms) ? Registration.DENIED : n.registration();
        ModemBehaviour modem = during(KioskScenario.Outage.What.MODEM_SILENT, ms) ? ModemBehaviour.SILENT
                : during(KioskScenario.Outage.What.MODEM_GARBAGE, ms) ? ModemBehaviour.GARBAGE : ModemBehaviour.OK;
        return new GsmState(csq, reg, !during(KioskScenario.Outage.What.NO_CREDIT, ms), modem);
    }

    /** Whether the site's internet uplink is up at {@code t}. */
    public boolean uplinkUp(Instant t) {
        return !during(KioskScenario.Outage.What.UPLINK_DOWN, t.toEpochMilli());
    }

    /**
     * What the network does with a call to {@code keys} dialled at {@code t}. No signal: no
     * service; not registered, or no credit: only emergency numbers go through. Otherwise, when a
     * simulated person planned to dial these keys within 10 minutes of {@code t}, what was planned
     * for that attempt (so a person's retries follow what their calls did); else a fresh draw for the
     * keys and the second. Codes that are not numbers fail: a kiosk must never dial them.
     * The modem's own behaviour (silent, garbage) is for its emulation to apply before this.
     */
    public CallOutcome callOutcome(String keys, Instant t) {
        long ms = t.toEpochMilli();
        PersonAction.PlaceCall.Kind kind = kindOf(keys);
        CallOutcome barred = barred(kind, ms);
        if (barred != null) {
            return barred;
        }
        List<DailyVisits.Dial> planned = day(dayIndex(t)).dials().getOrDefault(keys, List.of());
        DailyVisits.Dial nearest = null;
        for (DailyVisits.Dial d : planned) {
            long gap = Math.abs(d.dialledMs() - ms);
            if (gap <= DIAL_MATCH_MS && (nearest == null || gap < Math.abs(nearest.dialledMs() - ms))) {
                nearest = d;
            }
        }
        if (nearest != null && !(nearest.outcome() instanceof CallOutcome.NoService)
                && !(nearest.outcome() instanceof CallOutcome.NoCredit)) {
            return nearest.outcome();
        }
        return draw(kind, ms, RandomStreams.of(scenario.seed(), RandomStreams.OUTCOMES, keys.hashCode() * 86_400L + ms / 1000));
    }

    // ---- stateful models on this world ----------------------------------------------------------

    /** The kiosk's charging ports, all off: tell it each relay edge, ask it each port's current. */
    public ChargingPorts newChargingPorts() {
        return new ChargingPorts(this);
    }

    /** The battery and panel, with the scenario's charge at the start: advance it with the kiosk's load. */
    public SolarBattery newBattery() {
        return new SolarBattery(this);
    }

    // ---- package --------------------------------------------------------------------------------

    /** The visits of the UTC day holding {@code t}, for tests. */
    List<DailyVisits.Visit> visitsOfDay(Instant t) {
        return day(dayIndex(t)).visits();
    }

    private CallOutcome plan(String keys, PersonAction.PlaceCall.Kind kind, long dialledMs, long index) {
        CallOutcome barred = barred(kind, dialledMs);
        return barred != null ? barred : draw(kind, dialledMs, RandomStreams.of(scenario.seed(), RandomStreams.OUTCOMES, index));
    }

    /** What the network state at {@code ms} does to a call whatever its luck, or null. */
    private CallOutcome barred(PersonAction.PlaceCall.Kind kind, long ms) {
        if (kind == PersonAction.PlaceCall.Kind.INVALID) {
            return CallOutcome.FAILED;
        }
        GsmState g = gsm(Instant.ofEpochMilli(ms));
        boolean emergency = kind == PersonAction.PlaceCall.Kind.EMERGENCY;
        if (g.signalCsq() == GsmState.NO_SIGNAL_CSQ || (!g.registration().registered() && !emergency)) {
            return CallOutcome.NO_SERVICE;
        }
        return !g.credit() && !emergency ? CallOutcome.NO_CREDIT : null;
    }

    /**
     * An attempt's luck. Emergency calls are answered. Others: answered by the scenario's share
     * (less on a weak signal, CSQ under 8), dropped 4 %, and of the rest 30 % busy, 45 % no answer,
     * 25 % failed. Rings 5-25 s before an answer, 30-60 s when nobody answers; people would talk
     * about 2.5 min (a log-normal spread, 10 s to 15 min).
     */
    private CallOutcome draw(PersonAction.PlaceCall.Kind kind, long ms, SplittableRandom rng) {
        double u = rng.nextDouble();
        Duration ring = Duration.ofMillis(5_000 + rng.nextInt(20_000));
        Duration talk = Duration.ofMillis(Math.round(1000 * Math.max(10, Math.min(900, 150 * Math.exp(0.5 * rng.nextGaussian())))));
        Duration dropAfter = Duration.ofMillis(5_000 + rng.nextInt(85_000));
        Duration unanswered = Duration.ofMillis(30_000 + rng.nextInt(30_000));
        if (kind == PersonAction.PlaceCall.Kind.EMERGENCY) {
            return new CallOutcome.Answered(ring.dividedBy(4), talk);
        }
        double answered = scenario.network().answered() * (gsm(Instant.ofEpochMilli(ms)).signalCsq() < 8 ? 0.7 : 1);
        double dropped = 0.04;
        if (u < answered) {
            return new CallOutcome.Answered(ring, talk);
        }
        if (u < answered + dropped) {
            return new CallOutcome.Dropped(ring, dropAfter);
        }
        double rest = (u - answered - dropped) / Math.max(1e-9, 1 - answered - dropped);
        return rest < 0.30 ? CallOutcome.BUSY : rest < 0.75 ? new CallOutcome.NoAnswer(unanswered) : CallOutcome.FAILED;
    }

    private static PersonAction.PlaceCall.Kind kindOf(String keys) {
        return EMERGENCY.contains(keys) ? PersonAction.PlaceCall.Kind.EMERGENCY
                : PERSONAL.matcher(keys).matches() ? PersonAction.PlaceCall.Kind.PERSONAL : PersonAction.PlaceCall.Kind.INVALID;
    }

    private boolean during(KioskScenario.Outage.What what, long ms) {
        for (long[] w : outages.get(what)) {
            if (ms >= w[0] && ms < w[1]) {
                return true;
            }
        }
        return false;
    }

    /** Milliseconds of {@code [fromMs, toMs)} in which the uplink was up. */
    private long uplinkUpMs(long fromMs, long toMs) {
        long up = toMs - fromMs;
        for (long[] w : outages.get(KioskScenario.Outage.What.UPLINK_DOWN)) {
            up -= Math.max(0, Math.min(toMs, w[1]) - Math.max(fromMs, w[0]));
        }
        return Math.max(0, up);
    }

    /** A smooth wander in [-1, 1]: random knots every ten minutes joined by cosine easing. */
    private double signalWander(long ms) {
        long knot = Math.floorDiv(ms, SIGNAL_KNOT_MS);
        double f = (ms - knot * SIGNAL_KNOT_MS) / (double) SIGNAL_KNOT_MS;
        double a = 2 * RandomStreams.unit(scenario.seed(), RandomStreams.SIGNAL, knot) - 1;
        double b = 2 * RandomStreams.unit(scenario.seed(), RandomStreams.SIGNAL, knot + 1) - 1;
        return a + (b - a) * (1 - Math.cos(Math.PI * f)) / 2;
    }

    private static long dayIndex(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), DailyVisits.DAY_MS);
    }

    private DailyVisits.Day day(long index) {
        DailyVisits.Day d = days.get(index);
        if (d != null) {
            return d;
        }
        if (days.size() >= DAYS_KEPT) {
            days.clear();
        }
        return days.computeIfAbsent(index, i -> DailyVisits.day(i, scenario.seed(), scenario.kiosk(), shorts, this::plan));
    }
}
