package io.waypoint.node;

import io.waypoint.outbox.OutboxMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Messages of this boot that the disk refused (full, read-only, failing), held in memory so that a
 * node with a bad card still reports while it runs: sent and acknowledged like the outbox's, lost if
 * the process ends before the gateway acknowledges them (the gateway then counts them lost through
 * {@code first_seq}, as it does the messages a full outbox drops). Bounded by bytes; beyond the bound
 * the oldest go and are counted as dropped. Thread-safe.
 */
final class MemoryHold {
    /** What a held message costs besides its payload: the map entry, the record, the topic. */
    private static final int OVERHEAD = 160;

    private final long maxBytes;
    private final TreeMap<Long, OutboxMessage> held = new TreeMap<>();
    private long bytes;
    /** The highest seq handed out by {@link #next} since the last {@link #rewind}. */
    private long handedUpTo;
    private long droppedPending;
    private long droppedTotal;

    MemoryHold(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    private static long cost(OutboxMessage m) {
        return OVERHEAD + m.payload().length + 2L * m.topic().length();
    }

    /** Holds {@code m} (seqs come in increasing order); drops the oldest while over the bound, never {@code m}. */
    synchronized void add(OutboxMessage m) {
        held.put(m.seq(), m);
        bytes += cost(m);
        while (bytes > maxBytes && held.size() > 1) {
            Map.Entry<Long, OutboxMessage> oldest = held.pollFirstEntry();
            bytes -= cost(oldest.getValue());
            droppedPending++;
            droppedTotal++;
        }
    }

    /** Up to {@code max} held messages not handed out since the last rewind, oldest first. */
    synchronized List<OutboxMessage> next(int max) {
        List<OutboxMessage> out = new ArrayList<>(Math.min(max, held.size()));
        for (OutboxMessage m : held.tailMap(handedUpTo, false).values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(m);
            handedUpTo = m.seq();
        }
        return out;
    }

    /** Held messages handed out since the last rewind: in flight. */
    synchronized long handedOut() {
        return held.headMap(handedUpTo, true).size();
    }

    /** The gateway stored everything up to {@code seq}: forget it. */
    synchronized void acknowledge(long seq) {
        var acked = held.headMap(seq, true);
        for (OutboxMessage m : acked.values()) {
            bytes -= cost(m);
        }
        acked.clear();
    }

    /** The next {@link #next} starts again at the oldest held message. */
    synchronized void rewind() {
        handedUpTo = 0;
    }

    /** The lowest seq held, if any. */
    synchronized OptionalLong first() {
        return held.isEmpty() ? OptionalLong.empty() : OptionalLong.of(held.firstKey());
    }

    synchronized int size() {
        return held.size();
    }

    /** Messages dropped over the bound since the last call; resets the count. */
    synchronized long takeDropped() {
        long n = droppedPending;
        droppedPending = 0;
        return n;
    }

    synchronized long droppedTotal() {
        return droppedTotal;
    }
}
