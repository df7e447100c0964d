package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * A node message's body flattened for the alert engine: every numeric leaf under {@code metrics}
 * keyed by its dotted path relative to {@code metrics} ({@code turbidity_ntu.avg},
 * {@code charging.ports_busy}, {@code power.battery_v}), every numeric top-level body key under
 * its own name ({@code litres}, {@code total_litres}, {@code interval_s}, {@code outbox_dropped};
 * an event's {@code seconds}), and string and boolean leaves as labels ({@code sensor} → {@code ok},
 * {@code power.shedding} → {@code none}, {@code online} → {@code true}).
 *
 * <p>Envelope keys are left out, as are array elements and non-finite numbers. Objects outside
 * {@code metrics} flatten under their own key ({@code extra.part}).
 */
public final class FlatMetrics {
    private final Map<String, Double> numbers;
    private final Map<String, String> labels;

    /** Copies of {@code numbers} and {@code labels} (no null key or value). */
    public FlatMetrics(Map<String, Double> numbers, Map<String, String> labels) {
        this(Map.copyOf(numbers), Map.copyOf(labels), true);
    }

    private FlatMetrics(Map<String, Double> numbers, Map<String, String> labels, boolean alreadyUnmodifiable) {
        this.numbers = numbers;
        this.labels = labels;
    }

    /**
     * Views of maps that no one else holds and no one changes: the walk's own, for every message the
     * gateway reads, where copying them was a twentieth of its ingest thread.
     */
    static FlatMetrics owning(Map<String, Double> numbers, Map<String, String> labels) {
        return new FlatMetrics(Collections.unmodifiableMap(numbers), Collections.unmodifiableMap(labels), true);
    }

    /** Every numeric leaf by its flat path; unmodifiable. */
    public Map<String, Double> numbers() {
        return numbers;
    }

    /** Every string or boolean leaf by its flat path; unmodifiable. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The numbers and labels of {@code body}, which may be a whole message (its envelope keys are skipped). */
    public static FlatMetrics of(JsonObject body) {
        return BodyWalk.walk(body, null);
    }

    /** The number at {@code path}, or NaN when there is none. */
    public double number(String path) {
        Double v = numbers.get(path);
        return v == null ? Double.NaN : v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlatMetrics f && numbers.equals(f.numbers) && labels.equals(f.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(numbers, labels);
    }

    @Override
    public String toString() {
        return "FlatMetrics[numbers=" + numbers + ", labels=" + labels + "]";
    }
}
