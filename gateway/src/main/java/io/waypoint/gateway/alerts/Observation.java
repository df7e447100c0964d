package io.waypoint.gateway.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One telemetry message of one node, flattened for the alert rules.
 *
 * <p>Metric names are the dotted paths of the node's telemetry body below {@code metrics}, plus
 * top-level body keys such as {@code interval_s}: {@code turbidity_ntu.avg}, {@code litres},
 * {@code charging.ports_busy}, {@code power.battery_v}. Numbers go to {@code numbers}, text to
 * {@code labels} ({@code sensor} → {@code ok} or {@code fault:<reason>}, {@code power.shedding} →
 * {@code none|charging|all}).
 *
 * @param site     the site id, from the topic
 * @param node     the node id, from the topic
 * @param ts       event time, from the message's {@code ts}: every rule is evaluated on it
 * @param received when the gateway received the message, on the gateway's clock: liveness and
 *                 staleness are measured on it
 * @param numbers  numeric metrics by dotted name; every value finite
 * @param labels   text metrics by dotted name
 */
public record Observation(String site, String node, Instant ts, Instant received,
                          Map<String, Double> numbers, Map<String, String> labels) {
    /** Envelope keys of a node message: never metrics. */
    private static final Set<String> ENVELOPE = Set.of("v", "site", "node", "boot", "seq", "ts", "clock");

    /**
     * @throws NullPointerException     when any argument, key or value is null
     * @throws IllegalArgumentException when a number is NaN or infinite
     */
    public Observation {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(received, "received");
        numbers = Map.copyOf(numbers);
        labels = Map.copyOf(labels);
        numbers.forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("metric " + k + " must be a finite number, was " + v);
            }
        });
    }

    /**
     * Flattens a decoded telemetry body (a JSON object as nested maps, e.g. a json-simple
     * {@code JsonObject}): everything under {@code metrics} by its dotted path without the
     * {@code metrics.} prefix, other top-level keys ({@code interval_s}) by their name, the envelope
     * ({@code v site node boot seq ts clock}) left out. Numbers become numbers (non-finite ones are
     * dropped), strings and booleans labels, arrays are ignored.
     */
    public static Observation fromTelemetry(String site, String node, Instant ts, Instant received, Map<String, ?> body) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        body.forEach((k, v) -> {
            if (k.equals("metrics") && v instanceof Map<?, ?> m) {
                flatten("", m, numbers, labels);
            } else if (!ENVELOPE.contains(k)) {
                put(k, v, numbers, labels);
            }
        });
        return new Observation(site, node, ts, received, numbers, labels);
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Double> numbers, Map<String, String> labels) {
        map.forEach((k, v) -> put(prefix + k, v, numbers, labels));
    }

    private static void put(String name, Object v, Map<String, Double> numbers, Map<String, String> labels) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                numbers.put(name, d);
            }
        } else if (v instanceof String || v instanceof Boolean) {
            labels.put(name, v.toString());
        } else if (v instanceof Map<?, ?> m) {
            flatten(name + ".", m, numbers, labels);
        }
    }
}
