package io.waypoint.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free-form JSON values held in Java (the extra keys of a birth, the fields of an event) in one
 * normal form, whether they came from a node's code or from json-simple: String, Long (every
 * integral number that fits), Double (finite), Boolean, null, an unmodifiable Map with String keys
 * that keeps its order, an unmodifiable List. So what a node builds equals what the gateway reads.
 */
final class JsonValues {
    private static final int MAX_DEPTH = 64;

    private JsonValues() {
    }

    /**
     * {@code source} in normal form, checked for keys in {@code reserved} and for anything that may
     * identify a person.
     *
     * @throws IllegalArgumentException naming the key (never a personal value)
     */
    static Map<String, Object> members(Map<String, ?> source, Set<String> reserved, String owner) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(source.size() * 2);
        for (Map.Entry<String, ?> e : source.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new IllegalArgumentException(owner + " has a null key");
            }
            if (reserved.contains(key)) {
                throw new IllegalArgumentException(owner + " cannot use the key '" + key + "': the message itself uses it");
            }
            copy.put(key, normalize(e.getValue(), key, key, 0));
        }
        return Collections.unmodifiableMap(copy);
    }

    /** @param key the key holding {@code v} (for a list element, the list's key); {@code path} its full path */
    private static Object normalize(Object v, String key, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (PrivacyGuard.identifyingValue(key)) {
            // the path would repeat the key
            throw new IllegalArgumentException("a key looks like a phone number, MAC or IP address and may identify a person");
        }
        if (PrivacyGuard.identifyingKey(key)) {
            throw new IllegalArgumentException("key '" + path + "' may identify a person");
        }
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof String s) {
            if (PrivacyGuard.identifyingValue(s)) {
                throw new IllegalArgumentException("the value of '" + path + "' looks like a phone number, MAC or IP address");
            }
            return s;
        }
        if (v instanceof Number n) {
            return number(n, path);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>(m.size() * 2);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException(path + " has a key that is not a String");
                }
                copy.put(k, normalize(e.getValue(), k, path + "." + k, depth + 1));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (v instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            for (Object element : c) {
                copy.add(normalize(element, key, path, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(path + " is a " + v.getClass().getSimpleName() + ": expected a JSON value");
    }

    private static Object number(Number n, String path) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (n instanceof BigDecimal d && isIntegral(d) && fitsLong(d)) {
            return d.longValue();
        }
        double x = n.doubleValue();
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(path + " = " + x + ": expected a finite number");
        }
        if (x == Math.rint(x) && Math.abs(x) < 9.0e15) {
            return (long) x; // the wire writes 2.0 as 2, which reads back as a Long
        }
        return x;
    }

    /** Whether {@code d} has no fractional part; cheap for what parsers produce ({@code 60}, {@code 12.5}). */
    static boolean isIntegral(BigDecimal d) {
        return d.scale() <= 0 || d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** Whether the integral {@code d} fits a long: 18 digits before the point always do. */
    static boolean fitsLong(BigDecimal d) {
        if (d.precision() - d.scale() <= 18) {
            return true;
        }
        return d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
    }
}
