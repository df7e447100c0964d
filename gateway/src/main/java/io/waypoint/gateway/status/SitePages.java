package io.waypoint.gateway.status;

import io.waypoint.gateway.service.ServiceAvailability;
import io.waypoint.gateway.service.ServiceAvailability.Service;
import io.waypoint.gateway.service.ServiceAvailability.Verdict;
import io.waypoint.gateway.service.ServiceAvailability.Why;
import io.waypoint.gateway.status.SitePage.NodeLine;
import io.waypoint.gateway.status.SitePage.OpenAlert;
import io.waypoint.gateway.status.SitePage.ServiceLine;
import io.waypoint.gateway.status.SitePage.State;
import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Body;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Severity;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a {@link SitePage} from what the gateway keeps: its nodes' liveness, the site's telemetry
 * of the chart's window, and its alert history. Pure: no store, no clock (now is given).
 *
 * <p>A service is judged on each node's newest summary, and only while it is recent: the node is
 * online and the summary arrived within three of its intervals (as the alert engine judges a node
 * stale), so a dead kiosk never shows its last "8 ports free" as if it were now.
 */
final class SitePages {
    /** The chart's length. */
    static final Duration DAY = Duration.ofDays(1);
    /** Summaries older than this many intervals (gateway clock) no longer say what is available now. */
    static final int FRESH_INTERVALS = 3;

    private SitePages() {}

    /** The chart's window: [from, to], what to read the telemetry of. */
    record Window(Instant from, Instant to) {}

    /** The sites the gateway knows (any node of theirs sent anything), by name. */
    static List<String> sites(List<NodeState> nodes) {
        return List.copyOf(new TreeSet<>(nodes.stream().map(NodeState::site).toList()));
    }

    /**
     * The day up to the site's newest reading (the newest filing time of its nodes' messages), or up to
     * {@code now} if it has none or it is after now: a well cut off for a week still shows its last
     * day rather than an empty chart, and the page says until when.
     */
    static Window window(String site, List<NodeState> nodes, Instant now) {
        Instant newest = nodes.stream().filter(n -> n.site().equals(site)).map(NodeState::lastMessageTs)
                .filter(t -> t != null).max(Comparator.naturalOrder()).orElse(now);
        Instant to = newest.isAfter(now) ? now : newest;
        return new Window(to.minus(DAY), to);
    }

    /** A summary as read, with when it arrived. */
    private record Summary(String node, Instant filedAt, Instant received, Body body, int intervalS) {}

