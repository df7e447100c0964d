package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test inputs on event time: observations of a site's nodes, a fixed start time, and shorthands. */
final class Feed {
    static final String SITE = "la-gloria";
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    private Feed() {
    }

    /** T0 plus minutes. */
    static Instant min(double minutes) {
        return T0.plusMillis(Math.round(minutes * 60_000));
    }

    static RuleBook rules(String text) {
        return RuleBook.parse("test-rules.conf", text);
    }

    /** A well node's telemetry at event time {@code ts}, received at once, sensor ok. */
    static Observation well(String node, Instant ts, double turbidity) {
        return obs(node, ts, Map.of("turbidity_ntu.avg", turbidity, "interval_s", 60.0), Map.of("sensor", "ok"));
    }

    static Observation obs(String node, Instant ts, Map<String, Double> numbers, Map<String, String> labels) {
        return new Observation(SITE, node, ts, ts, numbers, labels);
    }

    /** The same observation received by the gateway at another time. */
    static Observation receivedAt(Observation o, Instant received) {
        return new Observation(o.site(), o.node(), o.ts(), received, o.numbers(), o.labels());
    }

    static Map<String, Double> numbers(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    /** Feeds observations in order and collects every transition. */
    static List<Alert> feed(AlertEngine engine, List<Observation> observations) {
        List<Alert> out = new ArrayList<>();
        for (Observation o : observations) {
            out.addAll(engine.observe(o));
        }
        return out;
    }

    /** A well's turbidity readings, one a minute from {@code start}, cycling through {@code values}. */
    static List<Observation> everyMinute(String node, Instant start, int count, double... values) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(well(node, start.plus(Duration.ofMinutes(i)), values[i % values.length]));
        }
        return out;
    }

    static long count(List<Alert> alerts, String rule, AlertState state) {
        return alerts.stream().filter(a -> a.rule().equals(rule) && a.state() == state).count();
    }

    static List<Alert> of(List<Alert> alerts, String rule) {
        return alerts.stream().filter(a -> a.rule().equals(rule)).toList();
    }
}
