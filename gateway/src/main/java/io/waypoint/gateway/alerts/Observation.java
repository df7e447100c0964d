package io.waypoint.gateway.alerts;

import io.waypoint.wire.FlatMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

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
 * @param metrics  numeric metrics ({@link #numbers()}, every value finite) and text metrics ({@link #labels()})
 *                 by dotted name
 */
public record Observation(String site, String node, Instant ts, Instant received, FlatMetrics metrics) {
    /**
     * @throws NullPointerException     when any argument is null
     * @throws IllegalArgumentException when a number is NaN or infinite
     */
    public Observation {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(received, "received");
        metrics.numbers().forEach((k, v) -> {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("metric " + k + " must be a finite number, was " + v);
            }
        });
    }

    /**
     * With copies of {@code numbers} and {@code labels}.
     *
     * @throws NullPointerException when any argument, key or value is null
     */
    public Observation(String site, String node, Instant ts, Instant received, Map<String, Double> numbers,
                       Map<String, String> labels) {
        this(site, node, ts, received, new FlatMetrics(numbers, labels));
    }

    /**
     * The observation of one validated telemetry message, flattened by the wire contract's {@link FlatMetrics}
     * (held as it is: its maps are unmodifiable, and copying them for every message was a twentieth of the
     * gateway's ingest thread).
     */
    public static Observation of(String site, String node, Instant ts, Instant received, FlatMetrics metrics) {
        return new Observation(site, node, ts, received, metrics);
    }

    /** Numeric metrics by dotted name; every value finite. */
    public Map<String, Double> numbers() {
        return metrics.numbers();
    }

    /** Text metrics by dotted name. */
    public Map<String, String> labels() {
        return metrics.labels();
    }
}