    /**
     * @param nodes     the gateway's nodes (any site: those of {@code site} are taken)
     * @param telemetry the site's telemetry filed in {@code window}, in any order
     * @param history   the site's alert transitions, oldest first
     */
    static SitePage build(String site, Instant now, List<NodeState> nodes, Window window, List<StoredMessage> telemetry,
                          List<AlertRecord> history) {
        MessageValidator validator = new MessageValidator();
        Map<String, List<Chart.Point>> turbidity = new TreeMap<>();
        Map<String, List<Chart.Point>> flow = new TreeMap<>();
        Map<String, StoredMessage> newestRow = new HashMap<>();
        Duration gap = Duration.ZERO;
        for (StoredMessage m : telemetry) {
            if (!m.site().equals(site) || !m.kind().equals(NodeTopic.Kind.TELEMETRY.segment())) {
                continue;
            }
            newestRow.merge(m.node(), m, (a, b) -> b.filedAt().isAfter(a.filedAt()) ? b : a);
            // only a well's rows make the charts: a kiosk's day is not parsed, only its newest row (below), which
            // halves the work of a page of a site with a kiosk (the parser still decides what a row is)
            if (!m.body().contains("\"turbidity_ntu\"") && !m.body().contains("\"flow_lpm\"")) {
                continue;
            }
            Validation.Valid ok = read(validator, site, m);
            if (ok != null && ok.body() instanceof WellTelemetry w) {
                gap = max(gap, Duration.ofSeconds(2L * w.intervalS()));
                if (ServiceAvailability.measured(w)) {
                    turbidity.computeIfAbsent(m.node(), x -> new ArrayList<>()).add(new Chart.Point(m.filedAt(), w.turbidityNtu().avg()));
                }
                if (w.flowLpm() != null && w.flowLpm().n() > 0) {
                    flow.computeIfAbsent(m.node(), x -> new ArrayList<>()).add(new Chart.Point(m.filedAt(), w.flowLpm().avg()));
                }
            }
        }
        Map<String, Summary> newest = new HashMap<>();
        newestRow.forEach((node, m) -> {
            Validation.Valid ok = read(validator, site, m);
            if (ok != null) {
                int interval = ok.body() instanceof WellTelemetry w ? w.intervalS()
                        : ok.body() instanceof KioskTelemetry k ? k.intervalS() : 60;
                newest.put(node, new Summary(node, m.filedAt(), m.received(), ok.body(), interval));
            }
        });
        Map<String, NodeState> siteNodes = new TreeMap<>();
        nodes.stream().filter(n -> n.site().equals(site)).forEach(n -> siteNodes.put(n.node(), n));
        List<NodeLine> nodeLines = siteNodes.values().stream()
                .map(n -> new NodeLine(n.node(), n.online(), n.boot(), n.lastSeen(), nonNegative(Duration.between(n.lastSeen(), now))))
                .toList();
        gap = gap.isZero() ? Duration.ofMinutes(2) : gap;
        Chart turbidityChart = Chart.of("NTU", window.from(), window.to(), turbidity, 6, List.of(1.0, ServiceAvailability.UNSAFE_NTU),
                gap, Chart.Reduce.MAX);
        Chart flowChart = Chart.of("L/min", window.from(), window.to(), flow, 1, List.of(), gap, Chart.Reduce.MEAN);
        return new SitePage(site, now, services(newest, siteNodes, now), openAlerts(site, history, now), nodeLines, turbidityChart,
                flowChart);
    }

    /** A stored row read exactly as the gateway read it on arrival (one parser of the wire contract); null if it no longer reads. */
    private static Validation.Valid read(MessageValidator validator, String site, StoredMessage m) {
        Validation v = validator.validate(NodeTopic.of(site, m.node(), NodeTopic.Kind.TELEMETRY).name(),
                m.body().getBytes(StandardCharsets.UTF_8), m.received());
        return v instanceof Validation.Valid ok ? ok : null;
    }

