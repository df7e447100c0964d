package io.waypoint.outbox;

import io.waypoint.storage.FileDamage;
import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A node's durable outbox: every message goes to disk first, then to the broker, and leaves the disk
 * only when the <em>gateway</em> has acknowledged that it stored it (DESIGN.md, "End-to-end
 * acknowledgement"). A broker's PUBACK is not an acknowledgement here.
 *
 * <p><b>Durability.</b> {@link #append} hands the message to the operating system before it returns,
 * so killing the process (SIGKILL, a crash) loses nothing that was appended. A power cut loses at most
 * what was appended since the last group commit: commits (one fsync) happen at most once per
 * {@link OutboxOptions#commitInterval()}, or sooner once {@link OutboxOptions#commitBatch()} messages
 * are waiting, on the scheduler's thread. After a restart, {@link #nextBatch} returns every message
 * that survived, in (boot, seq) order, each once.
 *
 * <p><b>Acknowledgements</b> are watermarks per boot and are saved lazily (about once a second and at
 * {@link #close}), not fsynced per ack: after a crash a few already-acknowledged messages may be sent
 * again, which the gateway drops as duplicates. That costs a little bandwidth and saves the SD card.
 *
 * <p><b>Space.</b> The store never uses more than {@link OutboxOptions#maxBytes()} for messages; when
 * full, the oldest messages are dropped, counted, reported once by {@link #takeDropped} and logged.
 *
 * <p><b>Damage.</b> Opening never fails because of a damaged or truncated file: a torn write at the end
 * of the newest file (power cut) is cut off; any other damage is first copied to {@code dir/corrupt},
 * then every record that can still be read is kept.
 *
 * <p><b>Threads.</b> All methods are thread-safe: appends come from application threads,
 * {@code nextBatch}/{@code acknowledge}/{@code rewind} from the uplink's, commits from the scheduler's.
 * None of these waits for a message to arrive or for a group commit's fsync (only {@link #commit}
 * and {@link #close} do).
 */
public interface Outbox extends AutoCloseable {

    /**
     * Opens (creating if needed) the outbox kept in {@code dir}, recovering whatever the last run left.
     * On a read-only directory the outbox still opens, so a node can drain its backlog; appends then
     * fail with {@link OutboxException}.
     *
     * @throws OutboxInUseException if {@code dir} is already open (in this or another process)
     * @throws IOException           if {@code dir} cannot be created or read
     */
    static Outbox open(Path dir, OutboxOptions options, Scheduler scheduler) throws IOException {
        return SegmentLogOutbox.open(dir, options, scheduler);
    }

    /**
     * An outbox that holds nothing and refuses every append with the storage problem of {@code why}:
     * what a node runs on when its outbox directory cannot even be opened (a card remounted
     * read-only before the directory existed, a directory it cannot read), so it keeps working and
     * says why rather than exiting and being restarted in a loop.
     */
    static Outbox unavailable(Path dir, IOException why) {
        return new UnavailableOutbox(dir, why);
    }

    /**
     * Holds {@code m}: written to the OS before returning (survives SIGKILL), durable on disk after
     * the next group commit. Messages must come in (boot, seq) order: boot never decreases and seq
     * increases within a boot. If the store is full, the oldest messages are dropped and counted
     * first; only then does the caller's thread fsync, to save the drop count before the messages go.
     * Otherwise the fsync is left to the group commit.
     *
     * @throws IllegalArgumentException if {@code m} is not after the last appended message, or is
     *                                  bigger than the store can ever hold
     * @throws OutboxException          if the outbox is closed or the disk write fails (disk full,
     *                                  read-only, I/O error): the message is then <em>not</em> held
     */
    void append(OutboxMessage m);

    /**
     * Up to {@code max} messages not yet handed out since open or the last {@link #rewind}, oldest
     * first, skipping acknowledged ones; empty when there are none. Never waits for new messages.
     * Reads from disk, so a large backlog is never held in memory.
     *
     * @throws OutboxException if the outbox is closed, or reading fails before any message was read
     */
    List<OutboxMessage> nextBatch(int max);

    /**
     * The gateway's watermark: everything of {@code boot} up to and including {@code seq} is stored
     * there. Lower or equal values than one already seen for that boot are ignored; other boots are
     * not affected. A message file is deleted once every message in it is acknowledged. Ignored after
     * close (an ack may race with shutdown).
     */
    void acknowledge(long boot, long seq);

    /**
     * Makes the next {@link #nextBatch} start again at the oldest unacknowledged message: what the
     * uplink calls after a reconnect or when acknowledgements are overdue.
     */
    void rewind();

    /**
     * The lowest seq of {@code boot} still held and unacknowledged, or empty if none. The node sends it
     * with its messages so the gateway can stop waiting for seqs that were dropped or lost.
     */
    OptionalLong firstHeldSeq(long boot);

    /**
     * The highest boot this outbox has seen appended or acknowledged, 0 for a new outbox: the floor
     * for the node's boot counter, so a lost counter file can never make boots repeat.
     */
    long highestBoot();

    /**
     * How many unacknowledged messages were dropped because the store was full since the last call,
     * and resets that count. The count is saved on disk as soon as a drop happens, so a crash does not
     * lose the report.
     */
    long takeDropped();

    /**
     * The damaged files found so far (at open, or stepping over damage later), each copied aside to
     * {@code dir/corrupt} when the card allowed: for the node to report on the wire.
     */
    List<FileDamage> damage();

    /** A snapshot of the outbox's figures. */
    OutboxStats stats();

    /** Makes everything appended so far durable now, on the caller's thread (one fsync at most). */
    void commit();

    /**
     * Registers {@code listener} to be called after each commit that made messages durable, with the
     * newest of them. It runs on the committing thread (the scheduler's for group commits, the
     * caller's for {@link #commit} and {@link #close}) and must not block; exceptions are logged.
     */
    void onCommit(Consumer<OutboxMessage> listener);

    /**
     * Commits, saves the acknowledgements and closes the files. Later appends and batches fail with
     * {@link OutboxException}; closing twice does nothing.
     */
    @Override
    void close();
}
