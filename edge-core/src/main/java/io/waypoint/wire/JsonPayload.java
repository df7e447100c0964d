package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import java.nio.charset.StandardCharsets;

/**
 * Turns an MQTT payload into a JSON object, refusing what must not reach the parser: more than
 * 64 KiB, bytes that are not UTF-8, nesting deeper than {@value #MAX_DEPTH} levels (anything that
 * walks the tree recursively, including {@code JsonObject.toString}, would overflow the stack on
 * the 10,000-deep arrays an attacker can send), and numbers longer than {@value #MAX_NUMBER_CHARS}
 * characters (a 60,000-digit number costs {@code BigDecimal} real time). One pass over the bytes
 * checks all three before json-simple sees them.
 */
final class JsonPayload {
    static final int MAX_BYTES = 65_536;
    static final int MAX_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 64;

    private JsonPayload() {
    }

    /** The payload's object, or null after adding to {@code in} why there is none. Never throws. */
    static JsonObject parseObject(byte[] payload, Inspection in) {
        if (payload == null || payload.length == 0) {
            in.add("payload is empty: expected a JSON object");
            return null;
        }
        if (payload.length > MAX_BYTES) {
            in.add("payload is " + payload.length + " bytes: expected at most " + MAX_BYTES);
            return null;
        }
        // the fast parser refuses all that the pre-scan does: the pre-scan only words its refusals
        JsonObject fast = StrictJson.parseObject(payload);
        if (fast != null) {
            return fast;
        }
        String refusal = prescan(payload);
        if (refusal != null) {
            in.add(refusal);
            return null;
        }
        Object parsed;
        try {
            parsed = Jsoner.deserialize(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonException e) {
            in.add("payload is not valid JSON: " + problem(e) + " at position " + e.getPosition());
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            // json-simple throws NumberFormatException for exponents such as 1e999999999999
            in.add("payload is not valid JSON: " + e.getClass().getSimpleName());
            return null;
        }
        if (parsed instanceof JsonObject o) {
            return o;
        }
        in.add("payload is " + kind(parsed) + ": expected a JSON object");
        return null;
    }

    private static String problem(JsonException e) {
        if (e.getProblemType() == null) {
            return "unreadable";
        }
        switch (e.getProblemType()) {
            case UNEXPECTED_CHARACTER:
                return "unexpected character";
            case UNEXPECTED_TOKEN:
                return "unexpected token";
            case DISALLOWED_TOKEN:
                return "disallowed token";
            default:
                return "unreadable";
        }
    }

    private static String kind(Object parsed) {
        if (parsed == null) {
            return "null";
        }
        if (parsed instanceof String) {
            return "a JSON string";
        }
        if (parsed instanceof Boolean) {
            return "a JSON boolean";
        }
        if (parsed instanceof Number) {
            return "a JSON number";
        }
        return "a JSON array";
    }

    /**
     * Null when the bytes are UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
     * U+10FFFF), nest at most {@link #MAX_DEPTH} levels and hold no over-long number; else the reason.
     */
    static String prescan(byte[] b) {
        int n = b.length;
        int depth = 0;
        int numberRun = 0;
        boolean inString = false;
        boolean escaped = false;
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (c == '\\') {
                        escaped = true;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                    numberRun = 0;
                } else if (c == '{' || c == '[') {
                    numberRun = 0;
                    if (++depth > MAX_DEPTH) {
                        return "payload nests objects or arrays more than " + MAX_DEPTH + " levels deep";
                    }
                } else if (c == '}' || c == ']') {
                    numberRun = 0;
                    depth--;
                } else if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                    if (++numberRun > MAX_NUMBER_CHARS) {
                        return "payload holds a number longer than " + MAX_NUMBER_CHARS + " characters";
                    }
                } else {
                    numberRun = 0;
                }
                i++;
                continue;
            }
            int length = sequenceLength(b, i);
            if (length == 0) {
                return "payload is not valid UTF-8 (byte " + i + ")";
            }
            escaped = false;
            numberRun = 0;
            i += length;
        }
        return null;
    }

    /** The length of the valid multi-byte UTF-8 sequence at {@code i}, or 0. */
    static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) {
                secondMin = 0xA0; // overlong
            } else if (c == 0xED) {
                secondMax = 0x9F; // surrogates
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) {
                secondMin = 0x90; // overlong
            } else if (c == 0xF4) {
                secondMax = 0x8F; // above U+10FFFF
            }
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }
}
