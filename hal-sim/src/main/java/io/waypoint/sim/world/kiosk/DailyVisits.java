package io.waypoint.sim.world.kiosk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Who comes to the kiosk over one UTC day and what they do: a pure function of the day, the
 * scenario, its seed and the network (for the outcomes of calls), so any day can be built on demand,
 * in any order, and always comes out the same.
 *
 * <p>People arrive at random with a rate that follows the day (few at night; a morning peak about
 * 09:00, a smaller one at midday, an afternoon peak about 16:30). Each wants any of a charge, the free
 * call and the Wi-Fi, by the scenario's shares:
 * <ul>
 * <li><b>Charge</b>: they plug their phone into a free port (any of them) and press its button a few
 *     seconds later; if every port is taken they wait for one up to their patience (5-40 min), else
 *     leave. Most come back for it about the kiosk's turn later (a tenth earlier or later, more or
 *     less); some (15 %) come back early, after 10-35 min. The next phone can go in 30 s after.</li>
 * <li><b>Call</b>: one phone handset, so callers queue (up to 10-30 min). Each types a number
 *     ({@code +<country><digits>}; 3 % an emergency number; 5 % first type a code such as
 *     {@code *#06#}, which the kiosk must refuse), the network decides each attempt, and a person
 *     whose attempt does not connect tries again after 20-60 s, 2 to 4 attempts in all.</li>
 * <li><b>Wi-Fi</b>: the phone joins with a random locally administered MAC (phones randomise them)
 *     for about 25 min (3 min to 2 h), moving 0.3-2.5 MB a minute down and a tenth or so of that up.</li>
 * </ul>
 * A short circuit of the scenario is a visit too: its port is kept free around it. A day holds
 * only what ends before its midnight, so days never overlap; everyone draws the same random numbers
 * whatever they want, so one change does not reshuffle the rest of the day.
 */
final class DailyVisits {
    static final long DAY_MS = 86_400_000L;
    private static final int MINUTES = 1440;
    private static final double[] CUMULATIVE = cumulativeShape();
    private static final long CHANGEOVER_MS = 30_000;
    private static final long HANDSET_CHANGEOVER_MS = 20_000;
    /**
     * How long before a reservation its port is left empty: a kiosk holds a finished port "done"
     * for its collection timeout (10 min by default) when it cannot see the phone leave, and the
     * person with the damaged cable plugs in only where the light has been steadily on.
     */
    private static final long RESERVED_LEAD_MS = 15 * 60_000L;
    private static final double EARLY_SHARE = 0.15;
    private static final double EMERGENCY_SHARE = 0.03;
    private static final double INVALID_FIRST_SHARE = 0.05;

    /** A kind of phone: its battery and what it draws while charging. */
    private record Model(String name, int capacityMah, int maxMa) {}

    private static final Model[] MODELS = {
            new Model("feature phone", 1000, 500),
            new Model("old smartphone", 2000, 1000),
            new Model("smartphone", 3000, 1500),
            new Model("large smartphone", 5000, 2000),
    };
    /** Country calling codes people call home to, with their national number lengths. */
    private static final String[] COUNTRIES = {"504", "502", "503", "505", "509", "53", "58", "57", "593", "1", "52", "51"};
    private static final int[] NATIONAL_DIGITS = {8, 8, 8, 8, 8, 8, 10, 10, 9, 10, 10, 9};
    /** What people type that is not a number. */
    static final List<String> NOT_NUMBERS = List.of("*#06#", "*100#", "#31#", "##002#", "12", "+");

    /** What a day's planning needs from the world: the outcome of a call attempt. */
    interface Network {
        /** What the network does with {@code keys} dialled at epoch {@code dialledMs}; {@code index} names the attempt. */
        CallOutcome plan(String keys, PersonAction.PlaceCall.Kind kind, long dialledMs, long index);
    }

    /** A port kept for a short circuit, epoch ms. */
    record Reserved(int port, long fromMs, long untilMs, int currentMa) {}

    /**
     * One person's visit and what came of it.
     *
     * @param port          the port their phone went on, or 0
     * @param leftUncharged wanted a charge, found no port in time and left
     * @param attempts      call attempts made (0: did not call)
     * @param connected     whether one of them connected
     */
    record Visit(long arrivalMs, boolean wantsCharge, boolean wantsCall, boolean wantsWifi, int port,
                 boolean leftUncharged, int attempts, boolean connected) {}

    /** A planned call attempt: when it is dialled and what the network will do. */
    record Dial(long dialledMs, CallOutcome outcome) {}

    /** A Wi-Fi session, epoch ms. */
    record WifiSession(String mac, long joinMs, long leaveMs, double mbDown, double mbUp) {}

    /** One day's plan. */
    record Day(List<Visit> visits, List<PersonAction> actions, PortStay[][] stays, List<WifiSession> wifi,
               Map<String, List<Dial>> dials, Set<String> numbers, Set<String> macs) {}

    private DailyVisits() {
    }

    /** The plan of the day that starts at midnight {@code dayIndex} days after the epoch (UTC). */
    static Day day(long dayIndex, long seed, KioskScenario.Kiosk kiosk, List<Reserved> reserved, Network network) {
        SplittableRandom rng = RandomStreams.of(seed, RandomStreams.VISITS, dayIndex);
        long midnight = dayIndex * DAY_MS;
        long dayEnd = midnight + DAY_MS;
        double mean = kiosk.peoplePerDay();
        int n = (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        long[] arrivals = new long[n];
        for (int i = 0; i < n; i++) {
            arrivals[i] = midnight + arrivalOffsetMs(rng.nextDouble(), rng.nextDouble());
        }
        Arrays.sort(arrivals);

        int ports = kiosk.ports();
        List<List<PortStay>> stays = new ArrayList<>();
        for (int p = 0; p <= ports; p++) {
            stays.add(new ArrayList<>());
        }
        List<PersonAction> actions = new ArrayList<>();
        List<Reserved> reservedToday = new ArrayList<>();
        for (Reserved r : reserved) {
            if (r.fromMs() >= midnight && r.fromMs() < dayEnd) {
                Reserved clipped = new Reserved(r.port(), r.fromMs(), Math.min(r.untilMs(), dayEnd - 1000), r.currentMa());
                reservedToday.add(clipped);
                PortStay stay = new PortStay(r.port(), new DamagedCable(r.currentMa()), Instant.ofEpochMilli(clipped.fromMs()),
                        Instant.ofEpochMilli(clipped.untilMs()));
                stays.get(r.port()).add(stay);
                actions.add(new PersonAction.PlugIn(stay.from(), r.port(), stay.load()));
                actions.add(new PersonAction.PressPortButton(stay.from().plusSeconds(5), r.port()));
                actions.add(new PersonAction.Unplug(stay.until(), r.port()));
            }
        }

        long[] portFree = new long[ports + 1];
        Arrays.fill(portFree, midnight);
        long handsetFree = midnight;
        List<Visit> visits = new ArrayList<>();
        List<WifiSession> wifi = new ArrayList<>();
        Map<String, List<Dial>> dials = new HashMap<>();
        Set<String> numbers = new LinkedHashSet<>();
        Set<String> macs = new LinkedHashSet<>();
        long turnMs = kiosk.chargeTurn().toMillis();
        long callLimitMs = kiosk.callLimit().toMillis();

        for (int i = 0; i < n; i++) {
            long arrival = arrivals[i];
            // every draw is made for every person, in this order, whatever they want
            boolean wantsCharge = rng.nextDouble() < kiosk.chargeShare();
            boolean wantsCall = rng.nextDouble() < kiosk.callShare();
            boolean wantsWifi = rng.nextDouble() < kiosk.wifiShare();
            Model model = MODELS[rng.nextInt(MODELS.length)];
            double level = 0.05 + 0.85 * rng.nextDouble();
            int trickle = 15 + rng.nextInt(31);
            boolean early = rng.nextDouble() < EARLY_SHARE;
            double earlyMin = 10 + 25 * rng.nextDouble();
            double lateGauss = rng.nextGaussian();
            double patienceMin = 5 + 35 * rng.nextDouble();
            double portPick = rng.nextDouble();
            long pressDelayMs = 3_000 + rng.nextInt(7_000);
            double callDelayMin = 0.5 + 3.5 * rng.nextDouble();
            double callPatienceMin = 10 + 20 * rng.nextDouble();
            double kindDraw = rng.nextDouble();
            int country = rng.nextInt(COUNTRIES.length);
            long digits = rng.nextLong() & Long.MAX_VALUE;
            String notNumber = NOT_NUMBERS.get(rng.nextInt(NOT_NUMBERS.size()));
            String emergency = rng.nextBoolean() ? "112" : "911";
            int maxAttempts = 2 + rng.nextInt(3);
            long[] retryMs = {20_000 + rng.nextInt(40_000), 20_000 + rng.nextInt(40_000), 20_000 + rng.nextInt(40_000),
                    20_000 + rng.nextInt(40_000), 20_000 + rng.nextInt(40_000)};
            double wifiDelayMin = 5 * rng.nextDouble();
            double sessionGauss = rng.nextGaussian();
            double mbPerMin = 0.3 + 2.2 * rng.nextDouble();
            double upShare = 0.08 + 0.12 * rng.nextDouble();
            long macBits = rng.nextLong();

            int port = 0;
            boolean leftUncharged = false;
            if (wantsCharge) {
                long stayMs = early ? Math.round(earlyMin * 60_000)
                        : Math.round(turnMs * Math.max(0.6, Math.min(2.5, 1.1 + 0.2 * lateGauss)));
                long plug = -1;
                List<Integer> free = new ArrayList<>();
                for (int p = 1; p <= ports; p++) {
                    if (startOn(p, arrival, stayMs, portFree, reservedToday) == arrival) {
                        free.add(p);
                    }
                }
                if (!free.isEmpty()) {
                    port = free.get((int) (portPick * free.size()));
                    plug = arrival;
                } else {
                    long best = Long.MAX_VALUE;
                    for (int p = 1; p <= ports; p++) {
                        long s = startOn(p, arrival, stayMs, portFree, reservedToday);
                        if (s < best) {
                            best = s;
                            port = p;
                        }
                    }
                    if (best - arrival <= Math.round(patienceMin * 60_000)) {
                        plug = best;
                    } else {
                        port = 0;
                        leftUncharged = true;
                    }
                }
                if (plug >= 0 && plug + stayMs < dayEnd - 1000) {
                    Phone phone = new Phone(model.name(), model.capacityMah(), model.maxMa(), trickle, level);
                    PortStay stay = new PortStay(port, phone, Instant.ofEpochMilli(plug), Instant.ofEpochMilli(plug + stayMs));
                    stays.get(port).add(stay);
                    portFree[port] = plug + stayMs + CHANGEOVER_MS;
                    actions.add(new PersonAction.PlugIn(stay.from(), port, phone));
                    actions.add(new PersonAction.PressPortButton(stay.from().plusMillis(pressDelayMs), port));
                    actions.add(new PersonAction.Unplug(stay.until(), port));
                } else if (plug >= 0) {
                    port = 0;      // would still be plugged in at midnight: not part of this day
                }
            }

            int attempts = 0;
            boolean connected = false;
            if (wantsCall) {
                PersonAction.PlaceCall.Kind kind = kindDraw < EMERGENCY_SHARE ? PersonAction.PlaceCall.Kind.EMERGENCY
                        : PersonAction.PlaceCall.Kind.PERSONAL;
                String number = kind == PersonAction.PlaceCall.Kind.EMERGENCY ? emergency : personalNumber(country, digits);
                if (kind == PersonAction.PlaceCall.Kind.PERSONAL) {
                    numbers.add(number);
                }
                boolean invalidFirst = kindDraw >= EMERGENCY_SHARE && kindDraw < EMERGENCY_SHARE + INVALID_FIRST_SHARE;
                long ready = arrival + Math.round(callDelayMin * 60_000);
                long t = Math.max(ready, handsetFree);
                if (t - ready <= Math.round(callPatienceMin * 60_000)) {
                    List<PersonAction> tries = new ArrayList<>();
                    List<Map.Entry<String, Dial>> planned = new ArrayList<>();
                    int k = 1;
                    if (invalidFirst) {
                        tries.add(new PersonAction.PlaceCall(Instant.ofEpochMilli(t), notNumber,
                                PersonAction.PlaceCall.Kind.INVALID, k++, CallOutcome.NOT_DIALLED));
                        t += typingMs(notNumber) + 5_000 + retryMs[4];
                    }
                    long busyUntil = t;
                    for (int a = 0; a < maxAttempts; a++) {
                        long dialled = t + typingMs(number);
                        long index = ((dayIndex * 10_000 + i) << 3) + a;
                        CallOutcome outcome = network.plan(number, kind, dialled, index);
                        tries.add(new PersonAction.PlaceCall(Instant.ofEpochMilli(t), number, kind, k++, outcome));
                        planned.add(Map.entry(number, new Dial(dialled, outcome)));
                        busyUntil = dialled + lastsMs(outcome, callLimitMs) + 5_000;
                        attempts++;
                        if (outcome.connects()) {
                            connected = true;
                        }
                        if (outcome instanceof CallOutcome.Answered) {
                            break;
                        }
                        t = busyUntil + retryMs[a];
                    }
                    if (busyUntil < dayEnd) {
                        actions.addAll(tries);
                        planned.forEach(e -> dials.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(e.getValue()));
                        handsetFree = busyUntil + HANDSET_CHANGEOVER_MS;
                    } else {
                        attempts = 0;
                        connected = false;
                    }
                }
            }

            if (wantsWifi) {
                String mac = mac(macBits);
                macs.add(mac);
                long join = arrival + Math.round(wifiDelayMin * 60_000);
                double minutes = Math.max(3, Math.min(120, 25 * Math.exp(0.6 * sessionGauss)));
                long leave = join + Math.round(minutes * 60_000);
                if (leave < dayEnd) {
                    double down = minutes * mbPerMin;
                    WifiSession s = new WifiSession(mac, join, leave, down, down * upShare);
                    wifi.add(s);
                    actions.add(new PersonAction.JoinWifi(Instant.ofEpochMilli(join), mac, Instant.ofEpochMilli(leave),
                            s.mbDown(), s.mbUp()));
                    actions.add(new PersonAction.LeaveWifi(Instant.ofEpochMilli(leave), mac));
                }
            }
            visits.add(new Visit(arrival, wantsCharge, wantsCall, wantsWifi, port, leftUncharged, attempts, connected));
        }

        actions.sort(Comparator.comparing(PersonAction::at));
        PortStay[][] byPort = new PortStay[ports + 1][];
        for (int p = 0; p <= ports; p++) {
            byPort[p] = stays.get(p).stream().sorted(Comparator.comparing(PortStay::from)).toArray(PortStay[]::new);
        }
        dials.values().forEach(l -> l.sort(Comparator.comparingLong(Dial::dialledMs)));
        return new Day(List.copyOf(visits), List.copyOf(actions), byPort, List.copyOf(wifi), Map.copyOf(dials),
                Set.copyOf(numbers), Set.copyOf(macs));
    }

    /**
     * The earliest time from {@code arrival} a phone can go on port {@code p} for {@code stayMs}:
     * after the last phone there, and clear of the port's reservations (empty {@link #RESERVED_LEAD_MS}
     * before one, a changeover after).
     */
    private static long startOn(int p, long arrival, long stayMs, long[] portFree, List<Reserved> reserved) {
        long s = Math.max(arrival, portFree[p]);
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Reserved r : reserved) {
                if (r.port() == p && s < r.untilMs() + CHANGEOVER_MS && s + stayMs > r.fromMs() - RESERVED_LEAD_MS) {
                    s = r.untilMs() + CHANGEOVER_MS;
                    moved = true;
                }
            }
        }
        return s;
    }

    /** How long the handset is in use from dialling until the network or the kiosk ends it. */
    private static long lastsMs(CallOutcome o, long callLimitMs) {
        if (o instanceof CallOutcome.Answered a) {
            return a.ringing().toMillis() + Math.min(a.talk().toMillis(), callLimitMs);
        }
        if (o instanceof CallOutcome.Dropped d) {
            return d.ringing().toMillis() + Math.min(d.after().toMillis(), callLimitMs);
        }
        if (o instanceof CallOutcome.NoAnswer na) {
            return na.ringing().toMillis();
        }
        return o instanceof CallOutcome.Busy ? 3_000 : o instanceof CallOutcome.NoCredit ? 5_000 : 2_000;
    }

    /** Pressing the call button and typing: about 0.7 s a key and a few seconds to start. */
    private static long typingMs(String keys) {
        return 4_000 + 700L * keys.length();
    }

    private static String personalNumber(int country, long digits) {
        int length = NATIONAL_DIGITS[country];
        StringBuilder b = new StringBuilder("+").append(COUNTRIES[country]).append(2 + digits % 8);
        long rest = digits / 8;
        for (int d = 1; d < length; d++) {
            b.append(rest % 10);
            rest /= 10;
        }
        return b.toString();
    }

    /** A random MAC with the locally administered bit set and the multicast bit clear, as phones randomise them. */
    private static String mac(long bits) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            int octet = (int) (bits >>> (8 * i)) & 0xff;
            if (i == 0) {
                octet = (octet & 0xfc) | 0x02;
            }
            b.append(i == 0 ? "" : ":").append(String.format("%02x", octet));
        }
        return b.toString();
    }

    /** Relative arrival rate at an hour of the day (0..24): the shape of a day at a kiosk. */
    static double rate(double hour) {
        return 0.02
                + 1.00 * bell(hour, 9.0, 1.5)
                + 0.45 * bell(hour, 12.5, 1.5)
                + 0.90 * bell(hour, 16.5, 1.6);
    }

    private static double bell(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-0.5 * z * z);
    }

    private static long arrivalOffsetMs(double u, double withinMinute) {
        int i = Arrays.binarySearch(CUMULATIVE, u);
        int minute = Math.min(MINUTES - 1, i < 0 ? -i - 1 : i);
        return Math.round((minute + withinMinute) * 60_000);
    }

    private static double[] cumulativeShape() {
        double[] c = new double[MINUTES];
        double sum = 0;
        for (int m = 0; m < MINUTES; m++) {
            sum += rate((m + 0.5) / 60.0);
            c[m] = sum;
        }
        for (int m = 0; m < MINUTES; m++) {
            c[m] /= sum;
        }
        return c;
    }
}
