package io.waypoint.outbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How big the outbox may grow and how often it makes appended messages durable.
 *
 * @param maxBytes       the most disk space the outbox's message files may use, {@code >= 4 KiB};
 *                       beyond it the oldest messages are dropped
 * @param commitInterval the longest an appended message waits for its fsync, and the shortest time
 *                       between two interval-triggered fsyncs
 * @param commitBatch    after this many appends since the last fsync, one is done without waiting for
 *                       the interval
 */
public record OutboxOptions(long maxBytes, Duration commitInterval, int commitBatch) {

    /** The smallest store accepted: a few segments of a few small messages each. */
    public static final long MIN_BYTES = 4 * 1024;

    public OutboxOptions {
        Objects.requireNonNull(commitInterval, "commitInterval");
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("maxBytes must be >= " + MIN_BYTES + ", was " + maxBytes);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
        }
        if (commitBatch < 1) {
            throw new IllegalArgumentException("commitBatch must be >= 1, was " + commitBatch);
        }
    }

    /** 64 MiB, an fsync at most every 100 ms or every 256 messages. */
    public static OutboxOptions defaults() {
        return new OutboxOptions(64L * 1024 * 1024, Duration.ofMillis(100), 256);
    }

    public OutboxOptions withMaxBytes(long bytes) {
        return new OutboxOptions(bytes, commitInterval, commitBatch);
    }

    public OutboxOptions withCommitInterval(Duration interval) {
        return new OutboxOptions(maxBytes, interval, commitBatch);
    }

    public OutboxOptions withCommitBatch(int batch) {
        return new OutboxOptions(maxBytes, commitInterval, batch);
    }
}
