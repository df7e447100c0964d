package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reasons found while reading one message, and typed readers that add a reason instead of
 * throwing. Every reason is one sentence naming the key path, the value and the expectation:
 * {@code metrics.turbidity_ntu.min = -3: expected 0 to 4000 NTU}.
 *
 * <p>Key paths are built only when a reason is written, so a clean message allocates none.
 * Readers return {@link #BAD} (longs), NaN (doubles) or null when the value is missing or wrong.
 */
final class Inspection {
    /** What an integer reader returns when there is no usable value. */
    static final long BAD = Long.MIN_VALUE;
    private static final int SHOWN_CHARS = 40;

    /**
     * True when a separate walk over the whole payload reports non-finite numbers
     * (the validator); the typed readers then stay silent about them to avoid saying it twice.
     */
    private final boolean walkReportsNonFinite;
    private final List<String> reasons = new ArrayList<>(4);

    Inspection(boolean walkReportsNonFinite) {
        this.walkReportsNonFinite = walkReportsNonFinite;
    }

    void add(String reason) {
        reasons.add(reason);
    }

    boolean clean() {
        return reasons.isEmpty();
    }

    List<String> reasons() {
        return List.copyOf(reasons);
    }

    /**
     * A key path as reasons show it. A key is anyone's input, as a value is: at most 40 characters
     * of it, control characters as '?', so a reason stays one short line in a log and in the reject
     * the gateway publishes (a 25 kB key of control characters made both unreadable).
     */
    static String path(String parent, String key) {
        String shown = shownKey(key);
        return parent == null ? shown : parent + '.' + shown;
    }

    private static String shownKey(String key) {
        if (key.length() <= SHOWN_CHARS && !hasControl(key)) {
            return key; // every key of the contract: no copy
        }
        StringBuilder sb = new StringBuilder(SHOWN_CHARS + 1);
        for (int i = 0; i < Math.min(key.length(), SHOWN_CHARS); i++) {
            char c = key.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        if (key.length() > SHOWN_CHARS) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** A required integer in {@code [min, max]}; integral decimals such as {@code 60.0} count. */
    long integer(Map<String, Object> o, String parent, String key, long min, long max, String expectation) {
        Object x = o.get(key);
        if (x == null) {
            missing(o, parent, key, expectation);
            return BAD;
        }
        return integerValue(x, parent, key, min, max, expectation);
    }

    /** An optional integer in {@code [min, max]}: {@code absent} when missing or null. */
    long optionalInteger(Map<String, Object> o, String parent, String key, long min, long max, String expectation,
                         long absent) {
        Object x = o.get(key);
        return x == null ? absent : integerValue(x, parent, key, min, max, expectation);
    }

    private long integerValue(Object x, String parent, String key, long min, long max, String expectation) {
        if (!(x instanceof BigDecimal d)) {
            wrong(parent, key, x, expectation);
            return BAD;
        }
        double v = d.doubleValue();
        if (!Double.isFinite(v)) {
            nonFinite(parent, key, d);
            return BAD;
        }
        if (v < min || v > max || !JsonValues.isIntegral(d) || !JsonValues.fitsLong(d)) {
            wrong(parent, key, x, expectation);
            return BAD;
        }
        return d.longValue();
    }

    /** A required finite number in {@code [min, max]}; NaN when missing or wrong. */
    double number(Map<String, Object> o, String parent, String key, double min, double max, String expectation) {
        Object x = o.get(key);
        if (x == null) {
            missing(o, parent, key, expectation);
            return Double.NaN;
        }
        return numberValue(x, parent, key, min, max, expectation);
    }

    /** An optional number; {@code absent} (which may be NaN) when missing or null. */
    double optionalNumber(Map<String, Object> o, String parent, String key, double min, double max,
                          String expectation, double absent) {
        Object x = o.get(key);
        return x == null ? absent : numberValue(x, parent, key, min, max, expectation);
    }

    private double numberValue(Object x, String parent, String key, double min, double max, String expectation) {
        if (!(x instanceof BigDecimal d)) {
            wrong(parent, key, x, expectation);
            return Double.NaN;
        }
        double v = d.doubleValue();
        if (!Double.isFinite(v)) {
            nonFinite(parent, key, d);
            return Double.NaN;
        }
        if (v < min || v > max) {
            wrong(parent, key, x, expectation);
            return Double.NaN;
        }
        return v;
    }

    /** A required non-blank string of at most {@code maxLength} characters without control characters. */
    String text(Map<String, Object> o, String parent, String key, int maxLength, String expectation) {
        Object x = o.get(key);
        if (x == null) {
            missing(o, parent, key, expectation);
            return null;
        }
        return textValue(x, parent, key, maxLength, expectation);
    }

    /** An optional string as {@link #text}; null when missing or null. */
    String optionalText(Map<String, Object> o, String parent, String key, int maxLength, String expectation) {
        Object x = o.get(key);
        return x == null ? null : textValue(x, parent, key, maxLength, expectation);
    }

    /** An element of an array read as {@link #text}: {@code path} names it, e.g. {@code reasons[3]}. */
    String textElement(Object x, String path, int maxLength, String expectation) {
        return textValue(x, null, path, maxLength, expectation);
    }

    private String textValue(Object x, String parent, String key, int maxLength, String expectation) {
        if (!(x instanceof String s) || s.isBlank() || s.length() > maxLength || hasControl(s)) {
            wrong(parent, key, x, expectation);
            return null;
        }
        return s;
    }

    /** A required string equal to one of {@code allowed}; returns the canonical instance from {@code allowed}. */
    String choice(Map<String, Object> o, String parent, String key, List<String> allowed, String expectation) {
        Object x = o.get(key);
        if (x == null) {
            missing(o, parent, key, expectation);
            return null;
        }
        if (x instanceof String s) {
            for (String a : allowed) {
                if (a.equals(s)) {
                    return a;
                }
            }
        }
        wrong(parent, key, x, expectation);
        return null;
    }

    /** A required boolean, or null. */
    Boolean bool(Map<String, Object> o, String parent, String key, String expectation) {
        Object x = o.get(key);
        if (x instanceof Boolean b) {
            return b;
        }
        if (x == null) {
            missing(o, parent, key, expectation);
        } else {
            wrong(parent, key, x, expectation);
        }
        return null;
    }

    /** A required ISO-8601 instant, or null. */
    Instant time(Map<String, Object> o, String parent, String key) {
        String expectation = "expected an ISO-8601 time such as 2026-11-27T12:40:00.123Z";
        Object x = o.get(key);
        if (x == null) {
            missing(o, parent, key, expectation);
            return null;
        }
        Optional<Instant> t = x instanceof String s ? WireTime.parse(s) : Optional.empty();
        if (t.isEmpty()) {
            wrong(parent, key, x, expectation);
            return null;
        }
        return t.get();
    }

    /** The object at {@code key}; null when absent, JSON null, or (with a reason) not an object. */
    JsonObject object(Map<String, Object> o, String parent, String key) {
        Object x = o.get(key);
        if (x == null || x instanceof JsonObject) {
            return (JsonObject) x;
        }
        wrong(parent, key, x, "expected an object");
        return null;
    }

    void missing(Map<String, Object> o, String parent, String key, String expectation) {
        add(path(parent, key) + (o.containsKey(key) ? " is null: " : " is missing: ") + expectation);
    }

    void wrong(String parent, String key, Object value, String expectation) {
        add(path(parent, key) + ' ' + describe(value) + ": " + expectation);
    }

    private void nonFinite(String parent, String key, BigDecimal d) {
        if (!walkReportsNonFinite) {
            add(nonFiniteReason(path(parent, key), d));
        }
    }

    static String nonFiniteReason(String path, BigDecimal d) {
        return path + " = " + show(d) + ": expected a finite number";
    }

    /** How a reason shows a value: {@code = 12.5}, {@code = 'abc'}, {@code = true}, {@code is an object}. */
    static String describe(Object value) {
        if (value == null) {
            return "is null";
        }
        if (value instanceof String s) {
            return "= " + quote(s);
        }
        if (value instanceof BigDecimal d) {
            return "= " + show(d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return "= " + value;
        }
        if (value instanceof Map) {
            return "is an object";
        }
        if (value instanceof List) {
            return "is an array";
        }
        return "is a " + value.getClass().getSimpleName();
    }

    static String show(BigDecimal d) {
        String s = d.toString(); // scientific for huge exponents; never toPlainString (1e99999999)
        return s.length() <= 24 ? s : s.substring(0, 24) + "…";
    }

    /**
     * A string value as reasons quote it: in single quotes, at most 40 characters, control
     * characters shown as '?', and withheld entirely when it may identify a person.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        if (PrivacyGuard.identifyingValue(s)) {
            return "(a value withheld: it may identify a person)";
        }
        boolean cut = s.length() > SHOWN_CHARS;
        StringBuilder sb = new StringBuilder(Math.min(s.length(), SHOWN_CHARS) + 3).append('\'');
        for (int i = 0; i < Math.min(s.length(), SHOWN_CHARS); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        if (cut) {
            sb.append('…');
        }
        return sb.append('\'').toString();
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
