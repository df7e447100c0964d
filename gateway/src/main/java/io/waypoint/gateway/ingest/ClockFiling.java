package io.waypoint.gateway.ingest;

import io.waypoint.gateway.store.GatewayStore.BootClock;
import io.waypoint.gateway.store.GatewayStore.FiledBy;
import io.waypoint.gateway.store.GatewayStore.Refile;
import io.waypoint.wire.ClockState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each reading was made, for filing it under the right day: the rule for the {@code clock}
 * field. Pure bookkeeping on the ingest thread; the store keeps its state ({@link BootClock}).
 *
 * <p><b>Synced</b> messages are filed at their own {@code ts}: the node's clock was set by NTP (or
 * the like).
 *
 * <p><b>Unsynced</b> messages come from a clock that may be anywhere (a board without RTC boots in
 * 1970; one with a fake-hwclock at its last shutdown). Within one boot such a clock runs steadily
 * until it is synchronised, so it is off by one unknown offset for all the boot's unsynced
 * messages: true time = ts + offset. Two kinds of evidence bound the offset from above, and the
 * least bound is used:
 * <ul>
 * <li><b>arrival</b>: a reading is never made after it reached the gateway, so
 *     offset <= received - ts for every unsynced message (the gateway's clock is the reference);
 *     a node sending live pins it to within the network delay;</li>
 * <li><b>the next synced message</b>: seq orders a boot's messages, so the newest unsynced message
 *     (highest seq) was made before the first synced one after it: offset <= ts(first synced) -
 *     ts(last unsynced). After a week offline without NTP, then a sync, then the backlog arriving
 *     all at once, this bound files the week correctly where arrival alone would pile it onto the
 *     day it arrived.</li>
 * </ul>
 * Both only ever tighten as messages arrive, so a message is filed at its arrival with the best
 * offset known then (never after it arrived, never in 1970), and the boot's unsynced messages are
 * filed again ({@link Refile}) whenever the offset improves by {@link #TOLERANCE_MS} or more: a
 * second is finer than any day or hour a report goes by, and ignoring smaller changes spares the
 * card from rewriting rows at every bit of network jitter. The order bound is used only while every
 * unsynced seq is below every synced seq (the node's clock field never goes back to unsynced within
 * a boot; if it did, the single-offset model would not hold, and arrival is the safe bound).
 *
 * <p>The error of a filing is the slack of its best evidence: the network delay for a node
 * reporting live, the time between the last unsynced and the first synced message (one telemetry
 * interval) after an offline stretch ended by a sync.
 */
final class ClockFiling {
    /** Offsets that change by less than this are not written back. */
    static final long TOLERANCE_MS = 1_000;
    private static final long NONE_SYNCED = Long.MAX_VALUE;

    /** Where and how one message is filed. */
    record Filing(Instant at, FiledBy by) {}

    /** What is known of one boot's clock; times in epoch milliseconds. */
    private static final class Evidence {
        long arrivalBound = Long.MAX_VALUE;
        long lastUnsyncedSeq;
        long lastUnsyncedTs;
        long firstSyncedSeq = NONE_SYNCED;
        long firstSyncedTs;
        long filedMin = Long.MAX_VALUE;
        long filedMax = Long.MIN_VALUE;

        boolean anyUnsynced() {
            return lastUnsyncedSeq > 0;
        }

        /** The order bound, when it may be used; {@code Long.MAX_VALUE} otherwise. */
        long orderBound() {
            return anyUnsynced() && firstSyncedSeq != NONE_SYNCED && lastUnsyncedSeq < firstSyncedSeq
                    ? firstSyncedTs - lastUnsyncedTs : Long.MAX_VALUE;
        }

        long offset() {
            return Math.min(arrivalBound, orderBound());
        }

        FiledBy by() {
            return orderBound() < arrivalBound ? FiledBy.NEXT_SYNCED : FiledBy.ARRIVAL;
        }
    }

    private final Map<SequenceTracker.Key, Evidence> boots = new HashMap<>();
    private final Set<SequenceTracker.Key> changed = new LinkedHashSet<>();

    /** Restores one boot's persisted evidence. */
    void restore(BootClock c) {
        Evidence e = new Evidence();
        e.arrivalBound = c.arrivalBoundMs();
        e.lastUnsyncedSeq = c.lastUnsyncedSeq();
        e.lastUnsyncedTs = c.lastUnsyncedTsMs();
        e.firstSyncedSeq = c.firstSyncedSeq();
        e.firstSyncedTs = c.firstSyncedTsMs();
        e.filedMin = c.filedMinMs();
        e.filedMax = c.filedMaxMs();
        boots.put(new SequenceTracker.Key(c.site(), c.node(), c.boot()), e);
    }

    /** Files one new message (not a duplicate) of boot {@code k}, learning from it. */
    Filing file(SequenceTracker.Key k, long seq, Instant ts, ClockState clock, Instant received) {
        Evidence e = boots.computeIfAbsent(k, x -> new Evidence());
        long tsMs = ts.toEpochMilli();
        if (clock == ClockState.SYNCED) {
            if (seq < e.firstSyncedSeq) {
                e.firstSyncedSeq = seq;
                e.firstSyncedTs = tsMs;
                changed.add(k);
            }
            return new Filing(ts, FiledBy.NODE_CLOCK);
        }
        e.arrivalBound = Math.min(e.arrivalBound, received.toEpochMilli() - tsMs);
        if (seq > e.lastUnsyncedSeq) {
            e.lastUnsyncedSeq = seq;
            e.lastUnsyncedTs = tsMs;
        }
        long offset = e.offset();
        e.filedMin = Math.min(e.filedMin, offset);
        e.filedMax = Math.max(e.filedMax, offset);
        changed.add(k);
        return new Filing(ts.plusMillis(offset), e.by());
    }

    /**
     * The boots whose stored unsynced messages were filed with an offset {@link #TOLERANCE_MS} or more
     * away from the best one known now, to be filed again; resets what they are filed with.
     */
    List<Refile> takeRefiles() {
        List<Refile> out = new ArrayList<>();
        for (SequenceTracker.Key k : changed) {
            Evidence e = boots.get(k);
            if (!e.anyUnsynced()) {
                continue;
            }
            long offset = e.offset();
            if (e.filedMax - offset >= TOLERANCE_MS || offset - e.filedMin >= TOLERANCE_MS) {
                out.add(new Refile(k.site(), k.node(), k.boot(), offset, e.by()));
                e.filedMin = offset;
                e.filedMax = offset;
            }
        }
        return out;
    }

    /** The evidence of the boots that changed since the last call, for the store; call after {@link #takeRefiles}. */
    List<BootClock> takeChanged() {
        List<BootClock> out = new ArrayList<>(changed.size());
        for (SequenceTracker.Key k : changed) {
            Evidence e = boots.get(k);
            out.add(new BootClock(k.site(), k.node(), k.boot(), e.arrivalBound, e.lastUnsyncedSeq, e.lastUnsyncedTs,
                    e.firstSyncedSeq, e.firstSyncedTs, e.filedMin, e.filedMax));
        }
        changed.clear();
        return out;
    }
}
