package io.waypoint.drivers.opennds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, tolerant JSON reader for what {@code ndsctl json} prints: objects become
 * {@code Map<String, Object>} (in order; a repeated key keeps its last value), arrays
 * {@code List<Object>}, and every scalar a {@code String}: openNDS quotes all its values, and older
 * versions (and nodogsplash) print some numbers bare, so a bare token is kept as its text.
 *
 * <p>Tolerated: text before the first {@code {} or {@code [} (a warning line), text after the value,
 * missing or extra commas, raw control characters in strings, unknown escapes. Not tolerated, as
 * {@link Malformed}: no value at all, a string or container that never ends, nesting deeper than
 * {@link #MAX_DEPTH}. Pure; never echoes the input in an error, since it holds phones' addresses.
 */
final class JsonReader {
    static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    /** The input could not be read as JSON; the message says where and why, never what was there. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private JsonReader(String text) {
        this.text = text;
    }

    /** The first JSON object or array in {@code text}. */
    static Object read(String text) throws Malformed {
        JsonReader reader = new JsonReader(text);
        int start = firstContainer(text);
        if (start < 0) {
            throw new Malformed("no JSON object in " + text.length() + " characters of output");
        }
        reader.pos = start;
        return reader.value(0);
    }

    private static int firstContainer(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    private Object value(int depth) throws Malformed {
        skipSpace();
        if (pos >= text.length()) {
            throw new Malformed("output ends where a value should be (character " + pos + ")");
        }
        char c = text.charAt(pos);
        if (c == '{' || c == '[') {
            if (depth >= MAX_DEPTH) {
                throw new Malformed("nested deeper than " + MAX_DEPTH + " at character " + pos);
            }
            return c == '{' ? object(depth + 1) : array(depth + 1);
        }
        if (c == '"') {
            return string();
        }
        return bareToken();
    }

    private Map<String, Object> object(int depth) throws Malformed {
        pos++; // '{'
        Map<String, Object> members = new LinkedHashMap<>();
        while (true) {
            skipSeparators();
            if (pos >= text.length()) {
                throw new Malformed("an object is not closed by the end of the output");
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return Collections.unmodifiableMap(members);
            }
            String key = c == '"' ? string() : bareToken();
            if (key.isEmpty()) {
                throw new Malformed("an object member without a name at character " + pos);
            }
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ':') {
                pos++;
            } else {
                throw new Malformed("an object member without ':' at character " + pos);
            }
            members.put(key, value(depth));
        }
    }

    private List<Object> array(int depth) throws Malformed {
        pos++; // '['
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (pos >= text.length()) {
                throw new Malformed("an array is not closed by the end of the output");
            }
            if (text.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            }
            int before = pos;
            items.add(value(depth));
            if (pos == before) {
                throw new Malformed("an unexpected character in an array at character " + pos);
            }
        }
    }

    private String string() throws Malformed {
        int start = pos;
        pos++; // '"'
        StringBuilder s = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                case 'r' -> s.append('\r');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> s.append(unicodeEscape());
                default -> s.append(e);
            }
        }
        throw new Malformed("a string from character " + start + " is not closed by the end of the output");
    }

    private char unicodeEscape() {
        if (pos + 4 <= text.length()) {
            try {
                char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                pos += 4;
                return c;
            } catch (NumberFormatException e) {
                // not four hex digits: keep the 'u' as it was
            }
        }
        return 'u';
    }

    /** A bare number, literal or word, up to the next structural character or space. */
    private String bareToken() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ',' || c == ':' || c == '}' || c == ']' || c == '{' || c == '[' || c == '"'
                    || Character.isWhitespace(c)) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipSeparators() {
        while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
            pos++;
        }
    }
}
