package io.waypoint.gateway.alerts;

import io.waypoint.fuzz.HostileValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes alert rules files as staff would edit a copy of the shipped one: {@code [rule NAME]}
 * sections of every kind with their keys, node globs, service hours and zones, message templates
 * with placeholders; then wrong in places: a key of another kind, a value out of range, a glob of
 * many stars, an unknown placeholder, a zone that does not exist, hours that are no time.
 */
final class RuleFileGenerator {
    private static final List<String> METRICS = List.of("turbidity_ntu.avg", "turbidity_ntu.max", "flow_lpm.max", "power.battery_v",
            "charging.faults", "calls.signal_csq", "cartridge_litres", "interval_s");
    private static final List<String> LABELS = List.of("sensor", "calls.modem", "calls.network", "wifi.uplink", "power.shedding");
    private static final List<String> GLOBS = List.of("well-*", "kiosk-0?", "*", "well-01", "*-*", "?", "*a*a*a*a*a*a*a*a*a*a*a*a*b",
            "*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*x", "**********************************", "a*".repeat(30) + "z", "", "Well-*");
    private static final List<String> TEMPLATES = List.of("Water at {node} ({site}) above {threshold}: {value} for {for}",
            "{percent} of {reference}", "{reason} at {node}", "{label} {metric} {rule}", "{unknown}", "{", "}", "{{node}}", "{node",
            "", "   ", "x".repeat(2000));

    private RuleFileGenerator() {
    }

    /** The rules the gateway ships. */
    static byte[] shipped() {
        try (InputStream in = RuleBook.class.getResourceAsStream(RuleBook.DEFAULT_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] rules(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            s.append(rule(r, i));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String rule(SplittableRandom r, int i) {
        String kind = HostileValues.pick(r, List.of("threshold", "threshold", "rate", "stuck", "missing", "label", "offline", "baseline"));
        StringBuilder s = new StringBuilder("[rule ").append(r.nextInt(20) == 0 ? HostileValues.text(r) : "r" + i).append("]\n");
        line(s, r, "kind", r.nextInt(30) == 0 ? "Threshold" : kind);
        line(s, r, "severity", HostileValues.pick(r, List.of("info", "warning", "critical", "critical", "fatal")));
        String metric = HostileValues.pick(r, METRICS);
        switch (kind) {
            case "threshold" -> {
                line(s, r, "metric", metric);
                boolean above = r.nextBoolean();
                double limit = r.nextDouble(0, 20);
                line(s, r, above ? "above" : "below", number(r, limit));
                if (r.nextBoolean()) {
                    line(s, r, above ? "clear_below" : "clear_above", number(r, above ? limit * 0.8 : limit * 1.2));
                }
                maybe(s, r, "for", duration(r));
                maybe(s, r, "clear_for", duration(r));
                maybe(s, r, "sensor", r.nextBoolean() ? "true" : "false");
                maybe(s, r, "of", "cartridge_rated_litres");
                maybe(s, r, "unknown", "99");
            }
            case "rate" -> {
                line(s, r, "metric", metric);
                line(s, r, r.nextBoolean() ? "rise_per_min" : "fall_per_min", number(r, r.nextDouble(0.1, 5)));
                maybe(s, r, "for", duration(r));
            }
            case "stuck" -> {
                line(s, r, "metric", metric);
                maybe(s, r, "tolerance", number(r, 0.01));
                line(s, r, "for", duration(r));
            }
            case "missing" -> {
                line(s, r, "metric", metric);
                line(s, r, "for", duration(r));
            }
            case "label" -> {
                line(s, r, "label", HostileValues.pick(r, LABELS));
                line(s, r, HostileValues.pick(r, List.of("not", "equals", "prefix")), HostileValues.pick(r, List.of("ok", "fault:",
                        "searching, denied, none", "up", ", ,", "none")));
                maybe(s, r, "for", duration(r));
                if (r.nextInt(3) == 0) {
                    line(s, r, "message." + HostileValues.pick(r, List.of("no_credit", "no_network", "Bad Reason", "")),
                            HostileValues.pick(r, TEMPLATES));
                }
            }
            case "baseline" -> {
                line(s, r, "metric", "flow_lpm.max");
                line(s, r, "below", number(r, 0.7));
                maybe(s, r, "clear_above", number(r, 0.85));
                maybe(s, r, "hours", HostileValues.pick(r, List.of("06:00-20:00", "22:00-06:00", "00:00-24:00", "6:00-7:00", "25:00-26:00",
                        "06:00 - 20:00", "24:00-24:00", "06:60-07:00")));
                maybe(s, r, "zone", HostileValues.pick(r, List.of("UTC", "America/Mexico_City", "+02:00", "Mars/Olympus", "", "GMT+99",
                        "+18:00", "-18:01")));
                maybe(s, r, "recent", HostileValues.pick(r, List.of("3h", "90m", "1h", "24h", "25h")));
                maybe(s, r, "days", HostileValues.pick(r, List.of("7", "0", "31", "1")));
                maybe(s, r, "min_history", duration(r));
                maybe(s, r, "min_samples", HostileValues.pick(r, List.of("10", "1", "0", "100001")));
                maybe(s, r, "only_above", number(r, 1));
            }
            default -> maybe(s, r, "for", duration(r));
        }
        maybe(s, r, "nodes", HostileValues.pick(r, GLOBS) + (r.nextBoolean() ? ", " + HostileValues.pick(r, GLOBS) : ""));
        maybe(s, r, "escalate_after", r.nextInt(4) == 0 ? "never" : duration(r));
        maybe(s, r, "message", HostileValues.pick(r, TEMPLATES));
        if (r.nextInt(10) == 0) {
            line(s, r, HostileValues.pick(r, List.of("metric", "above", "label", "hours", "colour")), HostileValues.anyValue(r));
        }
        return s.append('\n').toString();
    }

    private static void maybe(StringBuilder s, SplittableRandom r, String key, String value) {
        if (r.nextInt(3) == 0) {
            line(s, r, key, value);
        }
    }

    private static void line(StringBuilder s, SplittableRandom r, String key, String value) {
        s.append(key).append(" = ").append(r.nextInt(25) == 0 ? HostileValues.anyValue(r) : value).append('\n');
    }

    private static String number(SplittableRandom r, double usual) {
        return r.nextInt(6) == 0 ? HostileValues.number(r) : Double.toString(Math.round(usual * 100) / 100.0);
    }

    private static String duration(SplittableRandom r) {
        return HostileValues.pick(r, List.of("0s", "30s", "2m", "10m", "1h", "6h", "1d", "30d", "31d", "-1m", "1e9d", "x"));
    }
}
