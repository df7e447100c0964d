package io.waypoint.gateway.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which messages of each node's boot the gateway has stored, as the watermark it acknowledges:
 * every seq up to it is stored, or was given up by the node (dropped from its full outbox) and so
 * will never come. Pure bookkeeping; the database's unique key on (site, node, boot, seq) stays the
 * final word on duplicates, this only answers quickly and computes the acknowledgement.
 *
 * <p>A node tells, with each message, the lowest seq of that boot it still holds
 * ({@code first_seq}); anything missing below it is counted lost, once, and no longer holds the
 * watermark back. A lost seq that arrives after all (it was already on its way through the broker
 * when the node dropped it) is stored like any other and un-counted.
 */
final class SequenceTracker {
    /** One boot of one node. */
    record Key(String site, String node, long boot) {}

    private static final class Track {
        long contiguous;
        final TreeSet<Long> above = new TreeSet<>();
        /** start → end (inclusive) of seqs below the watermark that were given up. */
        final NavigableMap<Long, Long> lostRanges = new TreeMap<>();
        long lost;
    }

    private final Map<Key, Track> tracks = new HashMap<>();
    private final Set<Key> changed = new LinkedHashSet<>();

    private Track track(Key k) {
        return tracks.computeIfAbsent(k, x -> new Track());
    }

    /** Restores what was persisted: the watermark and the lost count of one boot. */
    void restore(Key k, long contiguous, long lost) {
        Track t = track(k);
        t.contiguous = contiguous;
        t.lost = lost;
    }

    /** Whether {@code seq} is certainly stored already: a resend or a duplicate from the broker. */
    boolean isStored(Key k, long seq) {
        Track t = tracks.get(k);
        if (t == null) {
            return false;
        }
        if (seq <= t.contiguous) {
            Map.Entry<Long, Long> r = t.lostRanges.floorEntry(seq);
            return r == null || seq > r.getValue();
        }
        return t.above.contains(seq);
    }

    /**
     * The node holds nothing of this boot below {@code firstHeld}: every seq below it not stored is
     * lost. Returns how many were newly counted lost (a gap to report).
     */
    long floor(Key k, long firstHeld) {
        Track t = track(k);
        // firstHeld - 1 rather than contiguous + 1: seqs go up to Long.MAX_VALUE, and a watermark there must not wrap
        if (firstHeld - 1 <= t.contiguous) {
            return 0;
        }
        long newlyLost = 0;
        long start = t.contiguous + 1;
        // walk the stored seqs above the watermark that fall below the floor; the holes between are lost
        Iterator<Long> it = t.above.iterator();
        while (it.hasNext()) {
            long s = it.next();
            if (s >= firstHeld) {
                break;
            }
            if (s > start) {
                t.lostRanges.put(start, s - 1);
                newlyLost += s - start;
            }
            start = s + 1;
            it.remove();
        }
        if (start <= firstHeld - 1) {
            t.lostRanges.put(start, firstHeld - 1);
            newlyLost += firstHeld - start;
        }
        t.contiguous = firstHeld - 1;
        t.lost += newlyLost;
        advance(t);
        changed.add(k);
        return newlyLost;
    }

    /** {@code seq} is stored now. Returns true when the watermark moved. */
    boolean stored(Key k, long seq) {
        Track t = track(k);
        if (seq <= t.contiguous) {
            Map.Entry<Long, Long> r = t.lostRanges.floorEntry(seq);
            if (r != null && seq <= r.getValue()) {
                // a seq given up as lost arrived after all
                t.lostRanges.remove(r.getKey());
                if (r.getKey() < seq) {
                    t.lostRanges.put(r.getKey(), seq - 1);
                }
                if (seq < r.getValue()) {
                    t.lostRanges.put(seq + 1, r.getValue());
                }
                t.lost--;
                changed.add(k);
            }
            return false;
        }
        long before = t.contiguous;
        if (seq - 1 == t.contiguous) {
            t.contiguous = seq;
            advance(t);
        } else {
            t.above.add(seq);
        }
        if (t.contiguous != before) {
            changed.add(k);
            return true;
        }
        return false;
    }

    private static void advance(Track t) {
        while (!t.above.isEmpty() && t.above.first() - 1 <= t.contiguous) {
            long s = t.above.pollFirst();
            if (s - 1 == t.contiguous) {
                t.contiguous = s;
            }
        }
    }

    /** Everything of this boot up to the returned seq is stored or given up. */
    long watermark(Key k) {
        Track t = tracks.get(k);
        return t == null ? 0 : t.contiguous;
    }

    /** Seqs of this boot counted lost. */
    long lost(Key k) {
        Track t = tracks.get(k);
        return t == null ? 0 : t.lost;
    }

    /** Seqs stored above the watermark, waiting for a hole to fill: a gap in flight. */
    int pendingAbove(Key k) {
        Track t = tracks.get(k);
        return t == null ? 0 : t.above.size();
    }

    /** The boots whose watermark or lost count changed since the last call, for persisting. */
    Set<Key> takeChanged() {
        Set<Key> out = new LinkedHashSet<>(changed);
        changed.clear();
        return out;
    }
}
