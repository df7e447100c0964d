package io.waypoint.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings read from bytes, each kept as one instance: what a gateway reads over and over (the keys of
 * every JSON message, the topics of every MQTT message) costs a look-up instead of a new string, and its
 * hash is computed once for all the maps it goes into.
 *
 * <p>Bounded: open addressing over {@code slots} entries, emptied when three quarters are used, so a flood
 * of made-up strings costs memory only up to the bound. What it answers never depends on what it holds,
 * only the cost does. Not thread-safe: one table per reading thread.
 */
public final class SymbolTable {
    private static final int MAX_PROBES = 8;

    private final int mask;
    private final int maxBytes;
    private final boolean jvmIntern;
    private final int[] hashes;
    private final byte[][] bytes;
    private final String[] strings;
    private int used;

    /**
     * @param slots     a power of two
     * @param maxBytes  longer strings are read but not kept
     * @param jvmIntern whether a kept string is the JVM's interned instance (so that it is the same instance as
     *                  a literal of the same text, which then matches it by identity)
     */
    public SymbolTable(int slots, int maxBytes, boolean jvmIntern) {
        if (slots < 4 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two >= 4, was " + slots);
        }
        this.mask = slots - 1;
        this.maxBytes = maxBytes;
        this.jvmIntern = jvmIntern;
        this.hashes = new int[slots];
        this.bytes = new byte[slots][];
        this.strings = new String[slots];
    }

    /** {@code 31 * h + byte} over {@code b[from, to)}: the hash {@link #string} takes. */
    public static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /**
     * The UTF-8 text of {@code b[from, to)} (ASCII, or bytes the caller checked are UTF-8), {@code hash}
     * being {@link #hash}{@code (b, from, to)}: the same instance as before when it was read already.
     */
    public String string(byte[] b, int from, int to, int hash) {
        int length = to - from;
        if (length > maxBytes) {
            return decode(b, from, length);
        }
        int slot = (hash ^ (hash >>> 16)) & mask;
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            byte[] k = bytes[slot];
            if (k == null) {
                return keep(slot, b, from, length, hash);
            }
            if (hashes[slot] == hash && Arrays.equals(k, 0, k.length, b, from, to)) {
                return strings[slot];
            }
            slot = (slot + 1) & mask;
        }
        // a crowded neighbourhood (or a flood of made-up strings): answered, not kept
        return decode(b, from, length);
    }

    private String keep(int slot, byte[] b, int from, int length, int hash) {
        String s = decode(b, from, length);
        if (jvmIntern) {
            s = s.intern();
        }
        if (used >= (mask + 1) / 4 * 3) {
            Arrays.fill(bytes, null);
            Arrays.fill(strings, null);
            used = 0;
            slot = (hash ^ (hash >>> 16)) & mask;
        }
        bytes[slot] = Arrays.copyOfRange(b, from, from + length);
        strings[slot] = s;
        hashes[slot] = hash;
        used++;
        return s;
    }

    private static String decode(byte[] b, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (b[i] < 0) {
                return new String(b, from, length, StandardCharsets.UTF_8);
            }
        }
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
}
