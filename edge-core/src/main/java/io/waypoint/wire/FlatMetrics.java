package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.util.Map;

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
public record FlatMetrics(Map<String, Double> numbers, Map<String, String> labels) {

    public FlatMetrics {
        numbers = Map.copyOf(numbers);
        labels = Map.copyOf(labels);
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
}