    private static List<ServiceLine> services(Map<String, Summary> newest, Map<String, NodeState> nodes, Instant now) {
        // service -> per node (by name) its newest verdict, and whether that summary is recent
        Map<Service, List<Judged>> judged = new EnumMap<>(Service.class);
        for (Summary s : new TreeMap<>(newest).values()) {
            NodeState n = nodes.get(s.node());
            boolean fresh = n != null && n.online()
                    && Duration.between(s.received(), now).compareTo(Duration.ofSeconds((long) FRESH_INTERVALS * s.intervalS())) <= 0;
            if (s.body() instanceof WellTelemetry w) {
                add(judged, Service.WATER, new Judged(s, ServiceAvailability.water(w), fresh));
            } else if (s.body() instanceof KioskTelemetry k) {
                ServiceAvailability.charging(k).ifPresent(v -> add(judged, Service.CHARGING, new Judged(s, v, fresh)));
                ServiceAvailability.calls(k).ifPresent(v -> add(judged, Service.CALLS, new Judged(s, v, fresh)));
                ServiceAvailability.wifi(k).ifPresent(v -> add(judged, Service.WIFI, new Judged(s, v, fresh)));
            }
        }
        List<ServiceLine> lines = new ArrayList<>();
        for (Map.Entry<Service, List<Judged>> e : judged.entrySet()) {
            Service service = e.getKey();
            List<Judged> fresh = e.getValue().stream().filter(Judged::fresh).toList();
            List<Judged> working = fresh.stream().filter(j -> j.verdict().works()).toList();
            Instant asOf = e.getValue().stream().map(j -> j.summary().filedAt()).max(Comparator.naturalOrder()).orElseThrow();
            if (!working.isEmpty()) {
                Integer free = null;
                Integer total = null;
                Double ntu = null;
                if (service == Service.CHARGING) {
                    free = working.stream().mapToInt(j -> charging(j).portsTotal() - charging(j).portsBusy()).sum();
                    total = working.stream().mapToInt(j -> charging(j).portsTotal()).sum();
                }
                if (service == Service.WATER) {
                    // the worst of the safe wells: a page saying "safe" names the highest turbidity it is safe at (an
                    // unsafe well of the same site shows as its alert)
                    ntu = working.stream().map(j -> ((WellTelemetry) j.summary().body()).turbidityNtu())
                            .filter(t -> t != null && t.n() > 0).mapToDouble(WellTelemetry.Summary::avg).max().orElse(Double.NaN);
                }
                lines.add(new ServiceLine(service, State.UP, Why.WORKS, null, free, total, ntu, latest(working)));
            } else if (!fresh.isEmpty()) {
                Verdict v = fresh.get(0).verdict();
                lines.add(new ServiceLine(service, State.DOWN, v.why(), v.detail(), null, null, null, latest(fresh)));
            } else {
                lines.add(new ServiceLine(service, State.NO_DATA, Why.WORKS, null, null, null, null, asOf));
            }
        }
        return lines;
    }

    private record Judged(Summary summary, Verdict verdict, boolean fresh) {}

    private static void add(Map<Service, List<Judged>> judged, Service s, Judged j) {
        judged.computeIfAbsent(s, x -> new ArrayList<>()).add(j);
    }

    private static KioskTelemetry.Charging charging(Judged j) {
        return ((KioskTelemetry) j.summary().body()).charging();
    }

    private static Instant latest(List<Judged> js) {
        return js.stream().map(j -> j.summary().filedAt()).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The alerts open at the end of the history: each key's last transition, unless it resolved. */
    private static List<OpenAlert> openAlerts(String site, List<AlertRecord> history, Instant now) {
        Map<String, Alert> last = new LinkedHashMap<>();
        Map<String, Instant> raised = new HashMap<>();
        for (AlertRecord r : history) {
            if (!r.site().equals(site)) {
                continue;
            }
            Optional<Alert> a = decode(r);
            if (a.isEmpty()) {
                continue;
            }
            Alert alert = a.get();
            if (alert.state() == AlertState.RESOLVED) {
                last.remove(r.key());
                raised.remove(r.key());
                continue;
            }
            if (alert.state() == AlertState.RAISED || !raised.containsKey(r.key())) {
                raised.put(r.key(), alert.at());
            }
            last.put(r.key(), alert);
        }
        return last.values().stream()
                .map(a -> new OpenAlert(a.key(), a.node(), a.severity().wire(), a.state().wire(), a.message(), a.by(),
                        raised.get(a.key()), nonNegative(Duration.between(raised.get(a.key()), now))))
                .sorted(Comparator.comparing((OpenAlert o) -> -rank(o.severity())).thenComparing(OpenAlert::raised))
                .toList();
    }

    private static int rank(String severity) {
        for (Severity s : Severity.values()) {
            if (s.wire().equals(severity)) {
                return s.ordinal();
            }
        }
        return -1;
    }

    private static Optional<Alert> decode(AlertRecord r) {
        try {
            return Optional.of(WireCodec.decodeAlert(r.json().getBytes(StandardCharsets.UTF_8)));
        } catch (WireFormatException e) {
            return Optional.empty(); // a row of a newer version's: the next transition of its key sets things right
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
