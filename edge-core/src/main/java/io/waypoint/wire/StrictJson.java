package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's fast path for reading a payload: an RFC 8259 JSON object, read straight from its
 * UTF-8 bytes into json-simple's own types ({@link JsonObject}, {@link JsonArray}, {@link BigDecimal},
 * {@link String}, {@link Boolean}, null), exactly what {@code Jsoner.deserialize} builds from it.
 *
 * <p>Why: {@code Jsoner.deserialize} allocates a 32 kB lexer buffer for every call and copies the
 * payload into a String first; profiled under the ingest load, it was a quarter of the gateway's
 * ingest thread. This reads a telemetry message with a few small allocations.
 *
 * <p>It handles only plain, well-formed JSON whose top level is one object, and answers null for
 * anything else (a syntax error, a raw control character in a string, a top level that is not an
 * object, something after the object): the caller then asks json-simple, which decides and words the
 * reason exactly as before. So this can only ever agree with json-simple or pass the question on.
 *
 * <p>It also answers null for what {@link JsonPayload#prescan} refuses (bytes that are not UTF-8,
 * nesting deeper than {@link JsonPayload#MAX_DEPTH}, a number longer than
 * {@link JsonPayload#MAX_NUMBER_CHARS}), checked on the way: in well-formed JSON a byte above ASCII can
 * only be in a string, and a run of number characters is one number. So the pre-scan, a second pass over
 * every byte, is needed only for what this refuses.
 */
final class StrictJson {
    private final byte[] b;
    private final KeyTable keys;
    private int i;
    private int depth;

    private StrictJson(byte[] b, KeyTable keys) {
        this.b = b;
        this.keys = keys;
    }

    /**
     * The object, or null when the bytes are anything but one plain, well-formed JSON object. Its keys
     * are this thread's {@link KeyTable}'s.
     */
    static JsonObject parseObject(byte[] bytes) {
        StrictJson p = new StrictJson(bytes, KeyTable.ofThisThread());
        try {
            p.skipSpace();
            if (p.i >= bytes.length || bytes[p.i] != '{') {
                return null;
            }
            JsonObject o = p.object();
            if (o == null) {
                return null;
            }
            p.skipSpace();
            return p.i == bytes.length ? o : null;
        } catch (RuntimeException e) {
            // an index past the end (truncated input), a number BigDecimal refuses: json-simple words it
            return null;
        }
    }

    private void skipSpace() {
        while (i < b.length) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            i++;
        }
    }

    /** At '{'. */
    private JsonObject object() {
        if (++depth > JsonPayload.MAX_DEPTH) {
            return null;
        }
        i++;
        JsonObject o = new JsonObject();
        skipSpace();
        if (b[i] == '}') {
            i++;
            depth--;
            return o;
        }
        while (true) {
            if (b[i] != '"') {
                return null;
            }
            String key = key();
            if (key == null) {
                return null;
            }
            skipSpace();
            if (b[i] != ':') {
                return null;
            }
            i++;
            skipSpace();
            Object v = value();
            if (v == FAILED) {
                return null;
            }
            o.put(key, v);
            skipSpace();
            byte c = b[i++];
            if (c == '}') {
                depth--;
                return o;
            }
            if (c != ',') {
                return null;
            }
            skipSpace();
        }
    }

    /** At '['. */
    private JsonArray array() {
        if (++depth > JsonPayload.MAX_DEPTH) {
            return null;
        }
        i++;
        JsonArray a = new JsonArray();
        skipSpace();
        if (b[i] == ']') {
            i++;
            depth--;
            return a;
        }
        while (true) {
            Object v = value();
            if (v == FAILED) {
                return null;
            }
            a.add(v);
            skipSpace();
            byte c = b[i++];
            if (c == ']') {
                depth--;
                return a;
            }
            if (c != ',') {
                return null;
            }
            skipSpace();
        }
    }

    /** Marks a value that could not be read (null is JSON's null). */
    private static final Object FAILED = new Object();

    private Object value() {
        byte c = b[i];
        switch (c) {
            case '{': {
                JsonObject o = object();
                return o == null ? FAILED : o;
            }
            case '[': {
                JsonArray a = array();
                return a == null ? FAILED : a;
            }
            case '"': {
                String s = string();
                return s == null ? FAILED : s;
            }
            case 't':
                return literal("true") ? Boolean.TRUE : FAILED;
            case 'f':
                return literal("false") ? Boolean.FALSE : FAILED;
            case 'n':
                return literal("null") ? null : FAILED;
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number() : FAILED;
        }
    }

    private boolean literal(String word) {
        int n = word.length();
        if (i + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, as BigDecimal; FAILED otherwise. */
    private Object number() {
        int start = i;
        if (b[i] == '-') {
            i++;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            digits();
        } else {
            return FAILED;
        }
        if (i < b.length && b[i] == '.') {
            i++;
            if (digits() == 0) {
                return FAILED;
            }
        }
        if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < b.length && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (digits() == 0) {
                return FAILED;
            }
        }
        if (i - start > JsonPayload.MAX_NUMBER_CHARS) {
            return FAILED;
        }
        char[] chars = new char[i - start];
        for (int k = 0; k < chars.length; k++) {
            chars[k] = (char) b[start + k];
        }
        return new BigDecimal(chars);
    }

    private int digits() {
        int start = i;
        while (i < b.length && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - start;
    }

    /** At '"' before a key: {@link #string()}, the table's instance for a plain ASCII key. */
    private String key() {
        int start = i + 1;
        int hash = 0;
        for (int k = start; k < b.length; k++) {
            byte c = b[k];
            if (c == '"') {
                i = k + 1;
                return keys.key(b, start, k, hash);
            }
            if (c == '\\' || c < 0x20) { // an escape, a control character, a byte of a multi-byte character
                break;
            }
            hash = 31 * hash + c;
        }
        return string();
    }

    /** At '"': the string, or null for a raw control character, a bad escape or no closing quote. */
    private String string() {
        int start = ++i;
        boolean ascii = true;
        while (true) {
            byte c = b[i];
            if (c == '"') {
                String s = ascii ? new String(b, start, i - start, StandardCharsets.ISO_8859_1)
                        : new String(b, start, i - start, StandardCharsets.UTF_8);
                i++;
                return s;
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c < 0) {
                int length = JsonPayload.sequenceLength(b, i);
                if (length == 0) {
                    return null;
                }
                ascii = false;
                i += length;
                continue;
            }
            i++;
        }
    }

    /** The rest of a string with escapes, from {@code start}; {@code i} is at the first backslash. */
    private String escaped(int start) {
        StringBuilder s = new StringBuilder(i - start + 16);
        s.append(new String(b, start, i - start, StandardCharsets.UTF_8));
        while (true) {
            byte c = b[i];
            if (c == '"') {
                i++;
                return s.toString();
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c != '\\') {
                int run = i;
                while (b[i] != '"' && b[i] != '\\' && (b[i] < 0 || b[i] >= 0x20)) {
                    if (b[i] < 0) {
                        int length = JsonPayload.sequenceLength(b, i);
                        if (length == 0) {
                            return null;
                        }
                        i += length;
                    } else {
                        i++;
                    }
                }
                s.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                continue;
            }
            byte e = b[i + 1];
            i += 2;
            switch (e) {
                case '"' -> s.append('"');
                case '\\' -> s.append('\\');
                case '/' -> s.append('/');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int h = Character.digit(b[i + k], 16);
                        if (h < 0) {
                            return null;
                        }
                        v = v << 4 | h;
                    }
                    i += 4;
                    s.append((char) v);
                }
                default -> {
                    return null;
                }
            }
        }
    }
}
