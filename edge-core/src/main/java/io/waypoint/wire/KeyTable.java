package io.waypoint.wire;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The object keys one thread has read, each kept as one {@link String} with what is known about it:
 * a gateway reads the same few dozen keys in every message ({@code boot}, {@code seq},
 * {@code turbidity_ntu}...), and judging each afresh (a new string, its hash, the privacy guard's scan,
 * the joined paths) was a fifth of its ingest thread.
 *
 * <p>A key read by {@link StrictJson} comes back as the same instance each time, the JVM's interned
 * one (so a look-up by a literal key such as {@code o.get("boot")} matches it by identity, and its hash
 * is computed once). {@link #verdict} and {@link #join} remember their answers for such keys.
 *
 * <p>Bounded: a node that sends a new key in every message only fills the table, which is then
 * emptied and starts again; answers never depend on what the table holds, only their cost does.
 * One table per thread ({@link #ofThisThread()}); not thread-safe.
 */
final class KeyTable {
    /** A power of two; emptied when three quarters are used. */
    private static final int SLOTS = 1024;
    private static final int MAX_PROBES = 8;
    /** Longer keys are not kept: no key of the contract comes near it. */
    static final int MAX_KEY_BYTES = 48;
    private static final int MAX_REMEMBERED = 2048;

    private static final ThreadLocal<KeyTable> OF_THREAD = ThreadLocal.withInitial(KeyTable::new);

    /** What {@link PrivacyGuard} says of a key. */
    enum Verdict {
        /** Neither shaped like an identifier nor named like one. */
        FINE,
        /** Shaped like a phone number, MAC or IP address ({@link PrivacyGuard#identifyingValue}). */
        SHAPED_LIKE_IDENTIFIER,
        /** Named like something that identifies a person ({@link PrivacyGuard#identifyingKey}). */
        NAMED_IDENTIFYING
    }

    private final int[] hashes = new int[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private int used;
    private final Map<String, Verdict> verdicts = new HashMap<>();
    private final Map<String, Map<String, String>> joins = new HashMap<>();
    private int joined;

    /** This thread's table. */
    static KeyTable ofThisThread() {
        return OF_THREAD.get();
    }

    /**
     * The key whose ASCII bytes are {@code b[from, to)} (no escape, no control character), {@code hash}
     * being {@code 31 * h + byte} over them: the same instance as before when it was read already.
     */
    String key(byte[] b, int from, int to, int hash) {
        int length = to - from;
        if (length > MAX_KEY_BYTES) {
            return new String(b, from, length, StandardCharsets.ISO_8859_1);
        }
        int mask = SLOTS - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            byte[] k = bytes[slot];
            if (k == null) {
                return keep(slot, b, from, length, hash);
            }
            if (hashes[slot] == hash && same(k, b, from, length)) {
                return strings[slot];
            }
            slot = (slot + 1) & mask;
        }
        // a crowded neighbourhood (or a flood of made-up keys): answered, not kept
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private String keep(int slot, byte[] b, int from, int length, int hash) {
        String s = new String(b, from, length, StandardCharsets.ISO_8859_1).intern();
        if (used >= SLOTS / 4 * 3) {
            java.util.Arrays.fill(bytes, null);
            java.util.Arrays.fill(strings, null);
            used = 0;
            slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        }
        byte[] k = new byte[length];
        System.arraycopy(b, from, k, 0, length);
        bytes[slot] = k;
        strings[slot] = s;
        hashes[slot] = hash;
        used++;
        return s;
    }

    private static boolean same(byte[] k, byte[] b, int from, int length) {
        if (k.length != length) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            if (k[j] != b[from + j]) {
                return false;
            }
        }
        return true;
    }

    /** What the privacy guard says of {@code key}, remembered. */
    Verdict verdict(String key) {
        Verdict v = verdicts.get(key);
        if (v == null) {
            v = PrivacyGuard.identifyingValue(key) ? Verdict.SHAPED_LIKE_IDENTIFIER
                    : PrivacyGuard.identifyingKey(key) ? Verdict.NAMED_IDENTIFYING : Verdict.FINE;
            if (key.length() <= MAX_KEY_BYTES) {
                if (verdicts.size() >= MAX_REMEMBERED) {
                    verdicts.clear();
                }
                verdicts.put(key, v);
            }
        }
        return v;
    }

    /** {@code parent + '.' + key}, remembered: the same instance for the same pair. */
    String join(String parent, String key) {
        Map<String, String> children = joins.get(parent);
        String j = children == null ? null : children.get(key);
        if (j != null) {
            return j;
        }
        j = parent + '.' + key;
        if (parent.length() + key.length() < 2 * MAX_KEY_BYTES) {
            if (joined >= MAX_REMEMBERED) {
                joins.clear();
                joined = 0;
            }
            joins.computeIfAbsent(parent, p -> new HashMap<>()).put(key, j);
            joined++;
        }
        return j;
    }
}
