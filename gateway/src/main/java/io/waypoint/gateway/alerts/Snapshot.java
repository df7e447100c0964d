package io.waypoint.gateway.alerts;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.alerts.State.Cause;
import io.waypoint.gateway.alerts.State.NodeId;
import io.waypoint.gateway.alerts.State.Open;
import io.waypoint.gateway.alerts.State.Track;
import io.waypoint.gateway.alerts.State.TrackId;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's {@link State} as JSON (json-simple) and back. Times are ISO-8601 strings, numbers are
 * written with {@link Double#toString} so they read back to the same double. Arrays keep the
 * engine's iteration order. Format version {@value #VERSION}; a baseline rule's {@code history} and
 * {@code reference} are optional keys of a track, so a snapshot written before they existed still
 * reads.
 */
final class Snapshot {
    static final int VERSION = 1;

    private Snapshot() {
    }

    static String write(State state) {
        JsonArray nodes = new JsonArray();
        state.nodes.forEach((id, n) -> {
            JsonObject j = new JsonObject();
            j.put("site", id.site());
            j.put("node", id.node());
            put(j, "last_ts", n.lastTs);
            put(j, "last_received", n.lastReceived);
            j.put("interval_ms", n.interval.toMillis());
            put(j, "offline_since", n.offlineSince);
            if (n.offlineCause != null) {
                j.put("offline_cause", n.offlineCause.name().toLowerCase(java.util.Locale.ROOT));
            }
            j.put("seen", new JsonArray(n.seen));
            nodes.add(j);
        });
        JsonArray tracks = new JsonArray();
        state.tracks.forEach((id, t) -> {
            JsonObject j = new JsonObject();
            j.put("site", id.site());
            j.put("rule", id.rule());
            j.put("node", id.node());
            j.put("breached", t.breached);
            put(j, "flipped_at", t.flippedAt);
            put(j, "prev_value", t.prevValue);
            put(j, "prev_ts", t.prevTs);
            put(j, "run_start", t.runStart);
            put(j, "run_min", t.runMin);
            put(j, "run_max", t.runMax);
            put(j, "reference", t.reference);
            if (t.history != null) {
                j.put("history", history(t.history));
            }
            tracks.add(j);
        });
        JsonArray alerts = new JsonArray();
        state.open.forEach((id, o) -> {
            Alert a = o.current();
            JsonObject j = new JsonObject();
            j.put("key", a.key());
            j.put("site", a.site());
            j.put("node", a.node());
            j.put("rule", a.rule());
            j.put("severity", a.severity().wire());
            j.put("state", a.state().wire());
            put(j, "since", a.since());
            put(j, "at", a.at());
            put(j, "value", a.value());
            j.put("message", a.message());
            if (a.by() != null) {
                j.put("by", a.by());
            }
            put(j, "raised_received", o.raisedReceived());
            alerts.add(j);
        });
        JsonObject root = new JsonObject();
        root.put("v", VERSION);
        root.put("nodes", nodes);
        root.put("tracks", tracks);
        root.put("alerts", alerts);
        StringBuilder out = new StringBuilder(4096);
        json(root, out);
        return out.toString();
    }

    /**
     * The tree as JSON: numbers by their {@code toString} as json-simple writes them, strings escaped
     * as RFC 8259 asks. Not {@code Jsoner.serialize}: the snapshot is written with every alert
     * transition, before the alert can go out, and json-simple's serializer (a writer per member,
     * a lookup per character) was a third of the ingest thread's time in an alert burst, at 120 kB
     * of state for 110 nodes.
     */
    private static void json(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Double) {
            out.append(v);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) e.getKey(), out);
                out.append(':');
                json(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object x : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                json(x, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("an alert snapshot holds no " + v.getClass().getSimpleName());
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                // a surrogate escaped keeps half a pair (UTF-8 would make it '?'), and a whole pair reads back whole
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static State read(String json) {
        Object parsed;
        try {
            parsed = Jsoner.deserialize(json);
        } catch (JsonException e) {
            throw new IllegalArgumentException("alert snapshot is not JSON: " + e.getMessage(), e);
        }
        try {
            JsonObject root = (JsonObject) parsed;
            Object v = root.get("v");
            if (!(v instanceof BigDecimal b) || b.intValue() != VERSION) {
                throw new IllegalArgumentException("alert snapshot version must be " + VERSION + ", was " + v);
            }
            State state = new State();
            for (Object o : (JsonArray) root.get("nodes")) {
                JsonObject j = (JsonObject) o;
                State.Node n = new State.Node();
                n.lastTs = instant(j, "last_ts");
                n.lastReceived = instant(j, "last_received");
                n.interval = Duration.ofMillis(((BigDecimal) j.get("interval_ms")).longValueExact());
                n.offlineSince = instant(j, "offline_since");
                String cause = (String) j.get("offline_cause");
                n.offlineCause = cause == null ? null : Cause.valueOf(cause.toUpperCase(java.util.Locale.ROOT));
                if ((n.offlineSince == null) != (n.offlineCause == null)) {
                    throw new IllegalArgumentException("offline_since and offline_cause go together");
                }
                for (Object s : (JsonArray) j.get("seen")) {
                    n.seen.add((String) s);
                }
                state.nodes.put(new NodeId(string(j, "site"), string(j, "node")), n);
            }
            for (Object o : (JsonArray) root.get("tracks")) {
                JsonObject j = (JsonObject) o;
                Track t = new Track();
                t.breached = (Boolean) j.get("breached");
                t.flippedAt = instant(j, "flipped_at");
                t.prevValue = number(j, "prev_value");
                t.prevTs = instant(j, "prev_ts");
                t.runStart = instant(j, "run_start");
                t.runMin = number(j, "run_min");
                t.runMax = number(j, "run_max");
                t.reference = number(j, "reference");
                Object history = j.get("history");
                t.history = history == null ? null : history((JsonObject) history);
                state.tracks.put(new TrackId(string(j, "site"), string(j, "rule"), string(j, "node")), t);
            }
            for (Object o : (JsonArray) root.get("alerts")) {
                JsonObject j = (JsonObject) o;
                Alert a = new Alert(string(j, "key"), string(j, "site"), string(j, "node"), string(j, "rule"),
                        Severity.fromWire(string(j, "severity")), AlertState.fromWire(string(j, "state")),
                        instant(j, "since"), instant(j, "at"), number(j, "value"), string(j, "message"),
                        (String) j.get("by"));
                TrackId id = new TrackId(a.site(), a.rule(), a.node());
                if (!id.key().equals(a.key()) || a.state() == AlertState.RESOLVED) {
                    throw new IllegalArgumentException("alert " + a.key() + " is not an open alert of rule " + a.rule()
                            + " on node " + a.node());
                }
                state.open.put(id, new Open(a, requireInstant(j, "raised_received")));
            }
            return state;
        } catch (ClassCastException | NullPointerException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("alert snapshot is malformed: " + e, e);
        }
    }

    /** {"since": ts, "hours": [[hour since the epoch, sum, count], ...]} */
    private static JsonObject history(HourlyHistory h) {
        JsonArray hours = new JsonArray();
        h.hours().forEach((hour, v) -> {
            JsonArray row = new JsonArray();
            row.add(hour);
            row.add(v[0]);
            row.add((long) v[1]);
            hours.add(row);
        });
        JsonObject j = new JsonObject();
        put(j, "since", h.since());
        j.put("hours", hours);
        return j;
    }

    private static HourlyHistory history(JsonObject j) {
        Map<Long, double[]> hours = new TreeMap<>();
        for (Object o : (JsonArray) j.get("hours")) {
            JsonArray row = (JsonArray) o;
            long count = ((BigDecimal) row.get(2)).longValueExact();
            if (count < 1) {
                throw new IllegalArgumentException("an hour of a baseline history holds at least one reading, was " + count);
            }
            hours.put(((BigDecimal) row.get(0)).longValueExact(),
                    new double[] {((BigDecimal) row.get(1)).doubleValue(), count});
        }
        Instant since = requireInstant(j, "since");
        return HourlyHistory.of(since, hours);
    }

    private static void put(Map<String, Object> j, String key, Instant t) {
        if (t != null) {
            j.put(key, t.toString());
        }
    }

    private static void put(Map<String, Object> j, String key, Double d) {
        if (d != null) {
            j.put(key, d);
        }
    }

    private static String string(JsonObject j, String key) {
        Object v = j.get(key);
        if (v == null) {
            throw new IllegalArgumentException("alert snapshot lacks " + key);
        }
        return (String) v;
    }

    private static Instant instant(JsonObject j, String key) {
        Object v = j.get(key);
        return v == null ? null : Instant.parse((String) v);
    }

    private static Instant requireInstant(JsonObject j, String key) {
        return Instant.parse(string(j, key));
    }

    private static Double number(JsonObject j, String key) {
        Object v = j.get(key);
        return v == null ? null : ((BigDecimal) v).doubleValue();
    }
}
