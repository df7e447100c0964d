package io.waypoint.outbox;

/**
 * A snapshot of an outbox, for the console and the node's own telemetry.
 *
 * @param messagesHeld           messages in the files, acknowledged ones included until their file is
 *                               reclaimed
 * @param bytesHeld              bytes of the message files (never more than {@code maxBytes})
 * @param unacknowledged         held messages the gateway has not acknowledged
 * @param handedOut              unacknowledged messages handed out by {@code nextBatch} since the last
 *                               rewind (in flight)
 * @param droppedTotal           unacknowledged messages dropped because the store was full, over the
 *                               store's life (persisted)
 * @param commits                group commits (fsyncs) since open
 * @param bytesWritten           bytes written to disk by this outbox since open: messages, file
 *                               headers, acknowledgement state, repairs and copies of damaged files
 * @param corruptFilesMovedAside damaged files copied to {@code dir/corrupt} since open
 */
public record OutboxStats(
        long messagesHeld,
        long bytesHeld,
        long unacknowledged,
        long handedOut,
        long droppedTotal,
        long commits,
        long bytesWritten,
        long corruptFilesMovedAside) {
}
