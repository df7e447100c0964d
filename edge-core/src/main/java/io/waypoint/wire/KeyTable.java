package io.waypoint.wire;

import io.waypoint.text.SymbolTable;
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

    private final SymbolTable symbols = new SymbolTable(SLOTS, MAX_KEY_BYTES, true);
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
        return symbols.string(b, from, to, hash);
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
