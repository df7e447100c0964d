package io.waypoint.gateway.store;

import java.time.Instant;
import java.util.List;

/**
 * A store several gateways write at once: the gateways of a group that share a broker's load
 * through a shared subscription ({@code $share/GROUP/...}), which hands each message to one of
 * them, round robin per message. So no gateway sees all of a node's stream, and what one gateway
 * remembers cannot decide anything: the store does.
 *
 * <ul>
 *   <li><b>Duplicates</b> are decided by the store's unique key (site, node, boot, seq): a resend
 *       may reach another gateway than the first copy did.</li>
 *   <li><b>Acknowledgement watermarks</b> are computed by the store, in the transaction that stores
 *       the messages, from the seqs it holds for the boot (and the seqs a node gave up, from its
 *       {@code first_seq}); they never claim a seq that is not stored. Concurrent writers of one
 *       boot are serialised on that boot's row, so the last to commit sees every earlier seq.</li>
 *   <li><b>Alert rules</b> need a whole site's readings, so the engine's inputs (telemetry, node
 *       states, staff acknowledgements) are appended to a feed in the same transaction as the
 *       messages, and only the <b>lead</b>, one gateway of the group at a time, evaluates them, in
 *       commit order. The lead consumes feed entries in the same transaction that writes the
 *       engine's new state and the alert publications, so each input moves the engine exactly once,
 *       whichever gateway leads and however often the lead changes hands.</li>
 * </ul>
 */
public interface SharedGatewayStore extends GatewayStore {

    /**
     * A boot a batch touched: its messages, a resend of them, or a {@code first_seq}.
     *
     * @param firstHeld the highest {@code first_seq} of the batch for this boot: the node holds
     *                  nothing below it any more (0: none said)
     */
    record Touched(String site, String node, long boot, long firstHeld) {}

    /**
     * One input of the alert engine, as received.
     *
     * @param message the index in the batch's messages of the message this input is (fed only if that
     *                message is new), or -1 for an input that is no stored message (a node's state, a
     *                staff acknowledgement)
     * @param filedAt when the reading was made, as the receiving gateway filed it; null when not a reading
     */
    record FeedEntry(String topic, byte[] payload, Instant received, Instant filedAt, int message) {}

    /** A feed entry as the lead reads it back; {@code id} is what it consumes. */
    record FeedItem(long id, String topic, byte[] payload, Instant received, Instant filedAt) {}

    /**
     * @param fresh     for each message of the batch, whether it was new
     * @param sequences the watermark and lost count of each touched boot, as the store holds them now
     */
    record Written(boolean[] fresh, List<SequenceState> sequences) {}

    /** Whether this gateway holds the lead, and whether it just took it (its engine must be reloaded). */
    enum Lead { FOLLOWING, LEADING, TOOK_OVER }

    /**
     * Writes what one gateway received, in one transaction: the batch (its {@code sequences} must be
     * empty: the store keeps them, see above), the watermarks of the touched boots and the feed.
     * A transaction that loses a deadlock to another gateway's is retried.
     */
    Written writeShared(Batch batch, List<Touched> touched, List<FeedEntry> feed);

    /**
     * Takes the lead if no gateway of the group holds it, or keeps it. The lead is held as long as
     * this store's database session lives: a gateway that dies (or loses its database) loses it as
     * soon as the server sees its session end, and the next gateway to ask takes it.
     */
    Lead lead();

    /**
     * The oldest {@code max} feed entries that can no longer be preceded by one still being written
     * (every transaction that began writing before them has ended), in commit order as near as
     * the database knows it, except that a node's readings come in the order the node made them:
     * each boot's in seq order, and a reading only once every lower seq of its boot is stored or
     * given up by the node (its watermark passed it). The engine skips a reading older than the last
     * it judged, and the gateway that stored a node's later readings may commit before the one that
     * stored its earlier ones. Only the lead reads the feed.
     */
    List<FeedItem> feed(int max);

    /**
     * The lead's write: the batch's alert history, publications and engine snapshot, and the feed
     * entries {@code consumed}, in one transaction that commits only while this gateway still holds
     * the lead.
     *
     * @throws StoreException when the lead was lost or the write failed: nothing was consumed
     */
    void writeLed(Batch batch, List<Long> consumed);
}
