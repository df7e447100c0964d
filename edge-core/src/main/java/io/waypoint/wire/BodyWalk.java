package io.waypoint.wire;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One walk over every value of a message. It collects the {@link FlatMetrics} and, when given an
 * {@link Inspection}, reports on the way what holds anywhere in the tree: non-finite numbers, and
 * keys or string values that may identify a person. Privacy reasons name the key only, never the
 * value; a key that itself looks like a phone number is not named at all.
 */
final class BodyWalk {
    /** Deeper than the payload pre-scan allows, so it only guards objects built in code. */
    private static final int MAX_DEPTH = 64;

    private final Inspection in;
    private final KeyTable keys = KeyTable.ofThisThread();
    private final Map<String, Double> numbers = new HashMap<>(32);
    private final Map<String, String> labels = new HashMap<>(8);

    private BodyWalk(Inspection in) {
        this.in = in;
    }

    /** Walks {@code root}; reports to {@code in} unless it is null. */
    static FlatMetrics walk(Map<String, Object> root, Inspection in) {
        BodyWalk w = new BodyWalk(in);
        for (Map.Entry<String, Object> e : root.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (Envelope.KEYS.contains(key)) {
                if (in != null && value instanceof BigDecimal d && !Double.isFinite(d.doubleValue())) {
                    in.add(Inspection.nonFiniteReason(key, d));
                }
                continue;
            }
            if ("metrics".equals(key) && value instanceof Map<?, ?> metrics) {
                w.object(asMembers(metrics), "metrics", "", 1);
            } else {
                w.member(null, key, value, "", 0);
            }
        }
        return FlatMetrics.owning(w.numbers, w.labels);
    }

    /**
     * @param parent     the reason path of the containing object, null at the top
     * @param flatParent the flat path prefix: "" for none, null when leaves here are not collected
     */
    private void member(String parent, String key, Object value, String flatParent, int depth) {
        if (in != null) {
            switch (keys.verdict(key)) {
                case SHAPED_LIKE_IDENTIFIER -> {
                    in.add("a key " + (parent == null ? "at the top level" : "in '" + parent + "'")
                            + " looks like a phone number, MAC or IP address and may identify a person");
                    return;
                }
                case NAMED_IDENTIFYING -> {
                    in.add("key '" + Inspection.path(parent, key) + "' may identify a person");
                    return;
                }
                case FINE -> { }
            }
        }
        String flat = flatParent == null ? null : flatParent.isEmpty() ? key : keys.join(flatParent, key);
        value(parent, key, value, flat, depth);
    }

    private void value(String parent, String key, Object value, String flat, int depth) {
        if (value instanceof BigDecimal d) {
            double x = d.doubleValue();
            if (Double.isFinite(x)) {
                if (flat != null) {
                    numbers.put(flat, x);
                }
            } else if (in != null) {
                in.add(Inspection.nonFiniteReason(Inspection.path(parent, key), d));
            }
        } else if (value instanceof String s) {
            if (flat != null) {
                labels.put(flat, s);
            }
            if (in != null && PrivacyGuard.identifyingValue(s)) {
                in.add("the value of '" + Inspection.path(parent, key)
                        + "' looks like a phone number, MAC or IP address and may identify a person");
            }
        } else if (value instanceof Boolean b) {
            if (flat != null) {
                labels.put(flat, b ? "true" : "false");
            }
        } else if (value instanceof Map<?, ?> m) {
            if (depth < MAX_DEPTH) {
                object(asMembers(m), path(parent, key), flat, depth + 1);
            }
        } else if (value instanceof List<?> list) {
            if (depth < MAX_DEPTH && (in != null)) {
                for (int i = 0; i < list.size(); i++) {
                    value(parent, key + '[' + i + ']', list.get(i), null, depth + 1);
                }
            }
        }
    }

    /** {@link Inspection#path}, the same instance each time for a key shown as it is. */
    private String path(String parent, String key) {
        String shown = Inspection.path(null, key); // the key itself when it is shown as it is
        return parent == null || shown != key ? Inspection.path(parent, key) : keys.join(parent, key);
    }

    private void object(Map<String, Object> o, String path, String flat, int depth) {
        for (Map.Entry<String, Object> e : o.entrySet()) {
            member(path, e.getKey(), e.getValue(), flat, depth);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMembers(Map<?, ?> m) {
        return (Map<String, Object>) m; // json-simple objects have String keys
    }
}
