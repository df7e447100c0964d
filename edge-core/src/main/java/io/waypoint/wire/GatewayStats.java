package io.waypoint.wire;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gateway's counters, retained on {@code wp/v1/_gateway/{id}/stats} every 10 s:
 * {@code {"ts":"...","accepted":N,"rejected":N,"duplicates":N,"stored":N,"gaps":N,"alerts_active":N,...}}.
 *
 * @param ts       when the counters were read
 * @param counters counter name ({@code [a-z][a-z0-9_]{0,39}}, not "ts") to a value >= 0, in the order
 *                 given. Decoded stats list the {@link #KNOWN} counters first, then the rest by name,
 *                 because a JSON object has no order.
 */
public record GatewayStats(Instant ts, Map<String, Long> counters) {
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATES = "duplicates";
    public static final String STORED = "stored";
    public static final String GAPS = "gaps";
    public static final String ALERTS_ACTIVE = "alerts_active";
    /** The counters every gateway publishes, in their usual order. */
    public static final List<String> KNOWN = List.of(ACCEPTED, REJECTED, DUPLICATES, STORED, GAPS, ALERTS_ACTIVE);

    /** @throws IllegalArgumentException for a malformed counter name or a null or negative value */
    public GatewayStats {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(counters, "counters");
        Map<String, Long> copy = new LinkedHashMap<>(counters.size() * 2);
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            if (!Ids.isName(e.getKey()) || "ts".equals(e.getKey())) {
                throw Ids.invalid("counter name", e.getKey(), Ids.NAME_SHAPE + ", not 'ts'");
            }
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("counter " + e.getKey() + " must be >= 0, was " + e.getValue());
            }
            copy.put(e.getKey(), e.getValue());
        }
        counters = Collections.unmodifiableMap(copy);
    }

    /** {@code counters} in the decoded order: the known ones first, then the others by name. */
    static Map<String, Long> inUsualOrder(Map<String, Long> counters) {
        Map<String, Long> ordered = new LinkedHashMap<>(counters.size() * 2);
        for (String k : KNOWN) {
            Long v = counters.get(k);
            if (v != null) {
                ordered.put(k, v);
            }
        }
        List<String> rest = new ArrayList<>(counters.keySet());
        rest.removeAll(KNOWN);
        Collections.sort(rest);
        for (String k : rest) {
            ordered.put(k, counters.get(k));
        }
        return ordered;
    }
}
