package io.waypoint.outbox;

import java.util.Arrays;

/**
 * The seqs of one boot held in one segment, as runs of consecutive numbers. A node numbers its
 * messages without gaps, so this is normally a single run: the outbox knows exactly which seqs it
 * holds (for counts and {@code firstHeldSeq}) without an object per message.
 */
final class SeqRuns {
    final long boot;
    private long[] runs = new long[2]; // start, end (inclusive) pairs, ascending
    private int length;
    private long count;

    SeqRuns(long boot) {
        this.boot = boot;
    }

    /** Adds {@code seq}, which must be above every seq already added. */
    void add(long seq) {
        if (length > 0 && runs[length - 1] + 1 == seq) {
            runs[length - 1] = seq;
        } else {
            if (length == runs.length) {
                runs = Arrays.copyOf(runs, length * 2);
            }
            runs[length++] = seq;
            runs[length++] = seq;
        }
        count++;
    }

    long count() {
        return count;
    }

    long last() {
        return runs[length - 1];
    }

    /** How many held seqs lie in (loExclusive, hiInclusive]. */
    long countIn(long loExclusive, long hiInclusive) {
        if (hiInclusive <= loExclusive) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < length; i += 2) {
            long from = Math.max(runs[i], loExclusive + 1);
            long to = Math.min(runs[i + 1], hiInclusive);
            if (to >= from) {
                n += to - from + 1;
            }
        }
        return n;
    }

    /** How many held seqs are above {@code watermark}. */
    long countAbove(long watermark) {
        return countIn(watermark, Long.MAX_VALUE);
    }

    /** The lowest held seq above {@code watermark}, or -1. */
    long firstAbove(long watermark) {
        for (int i = 0; i < length; i += 2) {
            if (runs[i + 1] > watermark) {
                return Math.max(runs[i], watermark + 1);
            }
        }
        return -1;
    }
}
