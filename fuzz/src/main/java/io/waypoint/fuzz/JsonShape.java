package io.waypoint.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A JSON document being built by a grammar, written out as text: objects keep their order, numbers
 * and literals are {@link Raw} text so that {@code 1e999}, {@code -0} or {@code NaN} can be written
 * as they are. {@link #spoil} changes one member the way a buggy or hostile sender would: the wrong
 * type, an extreme value, a member missing, one added, one written twice.
 */
public final class JsonShape {
    /** JSON text written as it is: a number, {@code true}, {@code null}, or something that is not JSON. */
    public record Raw(String text) {
    }

    public static final Raw NULL = new Raw("null");

    private JsonShape() {
    }

    public static Raw number(double x) {
        return new Raw(x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x));
    }

    public static Raw number(long x) {
        return new Raw(Long.toString(x));
    }

    @SafeVarargs
    public static Map<String, Object> object(Map.Entry<String, Object>... members) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : members) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    public static Map.Entry<String, Object> member(String key, Object value) {
        return Map.entry(key, value);
    }

    /** A value of any JSON type, hostile or deep. */
    public static Object wrongValue(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> new Raw(HostileValues.number(r));
            case 1 -> HostileValues.number(r);
            case 2 -> HostileValues.anyValue(r);
            case 3 -> NULL;
            case 4 -> new Raw(r.nextBoolean() ? "true" : "false");
            case 5 -> new ArrayList<>(List.of(new Raw("1"), "x"));
            case 6 -> new LinkedHashMap<>(Map.of("v", new Raw("1")));
            case 7 -> deep(r.nextInt(1, 40), r.nextBoolean());
            case 8 -> new Raw(HostileValues.pick(r, List.of("NaN", "Infinity", "-Infinity", "1e999", "-1e999", "01", "1.",
                    ".5", "+1", "0x10", "1e", "--1", "tru", "nul", "undefined")));
            case 9 -> "2026-11-27T12:40:00.123Z";
            case 10 -> "+50766123456";
            default -> "";
        };
    }

    /** Arrays or objects nested {@code depth} deep. */
    public static Object deep(int depth, boolean arrays) {
        Object v = new Raw("0");
        for (int i = 0; i < depth; i++) {
            v = arrays ? new ArrayList<>(List.of(v)) : new LinkedHashMap<>(Map.of("d", v));
        }
        return v;
    }

    /**
     * One change somewhere in the tree: a member's value replaced by a wrong one, a member removed,
     * a hostile one added, or a member written twice (the second time with another value).
     */
    @SuppressWarnings("unchecked")
    public static void spoil(Map<String, Object> root, SplittableRandom r) {
        Map<String, Object> target = root;
        // walk down into a nested object now and then, so the deep members get spoilt too
        for (int depth = 0; depth < 3 && r.nextBoolean(); depth++) {
            List<Object> nested = target.values().stream().filter(v -> v instanceof Map).toList();
            if (nested.isEmpty()) {
                break;
            }
            target = (Map<String, Object>) nested.get(r.nextInt(nested.size()));
        }
        List<String> keys = new ArrayList<>(target.keySet());
        int dice = r.nextInt(10);
        if (keys.isEmpty() || dice == 0) {
            target.put(r.nextBoolean() ? HostileValues.text(r) : HostileValues.pick(r, List.of("phone", "mac", "callerId",
                    "client-mac", "ip_address", "name", "v", "seq", "metrics", "type", "online")), wrongValue(r));
            return;
        }
        String key = keys.get(r.nextInt(keys.size()));
        if (dice == 1) {
            target.remove(key);
        } else if (dice == 2) {
            // the same key twice: most readers keep the last
            target.put(key + "\u0000dup", wrongValue(r));
        } else {
            target.put(key, wrongValue(r));
        }
    }

    /** The document as JSON text; a key ending in NUL "dup" is written under its own name again. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object value) {
        if (value instanceof Raw raw) {
            b.append(raw.text());
        } else if (value instanceof String s) {
            quote(b, s);
        } else if (value instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                String key = (String) e.getKey();
                quote(b, key.endsWith("\u0000dup") ? key.substring(0, key.length() - 4) : key);
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(b, list.get(i));
            }
            b.append(']');
        } else {
            b.append(value);
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
