package io.waypoint.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Map;

/**
 * Writes compact JSON in the order the contract lists its keys, with numbers as the wire budget
 * wants them: at most 3 decimals, no trailing zeros, integers without ".0", and an exponent only for
 * a number too long to write out ({@code 1E+300}).
 *
 * <p>Hand-written rather than json-simple's {@code Jsoner.serialize}: json-simple's
 * {@code JsonObject} is a {@code HashMap} (keys come out in hash order), it writes doubles as
 * {@code 40.0} and {@code 1.0E20}, and it is slower: measured on the kiosk telemetry of the tests
 * (JDK 17, x86-64, 2 cores, after warm-up), filling ordered maps and {@code Jsoner.serialize} took
 * about 5.2 µs a message, this writer about 1.25 µs. The output is plain RFC 8259 JSON that
 * json-simple parses.
 */
final class JsonWriter {
    private static final int MAX_DEPTH = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    /** Whether the next member or element is the first of its object or array. */
    private boolean first = true;

    JsonWriter() {
        this.out = new StringBuilder(320);
    }

    JsonWriter begin() {
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter end() {
        out.append('}');
        first = false;
        return this;
    }

    /** Starts the member {@code key}; the caller writes its value next. */
    JsonWriter key(String key) {
        if (!first) {
            out.append(',');
        }
        first = false;
        appendString(out, key);
        out.append(':');
        return this;
    }

    JsonWriter field(String key, long value) {
        key(key);
        out.append(value);
        return this;
    }

    JsonWriter field(String key, double value) {
        key(key);
        appendNumber(out, value);
        return this;
    }

    JsonWriter field(String key, boolean value) {
        key(key);
        out.append(value);
        return this;
    }

    JsonWriter field(String key, String value) {
        key(key);
        appendString(out, value);
        return this;
    }

    /** A member whose value is a plain Java value: see {@link #appendValue}. */
    JsonWriter value(String key, Object value) {
        key(key);
        appendValue(value, 0);
        return this;
    }

    /** Every member of {@code members}, in its iteration order. */
    JsonWriter members(Map<String, ?> members) {
        for (Map.Entry<String, ?> e : members.entrySet()) {
            value(e.getKey(), e.getValue());
        }
        return this;
    }

    String text() {
        return out.toString();
    }

    /**
     * Writes null, a String, a Boolean, a Number, a Map with String keys or a Collection of these.
     *
     * @throws IllegalArgumentException for other types, non-finite numbers or nesting deeper than 64
     */
    private void appendValue(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            appendString(out, s);
        } else if (v instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.append(((Number) v).longValue());
        } else if (v instanceof BigInteger b && b.bitLength() < 64) {
            out.append(b.longValue());
        } else if (v instanceof BigDecimal d && JsonValues.isIntegral(d) && JsonValues.fitsLong(d)) {
            out.append(d.longValue());
        } else if (v instanceof Number n) {
            appendNumber(out, n.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("a JSON object key must be a String, was " + e.getKey());
                }
                key(k);
                appendValue(e.getValue(), depth + 1);
            }
            end();
        } else if (v instanceof Collection<?> c) {
            out.append('[');
            first = true;
            for (Object element : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                appendValue(element, depth + 1);
            }
            out.append(']');
            first = false;
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getSimpleName() + " as JSON");
        }
    }

    /** {@code x} as the wire writes numbers: e.g. 12.5, 0.001, 45678.9, 3, -0.25. */
    static String number(double x) {
        StringBuilder sb = new StringBuilder(16);
        appendNumber(sb, x);
        return sb.toString();
    }

    static void appendNumber(StringBuilder out, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("cannot write " + x + " as a JSON number");
        }
        if (Math.abs(x) >= 1e12) {
            // beyond any reading or counter of ours; exact decimal arithmetic rather than scaled longs
            BigDecimal d = BigDecimal.valueOf(x).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
            String plain = d.toPlainString();
            // the gateway refuses a number longer than this unread (1e300 written out is 301 digits)
            out.append(plain.length() <= JsonPayload.MAX_NUMBER_CHARS ? plain : d.toString());
            return;
        }
        long scaled = Math.round(x * 1000);
        if (scaled == 0) {
            out.append('0'); // also -0.0 and anything that rounds to it
            return;
        }
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / 1000);
        int fraction = (int) (scaled % 1000);
        if (fraction != 0) {
            int tenths = fraction / 100;
            int hundredths = fraction / 10 % 10;
            int thousandths = fraction % 10;
            out.append('.').append((char) ('0' + tenths));
            if (hundredths != 0 || thousandths != 0) {
                out.append((char) ('0' + hundredths));
            }
            if (thousandths != 0) {
                out.append((char) ('0' + thousandths));
            }
        }
    }

    static void appendString(StringBuilder out, String s) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c) && !pairedAt(s, i)) {
                        // UTF-8 cannot carry half a pair (it would become '?'); the escape carries it as it was read
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Whether the surrogate at {@code i} is half of a well-formed pair. */
    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
