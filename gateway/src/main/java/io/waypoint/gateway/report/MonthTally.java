package io.waypoint.gateway.report;

import io.waypoint.gateway.report.MonthlyReport.Service;
import io.waypoint.gateway.service.ServiceAvailability;
import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes a {@link MonthlyReport} from stored rows, one at a time: pure logic, no store, no clock
 * (the moment the report is made is given). Feed it the site's telemetry filed in the period
 * ({@link #add}) and the site's alert history ({@link #alerts}), then {@link #finish}.
 *
 * <p>How each figure is made:
 * <ul>
 *   <li>A summary counts in the period when its filing time (when the reading was made, see
 *       {@code ClockFiling}) is in it; it covers the {@code interval_s} before that time, cut to the
 *       period (so the one filed just after the month's end covers the month's last minutes, and
 *       counts in the next month).</li>
 *   <li>Counts and volumes are sums of the per-interval counters, which each node resets every
 *       interval, so a reboot (seqs from 1 again under a new boot) neither loses nor repeats them. A
 *       summary is counted once per (node, boot, seq), whatever is fed twice. The well's cumulative
 *       {@code total_litres} is not used: a damaged total file or a new meter restarts it, and a
 *       difference across that would invent or lose water.</li>
 *   <li>Turbidity shares are of the time covered by summaries with readings from a sensor that said
 *       {@code ok}, by each summary's average: under 1 NTU, over 5 NTU.</li>
 *   <li>A service is available while at least one node offering it covers the time with a summary
 *       saying it works. Charging: the kiosk sends a {@code charging} part and sheds neither
 *       {@code charging} nor {@code all}, and so on: {@link ServiceAvailability}, which the status page
 *       shares. Anything else in the period is unavailable; the part no
 *       such summary covers at all is also given as no data.</li>
 *   <li>Alerts: each {@code raised} in the history starts one alert of its key; its
 *       {@code acknowledged} and {@code resolved} are the first after it. Those raised in the period
 *       count, with their times to acknowledge and resolve as far as the history goes. One resolved
 *       unacknowledged, or still open unacknowledged, was never acknowledged.</li>
 * </ul>
 */
final class MonthTally {
    private final String site;
    private final YearMonth month;
    private final ZoneId zone;
    private final Instant from;
    private final Instant to;
    /** How long after the period a summary may be filed and still cover some of it: the longest interval reported in full. */
    static final Duration LOOKAHEAD = Duration.ofHours(1);

    private final MessageValidator validator = new MessageValidator();
    private final Set<String> seen = new HashSet<>();
    private final Map<Service, TimeUnion> offered = new EnumMap<>(Service.class);
    private final Map<Service, TimeUnion> working = new EnumMap<>(Service.class);
    private long summaries;
    private long unreadable;
    private long callsPlaced;
    private long callsAnswered;
    private long callSeconds;
    private long wifiSessions;
    private double mbDown;
    private double mbUp;
    private long phonesCharged;
    private double chargingWh;
    private double litres;
    private long measuredMs;
    private long under1Ms;
    private long over5Ms;
    private MonthlyReport.Alerts alerts = new MonthlyReport.Alerts(0, 0, 0, 0, 0, List.of(), List.of());

    /**
     * @param asOf when the report is made: a month still running ends there
     * @throws IllegalArgumentException when the month has not begun at {@code asOf}
     */
    MonthTally(String site, YearMonth month, ZoneId zone, Instant asOf) {
        this.site = site;
        this.month = month;
        this.zone = zone;
        this.from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        if (!asOf.isAfter(from)) {
            throw new IllegalArgumentException("month " + month + " has not begun yet in " + zone.getId() + " (it is " + asOf
                    + "): ask for this month or an earlier one");
        }
        this.to = asOf.isBefore(end) ? asOf : end;
    }

    /** The period's first instant: what to ask the store from. */
    Instant from() {
        return from;
    }

    /**
     * Until when to read the store, exclusive: the period's end plus {@link #LOOKAHEAD}, because a summary
     * filed just after the period covers its last minutes.
     */
    Instant readUntil() {
        return to.plus(LOOKAHEAD);
    }

    /**
     * One stored message. This site's telemetry filed in the period counts; one filed up to
     * {@link #LOOKAHEAD} after it only covers time (its counts are the next month's); anything else is ignored.
     */
    void add(StoredMessage m) {
        if (!m.site().equals(site) || !m.kind().equals(NodeTopic.Kind.TELEMETRY.segment())
                || m.filedAt().isBefore(from) || !m.filedAt().isBefore(readUntil())) {
            return;
        }
        if (!seen.add(m.node() + '\n' + m.boot() + '\n' + m.seq())) {
            return;
        }
        boolean counts = m.filedAt().isBefore(to);
        // read exactly as the gateway read it on arrival: one parser of the wire contract
        Validation v = validator.validate(NodeTopic.of(site, m.node(), NodeTopic.Kind.TELEMETRY).name(),
                m.body().getBytes(StandardCharsets.UTF_8), m.received());
        if (!(v instanceof Validation.Valid ok)) {
            if (counts) {
                unreadable++;
            }
            return;
        }
        if (counts) {
            summaries++;
        }
        long end = m.filedAt().toEpochMilli();
        if (ok.body() instanceof WellTelemetry w) {
            well(w, end - w.intervalS() * 1000L, end, counts);
        } else if (ok.body() instanceof KioskTelemetry k) {
            kiosk(k, end - k.intervalS() * 1000L, end, counts);
        }
    }

    private void well(WellTelemetry w, long start, long end, boolean counts) {
        if (counts) {
            litres += w.litres();
        }
        WellTelemetry.Summary t = w.turbidityNtu();
        boolean measured = ServiceAvailability.measured(w);
        long covered = clippedMs(start, end);
        if (measured) {
            measuredMs += covered;
            if (t.avg() < 1.0) {
                under1Ms += covered;
            } else if (t.avg() > 5.0) {
                over5Ms += covered;
            }
        }
        serves(Service.WATER, start, end, ServiceAvailability.water(w).works());
    }

    private void kiosk(KioskTelemetry k, long start, long end, boolean counts) {
        if (k.charging() != null && counts) {
            phonesCharged += k.charging().sessions();
            chargingWh += k.charging().wh();
        }
        if (k.charging() != null) {
            serves(Service.CHARGING, start, end, ServiceAvailability.charging(k).orElseThrow().works());
        }
        if (k.calls() != null) {
            KioskTelemetry.Calls c = k.calls();
            if (counts) {
                callsPlaced += c.placed();
                callsAnswered += c.answered();
                callSeconds += c.seconds();
            }
            serves(Service.CALLS, start, end, ServiceAvailability.calls(k).orElseThrow().works());
        }
        if (k.wifi() != null) {
            if (counts) {
                wifiSessions += k.wifi().sessions();
                mbDown += k.wifi().mbDown();
                mbUp += k.wifi().mbUp();
            }
            serves(Service.WIFI, start, end, ServiceAvailability.wifi(k).orElseThrow().works());
        }
    }

    private void serves(Service s, long start, long end, boolean works) {
        offered.computeIfAbsent(s, x -> new TimeUnion()).add(Math.max(start, from.toEpochMilli()), Math.min(end, to.toEpochMilli()));
        TimeUnion w = working.computeIfAbsent(s, x -> new TimeUnion());
        if (works) {
            w.add(Math.max(start, from.toEpochMilli()), Math.min(end, to.toEpochMilli()));
        }
    }

    private long clippedMs(long start, long end) {
        return Math.max(0, Math.min(end, to.toEpochMilli()) - Math.max(start, from.toEpochMilli()));
    }

    /** The site's alert history, oldest first (as the store gives it); replaces any given before. */
    void alerts(List<AlertRecord> history) {
        Map<String, Instant[]> open = new HashMap<>(); // key -> {raised, acknowledged}
        List<Instant[]> inPeriod = new ArrayList<>(); // {raised, acknowledged, resolved}
        for (AlertRecord r : history) {
            if (!r.site().equals(site)) {
                continue;
            }
            AlertState state = stateOf(r);
            if (state == AlertState.RAISED) {
                Instant[] row = {r.at(), null, null};
                open.put(r.key(), row);
                if (!r.at().isBefore(from) && r.at().isBefore(to)) {
                    inPeriod.add(row);
                }
            } else if (state == AlertState.ACKNOWLEDGED && open.containsKey(r.key()) && open.get(r.key())[1] == null) {
                open.get(r.key())[1] = r.at();
            } else if (state == AlertState.RESOLVED && open.containsKey(r.key())) {
                open.remove(r.key())[2] = r.at();
            }
        }
        int acked = 0;
        int resolved = 0;
        int openAtEnd = 0;
        List<Duration> toAck = new ArrayList<>();
        List<Duration> toResolve = new ArrayList<>();
        for (Instant[] row : inPeriod) {
            if (row[1] != null) {
                acked++;
                toAck.add(Duration.between(row[0], row[1]));
            }
            if (row[2] != null) {
                resolved++;
                toResolve.add(Duration.between(row[0], row[2]));
            }
            if (row[2] == null || !row[2].isBefore(to)) {
                openAtEnd++;
            }
        }
        alerts = new MonthlyReport.Alerts(inPeriod.size(), acked, inPeriod.size() - acked, resolved, openAtEnd, toAck, toResolve);
    }

    /** The state of a history row: its column, or its JSON's if the column is not one of ours. */
    private static AlertState stateOf(AlertRecord r) {
        for (AlertState s : AlertState.values()) {
            if (s.wire().equals(r.state())) {
                return s;
            }
        }
        try {
            Alert a = WireCodec.decodeAlert(r.json().getBytes(StandardCharsets.UTF_8));
            return a.state();
        } catch (WireFormatException e) {
            return null;
        }
    }

    MonthlyReport finish() {
        Map<Service, MonthlyReport.Availability> availability = new EnumMap<>(Service.class);
        long period = to.toEpochMilli() - from.toEpochMilli();
        for (Map.Entry<Service, TimeUnion> e : offered.entrySet()) {
            long covered = e.getValue().total();
            long works = working.get(e.getKey()).total();
            availability.put(e.getKey(), new MonthlyReport.Availability(Duration.ofMillis(period - works),
                    Duration.ofMillis(period - covered)));
        }
        return new MonthlyReport(site, month, zone, from, to,
                new MonthlyReport.Usage(callsPlaced, callsAnswered, callSeconds, wifiSessions, mbDown, mbUp, phonesCharged, chargingWh),
                new MonthlyReport.Water(litres, Duration.ofMillis(measuredMs), Duration.ofMillis(under1Ms), Duration.ofMillis(over5Ms)),
                availability, alerts, summaries, unreadable);
    }

    /** A union of time spans in epoch milliseconds: overlapping summaries of several nodes count once. */
    private static final class TimeUnion {
        private final List<long[]> spans = new ArrayList<>();

        void add(long start, long end) {
            if (end > start) {
                spans.add(new long[] {start, end});
            }
        }

        long total() {
            spans.sort((a, b) -> Long.compare(a[0], b[0]));
            long sum = 0;
            long curStart = Long.MIN_VALUE;
            long curEnd = Long.MIN_VALUE;
            for (long[] s : spans) {
                if (s[0] > curEnd) {
                    sum += curEnd - curStart;
                    curStart = s[0];
                    curEnd = s[1];
                } else if (s[1] > curEnd) {
                    curEnd = s[1];
                }
            }
            return sum + (curEnd - curStart);
        }
    }
}
