package io.waypoint.gateway.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the gateway keeps: node messages (deduplicated by site, node, boot, seq), each boot's
 * acknowledged watermark, node liveness, alert transitions, the alert engine's state, and the alert
 * publications not yet confirmed by the broker. Everything one ingest batch changes is written in
 * one transaction, and the gateway acknowledges nodes only after it commits, so an acknowledged
 * message is on disk.
 *
 * <p>SQLite by default ({@link #sqlite}); PostgreSQL ({@link #postgres}) for a gateway whose data
 * belongs on a database server, or for a group of gateways sharing one store ({@link SharedGatewayStore}).
 */
public interface GatewayStore extends AutoCloseable {

    /**
     * One node message as stored; {@code body} is the JSON exactly as received.
     *
     * @param ts       the node's own stamp, as sent (a board without RTC may say 1970)
     * @param synced   whether the node said its clock was synchronised ({@code clock})
     * @param filedAt  when the reading was made, as best the gateway knows: what reports and days go by
     *                 (see {@code ClockFiling}: {@code ts} for a synced clock, corrected for an unsynced one)
     * @param filedBy  how {@code filedAt} was decided
     */
    record StoredMessage(String site, String node, long boot, long seq, String kind, Instant ts, Instant received, String body,
                         boolean synced, Instant filedAt, FiledBy filedBy) {
        /** A message from a synchronised clock: filed at its own {@code ts}. */
        public StoredMessage(String site, String node, long boot, long seq, String kind, Instant ts, Instant received, String body) {
            this(site, node, boot, seq, kind, ts, received, body, true, ts, FiledBy.NODE_CLOCK);
        }
    }

    /** How a message's filing time was decided. */
    enum FiledBy {
        /** The node's clock was synchronised: its {@code ts}. */
        NODE_CLOCK("node_clock"),
        /** Unsynced: {@code ts} plus the boot's offset bounded by the arrival times (a reading is never made after it arrived). */
        ARRIVAL("arrival"),
        /** Unsynced: {@code ts} plus the boot's offset bounded by the first synced message after it (made before that one). */
        NEXT_SYNCED("next_synced");

        private final String column;

        FiledBy(String column) {
            this.column = column;
        }

        /** What the {@code filed_by} column holds. */
        public String column() {
            return column;
        }

        public static FiledBy ofColumn(String s) {
            for (FiledBy f : values()) {
                if (f.column.equals(s)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("filed_by must be node_clock, arrival or next_synced, was '" + s + "'");
        }
    }

    /**
     * What the gateway knows of one boot's clock, for filing its unsynced messages (see
     * {@code ClockFiling}); times in epoch milliseconds, {@code Long.MAX_VALUE}/0 where nothing is known.
     *
     * @param arrivalBoundMs   the least (received - ts) over the boot's unsynced messages
     * @param lastUnsyncedSeq  the highest seq of an unsynced message (0: none)
     * @param lastUnsyncedTsMs its ts
     * @param firstSyncedSeq   the lowest seq of a synced message ({@code Long.MAX_VALUE}: none)
     * @param firstSyncedTsMs  its ts
     * @param filedMinMs       the least offset the boot's stored unsynced messages were filed with
     * @param filedMaxMs       the greatest such offset
     */
    record BootClock(String site, String node, long boot, long arrivalBoundMs, long lastUnsyncedSeq, long lastUnsyncedTsMs,
                     long firstSyncedSeq, long firstSyncedTsMs, long filedMinMs, long filedMaxMs) {}

    /** Re-file every unsynced message of one boot at its {@code ts} plus {@code offsetMs}: better evidence came. */
    record Refile(String site, String node, long boot, long offsetMs, FiledBy by) {}

    /** One boot's acknowledgement watermark and the seqs its node gave up. */
    record SequenceState(String site, String node, long boot, long watermark, long lost) {}

    /** What the gateway last heard from a node. */
    record NodeState(String site, String node, long boot, boolean online, Instant lastSeen, Instant lastMessageTs) {}

    /** One alert transition as published, kept for reports and history. */
    record AlertRecord(String site, String key, String state, Instant at, String json) {}

    /** A publication the gateway owes the broker (alert transitions), kept until the broker confirms it. */
    record Publication(long id, String topic, byte[] payload, boolean retained) {}

    /**
     * Everything one ingest batch changes. {@code engineSnapshot} is null when the alert state did not
     * change. {@code refiles} run after the messages are inserted, so they cover this batch's too.
     */
    record Batch(List<StoredMessage> messages, List<SequenceState> sequences, List<NodeState> nodes,
                 List<AlertRecord> alerts, List<Publication> publications, String engineSnapshot,
                 List<BootClock> clocks, List<Refile> refiles) {
        /** A batch that changes no clock evidence. */
        public Batch(List<StoredMessage> messages, List<SequenceState> sequences, List<NodeState> nodes,
                     List<AlertRecord> alerts, List<Publication> publications, String engineSnapshot) {
            this(messages, sequences, nodes, alerts, publications, engineSnapshot, List.of(), List.of());
        }

        public boolean isEmpty() {
            return messages.isEmpty() && sequences.isEmpty() && nodes.isEmpty() && alerts.isEmpty()
                    && publications.isEmpty() && engineSnapshot == null && clocks.isEmpty() && refiles.isEmpty();
        }
    }

    /**
     * Writes the batch in one transaction and makes it durable.
     *
     * @return for each message of the batch, whether it was new (false: already stored, a duplicate)
     */
    boolean[] write(Batch batch);

    List<SequenceState> sequences();

    /** The clock evidence of every boot that has any. */
    List<BootClock> bootClocks();

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

    /** How many messages of a site are filed in [{@code from}, {@code to}): what a report of a day or month counts. */
    long countFiled(String site, String kind, Instant from, Instant to);

    /**
     * Hands {@code each} the stored messages of one site and kind filed in [{@code from}, {@code to}),
     * ordered by node, boot and seq: what a monthly report reads. Rows come one at a time, so a month
     * of a large site is never held whole. Runs on the caller's thread, in one read transaction.
     *
     * <p>This default goes node by node through {@link #nodes} and {@link #messages}; the stores
     * override it with one query over their filing index.
     */
    default void forEachFiled(String site, String kind, Instant from, Instant to, Consumer<StoredMessage> each) {
        for (NodeState n : nodes()) {
            if (n.site().equals(site)) {
                for (StoredMessage m : messages(site, n.node(), kind)) {
                    if (!m.filedAt().isBefore(from) && m.filedAt().isBefore(to)) {
                        each.accept(m);
                    }
                }
            }
        }
    }

    /** Every alert transition of a site, oldest first. */
    List<AlertRecord> alertHistory(String site);

    /**
     * The damage this store recovered from when it opened, if it did: the database file was
     * unreadable (garbage, truncated), so it was moved aside, a fresh one started, and whatever rows
     * could still be read were copied over.
     */
    Optional<Recovery> recovery();

    /**
     * A damaged database set aside at open.
     *
     * @param file     the database file
     * @param problem  what was wrong with it
     * @param movedTo  where it is now (with its -wal and -shm, if it had them)
     * @param salvaged rows copied into the fresh database, by table
     */
    record Recovery(Path file, String problem, Path movedTo, java.util.Map<String, Long> salvaged) {
        public long salvaged(String table) {
            return salvaged.getOrDefault(table, 0L);
        }
    }

    @Override
    void close();

    /** The default store: one SQLite file {@code gateway.db} in {@code dataDir}, in WAL mode. */
    static GatewayStore sqlite(Path dataDir) {
        return SqliteGatewayStore.open(dataDir);
    }

    /**
     * The SQLite store in {@code dataDir} opened read-only, for reading beside a running gateway (a
     * report): it must exist, and nothing is changed in it, not even its schema.
     *
     * @throws StoreException when there is no database there or it cannot be opened, naming the file
     */
    static GatewayStore sqliteReadOnly(Path dataDir) {
        return SqliteGatewayStore.openReadOnly(dataDir);
    }

    /**
     * A PostgreSQL database, its tables created if missing.
     *
     * @param url      {@code postgresql://HOST[:PORT]/DATABASE}
     * @param user     the login, or null for the driver's default
     * @param password or null; never logged nor shown in an error
     * @throws StoreException when the database cannot be reached or refuses the login, naming the url
     *                        and user (never the password) and what to check
     */
    static SharedGatewayStore postgres(String url, String user, char[] password) {
        return PostgresGatewayStore.open(url, user, password);
    }
}
