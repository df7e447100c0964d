package io.waypoint.gateway.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway keeps: node messages (deduplicated by site, node, boot, seq), each boot's
 * acknowledged watermark, node liveness, alert transitions, the alert engine's state, and the alert
 * publications not yet confirmed by the broker. Everything one ingest batch changes is written in
 * one transaction, and the gateway acknowledges nodes only after it commits, so an acknowledged
 * message is on disk.
 *
 * <p>SQLite by default ({@link #sqlite}); the interface is what a PostgreSQL store would implement
 * for a region's shared gateway.
 */
public interface GatewayStore extends AutoCloseable {

    /** One node message as stored; {@code body} is the JSON exactly as received. */
    record StoredMessage(String site, String node, long boot, long seq, String kind, Instant ts, Instant received, String body) {}

    /** One boot's acknowledgement watermark and the seqs its node gave up. */
    record SequenceState(String site, String node, long boot, long watermark, long lost) {}

    /** What the gateway last heard from a node. */
    record NodeState(String site, String node, long boot, boolean online, Instant lastSeen, Instant lastMessageTs) {}

    /** One alert transition as published, kept for reports and history. */
    record AlertRecord(String site, String key, String state, Instant at, String json) {}

    /** A publication the gateway owes the broker (alert transitions), kept until the broker confirms it. */
    record Publication(long id, String topic, byte[] payload, boolean retained) {}

    /** Everything one ingest batch changes. {@code engineSnapshot} is null when the alert state did not change. */
    record Batch(List<StoredMessage> messages, List<SequenceState> sequences, List<NodeState> nodes,
                 List<AlertRecord> alerts, List<Publication> publications, String engineSnapshot) {
        public boolean isEmpty() {
            return messages.isEmpty() && sequences.isEmpty() && nodes.isEmpty() && alerts.isEmpty()
                    && publications.isEmpty() && engineSnapshot == null;
        }
    }

    /**
     * Writes the batch in one transaction and makes it durable.
     *
     * @return for each message of the batch, whether it was new (false: already stored, a duplicate)
     */
    boolean[] write(Batch batch);

    List<SequenceState> sequences();

    List<NodeState> nodes();

    Optional<String> engineSnapshot();

    /** Publications not yet confirmed, oldest first. */
    List<Publication> pendingPublications();

    /** The broker confirmed these publications. */
    void published(List<Long> ids);

    /** Messages stored for one node (any boot). */
    long countMessages(String site, String node);

    /** All messages stored. */
    long countMessages();

    /** The stored messages of one node and kind, oldest first by (boot, seq); for reports and tests. */
    List<StoredMessage> messages(String site, String node, String kind);

    /** Every alert transition of a site, oldest first. */
    List<AlertRecord> alertHistory(String site);

    @Override
    void close();

    /** The default store: one SQLite file {@code gateway.db} in {@code dataDir}, in WAL mode. */
    static GatewayStore sqlite(Path dataDir) {
        return SqliteGatewayStore.open(dataDir);
    }
}
