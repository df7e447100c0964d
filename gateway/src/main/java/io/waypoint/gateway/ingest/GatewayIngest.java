package io.waypoint.gateway.ingest;

import io.waypoint.gateway.alerts.AlertEngine;
import io.waypoint.gateway.alerts.Observation;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.BootClock;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.Publication;
import io.waypoint.gateway.store.GatewayStore.Refile;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.gateway.store.SharedGatewayStore;
import io.waypoint.gateway.store.SharedGatewayStore.FeedEntry;
import io.waypoint.gateway.store.SharedGatewayStore.FeedItem;
import io.waypoint.gateway.store.SharedGatewayStore.Touched;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.wire.Ack;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertAck;
import io.waypoint.wire.AlertAckTopic;
import io.waypoint.wire.AlertActiveTopic;
import io.waypoint.wire.AlertEventsTopic;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.EventBody;
import io.waypoint.wire.GatewayRejectsTopic;
import io.waypoint.wire.GatewayStats;
import io.waypoint.wire.GatewayStatsTopic;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Reject;
import io.waypoint.wire.StateBody;
import io.waypoint.wire.Topic;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The gateway's pipeline, on one thread: every message from the broker is validated, deduplicated
 * by (site, node, boot, seq), stored, and evaluated by the alert engine; each batch is one
 * transaction; only after it commits are nodes acknowledged and alert transitions published. Alert
 * transitions are written to the store's alert outbox in the same transaction as the alert state,
 * and deleted when the broker confirms them, so a crash between the two re-publishes rather than
 * loses them. And not twice: after each run of publications a retained mark
 * ({@link BrokerOutboxMark}) tells the broker how far it has the outbox; at every connect the
 * gateway reads it back (behind an echo of its own on {@code wp/v1/_gateway/{id}/sync}, which
 * arrives after any retained mark) and drops the rows the broker already took before sending the
 * rest. The mark comes after the rows, so a gateway killed between the two would still send a row
 * again; so the gateway also subscribes to the alert topics it publishes, and a row whose own copy
 * came back from the broker before the echo ({@link BrokerEchoes}) is taken too. If the echo does not
 * come (an ACL, a broker that lost its state) it sends them all after
 * {@value #SYNC_TIMEOUT_SECONDS} s: twice rather than never.
 *
 * <p>One thread owns the engine, the sequence tracker and the batch: no locks on the hot path.
 * Others only enqueue (messages from the uplink's thread, ticks from the scheduler).
 *
 * <p><b>In a group</b> (several gateways sharing a {@link SharedGatewayStore} and the broker's load
 * through a shared subscription) this gateway sees only part of each node's stream, so the store
 * decides duplicates and computes the watermarks it acknowledges, and the alert engine's inputs go
 * to the store's feed instead of to the engine. The one gateway holding the store's lead runs the
 * engine on the whole feed, in commit order, after each batch and tick, and alone publishes the
 * alert outbox, behind a mark of the group's ({@code wp/v1/_gateway/GROUP/outbox}) so a gateway
 * taking over the lead knows how far the broker has it.
 */
public final class GatewayIngest implements AutoCloseable {
    private static final int MAX_BATCH = 2_000;
    /**
     * A batch of plain messages is gathered for up to {@link #GATHER}, or until it holds this many, before it
     * goes to the store: a commit costs the store about 1.3 ms whatever it holds (an fsync, and the index pages
     * every commit rewrites), and the batches the ingest load made by themselves held 82 messages on average.
     * In {@code GatewayStoreBenchmark} a message cost 40 µs in batches of 40, 17 in batches of 200 and 11 in
     * batches of 1,000. Acknowledgements wait that much longer; alerts do not wait (see {@code Pending.urgent}).
     */
    private static final int FULL_BATCH = 1_000;
    private static final Duration GATHER = Duration.ofMillis(20);
    private Duration gather = GATHER;
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REJECT_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_REJECT_PUBLICATIONS_PER_BATCH = 100;
    static final long SYNC_TIMEOUT_SECONDS = 5;
    /** How long a sync waits for its echo before it is sent again (within the timeout). */
    private static final Duration SYNC_ECHO_AGAIN = Duration.ofSeconds(1);
    /**
     * A few batches: enough to keep the ingest thread busy while the uplink fills it. The backlog of a
     * slow moment waits at the broker, not here, where every young collection would copy it.
     */
    private static final int QUEUE_CAPACITY = 4 * MAX_BATCH;
    private static final int ECHOES_KEPT = 10_000;

    /** Told, on the ingest thread after each commit, what was stored and which alerts moved. Must not block. */
    public interface Listener {
        void stored(Validation.Valid message);

        /**
         * Whether this listener reads {@link #stored} messages. A batch's parsed messages (each a JSON tree
         * of some kilobytes) are kept until its commit only while some listener does: two batches of them
         * in flight were most of what every young collection had to copy.
         */
        default boolean wantsStored() {
            return true;
        }

        void alert(Alert transition);
    }

    private sealed interface Item permits Incoming, Tick, Flush, MarkSeen, SyncEcho {}

    private record Incoming(String topic, byte[] payload, Instant received) implements Item {}

    private record Tick() implements Item {}

    private record Flush(Runnable done) implements Item {}

    /** The broker's retained mark of how far it has our alert outbox. */
    private record MarkSeen(BrokerOutboxMark mark) implements Item {}

    /** Our own sync message, back from the broker: every retained message of our subscriptions came before it. */
    private record SyncEcho(String nonce) implements Item {}

    /** How often a gateway that follows asks for the lead: how soon after a lead dies another takes over. */
    private static final Duration LEAD_RETRY = Duration.ofMillis(500);
    /** Feed reads of {@value #MAX_BATCH} the lead makes in one go before it lets new messages in. */
    private static final int MAX_FEED_ROUNDS = 5;

    private final String gatewayId;
    private final GatewayStore store;
    /** The store this gateway shares with the rest of its group; null for a gateway of its own. */
    private final SharedGatewayStore shared;
    private volatile boolean leading;
    private Instant nextLeadAttempt = Instant.MIN;
    /** Each boot's lost count as the shared store last said it, to report what is newly lost. */
    private final Map<SequenceTracker.Key, Long> lostSeen = new HashMap<>();
    private final Uplink.MessageHandler markHandler;
    private final RuleBook rules;
    private final Uplink uplink;
    private final Scheduler scheduler;
    private final MessageValidator validator = new MessageValidator();
    private final KnownTopics topics = new KnownTopics();
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    /** Writes batches while the ingest thread builds the next; null for an ingest driven by {@link #ingestNow}. */
    private java.util.concurrent.ExecutorService storeWriter;
    private Written writing;
    private java.util.concurrent.Future<boolean[]> inWrite;
    private volatile boolean closing;

    private AlertEngine engine;
    private SequenceTracker tracker;
    private ClockFiling clocks;
    private final RejectLog rejectLog = new RejectLog(REJECT_LOG_INTERVAL);
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Some listener reads stored messages: keep each batch's parsed messages until its commit. */
    private volatile boolean keepParsed;
    private Instant lastSnapshot = Instant.MIN;

    /** Acks owed to nodes: a newer watermark replaces an older one not yet sent. */
    private final Map<SequenceTracker.Key, Long> acksOwed = new LinkedHashMap<>();
    /** Alert outbox rows handed to the uplink, by id, and those the broker confirmed. */
    private final Set<Long> publishing = new HashSet<>();
    private final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
    private boolean publicationsPending = true;
    private final String markTopic;
    private final String syncTopic;
    /**
     * The uplink connection (its count of connects) the outbox was last synced on; nothing is published
     * on a connection until the broker told us how far it has the outbox.
     */
    private long syncedOn = -1;
    private long syncingOn = -1;
    private String syncNonce;
    private boolean syncSent;
    private Instant syncSince;
    private Instant syncEchoSentAt = Instant.MIN;
    /** The furthest mark the broker passed back (at any time: a mark it took stays true). */
    private BrokerOutboxMark markAtBroker;
    private final BrokerEchoes echoes;
    /** The last row handed to the uplink on this connection (every pending row before it went first), and whether its mark is owed. */
    private Publication lastHanded;
    private boolean markOwed;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private final AtomicLong alertsActive = new AtomicLong();
    private final AtomicLong staffAcks = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();

    /** With the echoes of its alert publications kept in memory only: for a test, or an ingest without a data dir. */
    public GatewayIngest(String gatewayId, GatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler) {
        this(gatewayId, null, store, null, rules, uplink, scheduler, QUEUE_CAPACITY, BrokerEchoes.inMemory(ECHOES_KEPT));
    }

    /**
     * @param echoesFile where the echoes of its alert publications are kept across restarts (see {@link BrokerEchoes});
     *                   in the gateway's data dir
     */
    public GatewayIngest(String gatewayId, GatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler, Path echoesFile) {
        this(gatewayId, null, store, null, rules, uplink, scheduler, QUEUE_CAPACITY, BrokerEchoes.durable(echoesFile, ECHOES_KEPT));
    }

    /**
     * @param queueCapacity items waiting for the ingest thread; an ingest driven by {@link #ingestNow}
     *                      queues nothing, and spares the memory a full-size queue takes
     */
    GatewayIngest(String gatewayId, GatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler, int queueCapacity) {
        this(gatewayId, null, store, null, rules, uplink, scheduler, queueCapacity, BrokerEchoes.inMemory(ECHOES_KEPT));
    }

    /**
     * One gateway of a group sharing {@code store}: see the class comment. The echoes of the group's alert
     * publications are kept in memory: a gateway of a group runs a clean session, so nothing is queued for
     * it while it is down, and what it saw while following counts when it takes the lead.
     *
     * @param group the group's name, which names the mark of its alert outbox; not a gateway's id
     */
    public GatewayIngest(String gatewayId, String group, SharedGatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler) {
        this(gatewayId, group, store, store, rules, uplink, scheduler, QUEUE_CAPACITY, BrokerEchoes.inMemory(ECHOES_KEPT));
    }

    private GatewayIngest(String gatewayId, String group, GatewayStore store, SharedGatewayStore shared, RuleBook rules, Uplink uplink,
                          Scheduler scheduler, int queueCapacity, BrokerEchoes echoes) {
        this.echoes = echoes;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.gatewayId = gatewayId;
        this.store = store;
        this.shared = shared;
        this.rules = rules;
        this.uplink = uplink;
        this.scheduler = scheduler;
        this.markTopic = "wp/v1/_gateway/" + (group == null ? gatewayId : group) + "/outbox";
        this.syncTopic = "wp/v1/_gateway/" + gatewayId + "/sync";
        loadState();
        this.thread = new Thread(this::run, "ingest");
        thread.setDaemon(true);
        markHandler = (topic, payload, retained) -> BrokerOutboxMark.parse(payload).ifPresent(m -> put(new MarkSeen(m)));
        uplink.subscribe(markTopic, markHandler);
        uplink.subscribe(syncTopic, (topic, payload, retained) -> put(new SyncEcho(new String(payload, StandardCharsets.UTF_8))));
        for (String ours : List.of(Topic.ALL_ALERT_EVENTS, Topic.ALL_ACTIVE_ALERTS)) {
            // recorded before the uplink acknowledges the echo to the broker, and so before the sync echo that follows it
            uplink.subscribeBeforeAck(ours, echoes::seen);
        }
    }

    /** Rebuilds the engine and the watermarks from the store: at start, and after a failed write. */
    private void loadState() {
        engine = savedEngine();
        tracker = new SequenceTracker();
        if (shared == null) { // in a group the store keeps the watermarks
            for (SequenceState s : store.sequences()) {
                tracker.restore(new SequenceTracker.Key(s.site(), s.node(), s.boot()), s.watermark(), s.lost());
            }
        }
        clocks = new ClockFiling();
        store.bootClocks().forEach(clocks::restore);
        alertsActive.set(engine.active().size());
        publishing.clear();
        publicationsPending = true;
        syncedOn = -1; // sync again before publishing: the broker may hold some of the pending rows
        syncingOn = -1;
    }

    /**
     * Starts the ingest's threads and has it follow its uplink's connections: at every (re)connect what
     * was in flight may be lost, so it syncs with the broker and publishes the rest of its outbox again.
     * Before the uplink starts, so its first connection is followed too.
     */
    public void start() {
        uplink.addListener(new Uplink.ConnectionListener() {
            @Override
            public void connected() {
                reconnected();
            }

            @Override
            public void disconnected(String cause) {
                // the uplink reconnects by itself; nodes resend what we could not acknowledge
            }
        });
        storeWriter = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-store");
            t.setDaemon(true);
            return t;
        });
        thread.start();
    }

    public void addListener(Listener l) {
        listeners.add(l);
        if (l.wantsStored()) {
            keepParsed = true;
        }
    }

    /** Called on the uplink's thread for every message of the gateway's subscriptions. */
    public void offer(String topic, byte[] payload) {
        received.incrementAndGet();
        put(new Incoming(topic, payload, scheduler.now()));
    }

    /**
     * Handles one message on the calling thread as the ingest thread would: validated, deduplicated,
     * stored, evaluated, acknowledged or rejected, in a batch of its own. Only on an ingest that was
     * never started, so one thread still owns the engine and the tracker; with it any message can be
     * run through the whole pipeline without a broker or a thread.
     */
    void ingestNow(String topic, byte[] payload) {
        requireNotStarted();
        received.incrementAndGet();
        process(List.of(new Incoming(topic, payload, scheduler.now())));
    }

    /** A tick on the calling thread, on an ingest that was never started (see {@link #ingestNow}). */
    void tickNow() {
        requireNotStarted();
        process(List.of(new Tick()));
    }

    /** How long a batch of plain messages waits for more ({@link #GATHER} unless a test says otherwise); before {@link #start}. */
    void gatherFor(Duration d) {
        requireNotStarted();
        gather = d;
    }

    private void requireNotStarted() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("the ingest thread owns this ingest: use offer and tick");
        }
    }

    /** Evaluates staleness and escalation, re-sends owed acks and publications. */
    public void tick() {
        queue.offer(new Tick()); // a full queue will tick soon anyway
    }

    /** Waits until everything queued before this call is processed; for tests and shutdown. */
    public void flush(Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        put(new Flush(done::countDown));
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void put(Item item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public GatewayStats stats() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("received", received.get());
        c.put("accepted", accepted.get());
        c.put("rejected", rejected.get());
        c.put("duplicates", duplicates.get());
        c.put("stored", stored.get());
        c.put("gaps", gaps.get());
        c.put("alerts_active", alertsActive.get());
        c.put("acks_sent", acksSent.get());
        c.put("staff_acks", staffAcks.get());
        c.put("store_failures", storeFailures.get());
        c.put("queue", (long) queue.size());
        if (shared != null) {
            c.put("leading", leading ? 1L : 0L);
        }
        store.recovery().ifPresent(r -> {
            // said at every stats interval of this run, so staff far away see it however late they look
            c.put("database_recovered", 1L);
            c.put("database_salvaged_messages", r.salvaged("messages"));
        });
        return new GatewayStats(scheduler.now(), c);
    }

    /** Publishes the stats, retained, on {@code wp/v1/_gateway/{id}/stats}. */
    public void publishStats() {
        String topic = new GatewayStatsTopic(gatewayId).name();
        uplink.publish(Outgoing.retained(topic, WireCodec.encode(stats()).getBytes(StandardCharsets.UTF_8)), null);
    }

    private void run() {
        List<Item> items = new ArrayList<>(MAX_BATCH);
        Pending open = null; // the batch being gathered
        Instant closeBy = null; // when it goes to the store even if not full
        while (!closing) {
            try {
                Item first;
                if (open != null) {
                    Duration left = Duration.between(scheduler.now(), closeBy);
                    first = left.isNegative() || left.isZero() ? queue.poll() : queue.poll(left.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    first = writing != null ? queue.poll() : queue.poll(200, TimeUnit.MILLISECONDS);
                }
                if (first != null) {
                    items.add(first);
                    queue.drainTo(items, MAX_BATCH - 1);
                    if (open == null) {
                        open = new Pending();
                        closeBy = scheduler.now().plus(gather);
                    }
                    absorb(items, open);
                }
                if (open != null) {
                    if (first == null || open.urgent || open.messages.size() + open.rejects.size() >= FULL_BATCH
                            || !scheduler.now().isBefore(closeBy)) {
                        Pending done = open;
                        open = null;
                        finish(done);
                    }
                } else if (writing != null) {
                    awaitWrite(); // nothing else to do: acknowledge the batch as soon as it is written
                } else {
                    housekeeping();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "ingest failed on a batch of {}; it is retried through the nodes' resends", items.size());
                open = null;
            } finally {
                items.clear();
            }
        }
    }

    /** What one batch changes, built on the ingest thread and written in one transaction. */
    private final class Pending {
        final List<StoredMessage> messages = new ArrayList<>();
        final List<Validation.Valid> validated = new ArrayList<>();
        final Map<String, NodeState> nodes = new LinkedHashMap<>();
        final List<Alert> transitions = new ArrayList<>();
        final Set<SequenceTracker.Key> touched = new LinkedHashSet<>();
        final List<Reject> rejects = new ArrayList<>();
        final List<Runnable> flushes = new ArrayList<>();
        boolean observed;
        /** In a group: the engine's inputs for the store's feed, and each touched boot's highest first_seq (0: none). */
        final List<FeedEntry> feed = new ArrayList<>();
        final Map<SequenceTracker.Key, Long> floors = new LinkedHashMap<>();
        boolean ticked;
        /** It holds what must not wait for a fuller batch: an alert transition, a tick, a flush, the broker's echoes. */
        boolean urgent;
    }

    private void process(List<Item> items) {
        Pending p = new Pending();
        absorb(items, p);
        finish(p);
    }

    /** Handles {@code items} into {@code p}. */
    private void absorb(List<Item> items, Pending p) {
        for (Item item : items) {
            if (inWrite != null && inWrite.isDone()) {
                awaitWrite(); // its acknowledgements and alerts go out now, not after this whole batch
            }
            if (item instanceof Incoming in) {
                handle(in, p);
                p.urgent |= !p.transitions.isEmpty();
                continue;
            }
            p.urgent = true;
            if (item instanceof Flush f) {
                p.flushes.add(f.done());
            } else if (item instanceof MarkSeen seen) {
                // the broker took every mark it sends us: the furthest one holds (a queued older one may come after it).
                // Kept whenever it comes: a queued copy can arrive before this connection's sync begins.
                if (markAtBroker == null || seen.mark().through() > markAtBroker.through()) {
                    markAtBroker = seen.mark();
                }
            } else if (item instanceof SyncEcho echo) {
                if (syncingOn >= 0 && echo.nonce().equals(syncNonce)) {
                    finishSync();
                }
            } else {
                p.ticked = true; // in a group the lead ticks its engine after the feed
            }
        }
    }

    /** Ticks the engine if {@code p} holds a tick, and commits {@code p}. */
    private void finish(Pending p) {
        Instant now = scheduler.now();
        if (p.ticked && shared == null) {
            p.transitions.addAll(engine.tick(now));
        }
        commit(p, now);
    }

    private void housekeeping() {
        Pending p = new Pending();
        commit(p, scheduler.now());
    }

    private void handle(Incoming in, Pending p) {
        Topic topic = topics.parse(in.topic()).orElse(null);
        if (topic instanceof AlertAckTopic a) {
            staffAck(a.site(), in, p);
            return;
        }
        Validation v = validator.validate(in.topic(), topic, in.payload(), in.received());
        if (v instanceof Validation.Invalid bad) {
            reject(in, bad.reasons(), p);
            return;
        }
        Validation.Valid ok = (Validation.Valid) v;
        accepted.incrementAndGet();
        NodeTopic t = ok.topic();
        String site = t.node().site();
        String node = t.node().node();
        long boot = ok.envelope().boot();
        String nodeKey = site + "/" + node;
        if (ok.body() instanceof StateBody state) {
            p.nodes.put(nodeKey, new NodeState(site, node, boot, state.online(), in.received(), null));
            if (shared != null) {
                p.feed.add(new FeedEntry(in.topic(), in.payload(), in.received(), null, -1));
                return;
            }
            p.transitions.addAll(engine.nodeState(site, node, state.online(), in.received()));
            p.observed = true;
            return;
        }
        SequenceTracker.Key key = new SequenceTracker.Key(site, node, boot);
        p.touched.add(key);
        long floor = MessageValidator.firstSeq(ok);
        if (shared != null) {
            p.floors.merge(key, floor, Math::max); // the store counts what is lost, and decides duplicates by its key
        } else if (floor > 0) {
            long lost = tracker.floor(key, floor);
            if (lost > 0) {
                // a node may claim up to Long.MAX_VALUE lost seqs: the counter stops there rather than wrap negative
                gaps.accumulateAndGet(lost, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                Logger.warn("{} boot {}: {} message(s) below seq {} were dropped by the node (its outbox was full, or its card "
                        + "refused them and it restarted) and will never arrive; recorded as lost", nodeKey, boot, lost, floor);
            }
        }
        long seq = ok.envelope().seq();
        if (shared == null && tracker.isStored(key, seq)) {
            duplicates.incrementAndGet(); // a resend: the node did not get our ack, which it gets again below
            NodeState before = p.nodes.get(nodeKey);
            p.nodes.put(nodeKey, new NodeState(site, node, boot, true, in.received(), before == null ? null : before.lastMessageTs()));
            return;
        }
        if (shared == null) {
            tracker.stored(key, seq);
        }
        ClockFiling.Filing filed = clocks.file(key, seq, ok.envelope().ts(), ok.envelope().clock(), in.received());
        p.nodes.put(nodeKey, new NodeState(site, node, boot, true, in.received(), filed.at()));
        p.messages.add(new StoredMessage(site, node, boot, seq, t.kind().segment(), ok.envelope().ts(), in.received(),
                new String(in.payload(), StandardCharsets.UTF_8), ok.envelope().clock() == ClockState.SYNCED, filed.at(),
                filed.by()));
        if (keepParsed) {
            p.validated.add(ok);
        }
        if (t.kind() == NodeTopic.Kind.TELEMETRY && shared != null) {
            p.feed.add(new FeedEntry(in.topic(), in.payload(), in.received(), filed.at(), p.messages.size() - 1));
        } else if (t.kind() == NodeTopic.Kind.TELEMETRY) {
            // rules judge event time: the filing time, so a 1970 clock neither hides nor invents an alert
            p.transitions.addAll(engine.observe(Observation.of(site, node, filed.at(), in.received(), ok.metrics())));
            p.observed = true;
        } else if (ok.body() instanceof EventBody e && isStorageReport(e)) {
            Logger.warn("{} reports {}: {}", nodeKey, e.type(), e.fields());
        }
    }

    /** A node's report that its card or one of its files is in trouble: worth a line in the gateway's log too. */
    private static boolean isStorageReport(EventBody e) {
        return e.type().equals(EventBody.FILE_DAMAGED)
                || (e.type().equals(EventBody.FAULT) && "storage".equals(e.fields().get("part")));
    }

    private void staffAck(String site, Incoming in, Pending p) {
        AlertAck ack;
        try {
            ack = WireCodec.decodeAlertAck(in.payload());
        } catch (WireFormatException e) {
            reject(in, e.reasons(), p);
            return;
        }
        if (shared != null) {
            p.feed.add(new FeedEntry(in.topic(), in.payload(), in.received(), null, -1)); // the lead knows which alerts are open
            return;
        }
        if (engine.open(site, ack.key()).isEmpty()) {
            Logger.info("alert ack for {} at {} ignored: no such open alert", ack.key(), site);
            return;
        }
        staffAcks.incrementAndGet();
        p.transitions.addAll(engine.acknowledge(site, ack.key(), ack.by(), in.received()));
        p.observed = true;
    }

    private void reject(Incoming in, List<String> reasons, Pending p) {
        rejected.incrementAndGet();
        // the reasons the reject keeps are the ones logged: a payload of thousands of bad members logs a few lines
        Reject reject = new Reject(in.topic(), in.payload().length, reasons, in.received());
        for (String r : reject.reasons()) {
            long suppressed = rejectLog.admit(r, in.received());
            if (suppressed >= 0) {
                Logger.warn("rejected a message on {}: {}{}", printable(in.topic()), r,
                        suppressed > 0 ? " (and " + suppressed + " like it in the last minute)" : "");
            }
        }
        if (p.rejects.size() < MAX_REJECT_PUBLICATIONS_PER_BATCH) {
            p.rejects.add(reject);
        }
    }

    /** A topic from outside is shown only if it is short plain text: it is anyone's input. */
    private static String printable(String topic) {
        return topic.length() <= 120 && topic.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? topic : "(an unprintable topic)";
    }

    private void commit(Pending p, Instant now) {
        if (shared != null) {
            commitShared(p, now);
            p.flushes.forEach(Runnable::run);
            return;
        }
        List<SequenceState> sequences = new ArrayList<>();
        for (SequenceTracker.Key k : tracker.takeChanged()) {
            sequences.add(new SequenceState(k.site(), k.node(), k.boot(), tracker.watermark(k), tracker.lost(k)));
        }
        List<AlertRecord> history = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        recordTransitions(p.transitions, history, publications);
        List<Refile> refiles = clocks.takeRefiles();
        List<BootClock> bootClocks = clocks.takeChanged();
        String snapshot = null;
        boolean snapshotDue = Duration.between(lastSnapshot, now).compareTo(SNAPSHOT_INTERVAL) >= 0 || now.isBefore(lastSnapshot);
        if (!p.transitions.isEmpty() || (p.observed && snapshotDue)) {
            snapshot = engine.snapshot();
            lastSnapshot = now;
        }
        Batch batch = new Batch(p.messages, sequences, new ArrayList<>(p.nodes.values()), history, publications, snapshot,
                bootClocks, refiles);
        // what this batch lets us acknowledge, taken now: by the time it is written the tracker holds the next batch too
        Map<SequenceTracker.Key, Long> acks = new LinkedHashMap<>();
        for (SequenceTracker.Key k : p.touched) {
            long w = tracker.watermark(k);
            if (w > 0) {
                acks.put(k, w);
            }
        }
        Written w = new Written(p, batch.isEmpty() ? null : batch, acks, engine.active().size());
        if (!awaitWrite()) {
            // the batch before failed and the state was reloaded from the store: this one was built on it
            p.flushes.forEach(Runnable::run);
            publishRejects(p.rejects);
            return;
        }
        if (w.batch() == null) {
            followUp(w, null, now);
        } else if (storeWriter == null) {
            boolean[] fresh;
            try {
                fresh = store.write(w.batch());
            } catch (StoreException e) {
                writeFailed(e, w);
                return;
            }
            followUp(w, fresh, now);
        } else {
            writing = w;
            inWrite = storeWriter.submit(() -> store.write(w.batch()));
        }
    }

    /**
     * One batch on its way to the store, and what follows its commit: acknowledgements up to the
     * watermarks it was built with, listeners, and the tests' flushes.
     */
    private record Written(Pending pending, Batch batch, Map<SequenceTracker.Key, Long> acks, int activeAlerts) {}

    /**
     * Waits for the batch being written, if any, and follows it up. The ingest thread builds the next
     * batch while the store's thread writes this one: on an SD card a commit's fsync is most of a
     * batch's time, and the validation and rules need not wait for it.
     *
     * @return false when that write failed (the engine and watermarks were then reloaded from the store)
     */
    private boolean awaitWrite() {
        Written w = writing;
        if (w == null) {
            return true;
        }
        boolean[] fresh;
        try {
            fresh = inWrite.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false; // closing: nothing more is acknowledged
        } catch (java.util.concurrent.ExecutionException e) {
            writing = null;
            inWrite = null;
            writeFailed(e.getCause() instanceof StoreException se ? se : new StoreException(String.valueOf(e.getCause()), e.getCause()), w);
            return false;
        }
        writing = null;
        inWrite = null;
        followUp(w, fresh, scheduler.now());
        return true;
    }

    private void writeFailed(StoreException e, Written w) {
        storeFailures.incrementAndGet();
        Logger.error("{}; nothing of this batch is acknowledged, nodes will resend it", e.getMessage());
        loadState(); // the tracker and engine moved ahead of the store: take them back
        w.pending().flushes.forEach(Runnable::run);
        publishRejects(w.pending().rejects);
    }

    private void followUp(Written w, boolean[] fresh, Instant now) {
        Pending p = w.pending();
        if (fresh != null) {
            countStored(p, fresh);
            for (Alert a : p.transitions) {
                for (Listener l : listeners) {
                    l.alert(a);
                }
            }
            if (!w.batch().publications().isEmpty()) {
                publicationsPending = true;
            }
            alertsActive.set(w.activeAlerts());
        }
        acksOwed.putAll(w.acks());
        sendAcks();
        publishAlerts(now);
        publishRejects(p.rejects);
        p.flushes.forEach(Runnable::run);
    }

    /**
     * Counts a written batch's messages as stored or duplicates ({@code fresh[i]}: message i was new to
     * the store; a duplicate is a resend) and tells the listeners that read stored messages of the new ones.
     */
    private void countStored(Pending p, boolean[] fresh) {
        boolean parsedKept = p.validated.size() == fresh.length; // only while a listener reads them
        for (int i = 0; i < fresh.length; i++) {
            if (!fresh[i]) {
                duplicates.incrementAndGet();
                continue;
            }
            stored.incrementAndGet();
            if (parsedKept) {
                for (Listener l : listeners) {
                    if (l.wantsStored()) {
                        l.stored(p.validated.get(i));
                    }
                }
            }
        }
    }

    /** Each transition as kept in the history and as owed to the broker: its retained state and its event. */
    private static void recordTransitions(List<Alert> transitions, List<AlertRecord> history, List<Publication> publications) {
        for (Alert a : transitions) {
            String json = WireCodec.encode(a);
            history.add(new AlertRecord(a.site(), a.key(), a.state().wire(), a.at(), json));
            String active = new AlertActiveTopic(a.site(), a.key()).name();
            byte[] activePayload = a.state() == AlertState.RESOLVED ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            publications.add(new Publication(0, active, activePayload, true));
            publications.add(new Publication(0, new AlertEventsTopic(a.site()).name(), json.getBytes(StandardCharsets.UTF_8), false));
            Logger.info("alert {} {} {}: {}", a.state().wire(), a.severity().wire(), a.key(), a.message());
        }
    }

    private void sendAcks() {
        if (acksOwed.isEmpty() || !uplink.isConnected()) {
            return;
        }
        List<Outgoing> acks = new ArrayList<>(acksOwed.size());
        for (var e : acksOwed.entrySet()) {
            SequenceTracker.Key k = e.getKey();
            String topic = NodeTopic.of(k.site(), k.node(), NodeTopic.Kind.ACK).name();
            acks.add(Outgoing.of(topic, WireCodec.encode(new Ack(k.boot(), e.getValue())).getBytes(StandardCharsets.UTF_8)));
        }
        int taken = uplink.publishAll(acks, null); // a window that fills leaves the rest for the next batch or tick
        acksSent.addAndGet(taken);
        var it = acksOwed.entrySet().iterator();
        for (int i = 0; i < taken; i++) {
            it.next();
            it.remove();
        }
    }

    /**
     * A new connection (or a store that was reloaded): what was handed over before may or may not have
     * reached the broker. Sends this connection's sync message; nothing is published until it is back.
     */
    private void beginSync(long connection, Instant now) {
        publishing.clear();
        publicationsPending = true;
        syncingOn = connection;
        lastHanded = null;
        markOwed = false;
        syncNonce = java.util.UUID.randomUUID().toString();
        syncSince = now;
        syncSent = uplink.publish(Outgoing.of(syncTopic, syncNonce.getBytes(StandardCharsets.UTF_8)), null);
        syncEchoSentAt = now;
    }

    /** The broker told us (or not) how far it has the outbox: drop what it took, then publish the rest. */
    private void finishSync() {
        syncedOn = syncingOn;
        syncingOn = -1;
        publicationsPending = true;
        try {
            List<Publication> pending = store.pendingPublications();
            Set<Publication> taken = new java.util.LinkedHashSet<>(echoes.takenFrom(pending));
            if (markAtBroker != null) {
                taken.addAll(markAtBroker.takenFrom(pending));
            }
            if (!taken.isEmpty()) {
                store.published(taken.stream().map(Publication::id).toList());
                Logger.info("{} alert publication(s) the broker took before this gateway restarted or reconnected are not sent again",
                        taken.size());
            }
        } catch (StoreException e) {
            Logger.error("{}; the alert publications will be sent again", e.getMessage());
        }
    }

    private void publishAlerts(Instant now) {
        List<Long> done = new ArrayList<>();
        for (Long id; (id = confirmed.poll()) != null; ) {
            done.add(id);
            publishing.remove(id);
        }
        for (Long id; (id = failed.poll()) != null; ) {
            publishing.remove(id);
            publicationsPending = true;
        }
        if (!done.isEmpty()) {
            try {
                store.published(done);
            } catch (StoreException e) {
                Logger.error("{}; the alert publications will be sent again", e.getMessage());
            }
        }
        // the connection's number first: a connection counts before it shows as connected
        long connection = uplink.stats().connects();
        if (!uplink.isConnected()) {
            return;
        }
        if (syncedOn != connection) {
            if (syncingOn != connection) {
                beginSync(connection, now);
                return;
            }
            if (!syncSent) {
                syncSent = uplink.publish(Outgoing.of(syncTopic, syncNonce.getBytes(StandardCharsets.UTF_8)), null);
                syncEchoSentAt = now;
                return;
            }
            if (Duration.between(syncSince, now).compareTo(Duration.ofSeconds(SYNC_TIMEOUT_SECONDS)) < 0) {
                if (Duration.between(syncEchoSentAt, now).compareTo(SYNC_ECHO_AGAIN) >= 0
                        && uplink.publish(Outgoing.of(syncTopic, syncNonce.getBytes(StandardCharsets.UTF_8)), null)) {
                    // a clean session has no subscriptions until the uplink's SUBSCRIBEs reach the broker, which a sync
                    // sent at the first moment of the connection can overtake: ask again rather than wait it out
                    syncEchoSentAt = now;
                }
                return;
            }
            Logger.warn("no answer from the broker on {} within {} s: sending every pending alert publication (some may reach"
                    + " staff twice); check that the broker lets the gateway subscribe to its own _gateway topics", syncTopic,
                    SYNC_TIMEOUT_SECONDS);
            syncedOn = connection;
            syncingOn = -1;
            publicationsPending = true;
        }
        if (!publicationsPending) {
            publishMark();
            return;
        }
        List<Publication> pending;
        try {
            pending = store.pendingPublications();
        } catch (StoreException e) {
            Logger.error("{}", e.getMessage());
            return;
        }
        publicationsPending = false;
        for (Publication pub : pending) {
            if (publishing.contains(pub.id())) {
                continue;
            }
            long id = pub.id();
            boolean accepted = uplink.publish(new Outgoing(pub.topic(), pub.payload(), 1, pub.retained()),
                    ok -> (ok ? confirmed : failed).add(id));
            if (!accepted) {
                publicationsPending = true; // in order: stop here, continue at the next batch or tick
                break;
            }
            publishing.add(id);
            lastHanded = pub;
            markOwed = true;
        }
        publishMark();
    }

    /** After the rows it covers, on the same connection: the broker's mark of how far it has the outbox. */
    private void publishMark() {
        if (markOwed && lastHanded != null
                && uplink.publish(Outgoing.retained(markTopic, BrokerOutboxMark.after(lastHanded).payload()), null)) {
            markOwed = false;
        }
    }

    private void publishRejects(List<Reject> rejects) {
        if (rejects.isEmpty()) {
            return;
        }
        String topic = new GatewayRejectsTopic(gatewayId).name();
        for (Reject r : rejects) {
            uplink.publish(Outgoing.of(topic, WireCodec.encode(r).getBytes(StandardCharsets.UTF_8)), null);
        }
    }

    /**
     * The uplink (re)connected: whatever was in flight may be lost; once the broker told us how far it
     * has the outbox, publish the rest of it again.
     */
    private void reconnected() {
        put(new Flush(() -> publicationsPending = true)); // the next commit sees the new connection and syncs it
    }

    /**
     * A group member's commit: what it received goes to the shared store, which answers which
     * messages were new and each touched boot's watermark; then, if this gateway holds (or can take)
     * the lead, it runs the engine on the feed and publishes the alert outbox.
     */
    private void commitShared(Pending p, Instant now) {
        List<Refile> refiles = clocks.takeRefiles();
        List<BootClock> bootClocks = clocks.takeChanged();
        Batch batch = new Batch(p.messages, List.of(), new ArrayList<>(p.nodes.values()), List.of(), List.of(), null, bootClocks, refiles);
        List<Touched> touched = new ArrayList<>();
        p.floors.forEach((k, floor) -> touched.add(new Touched(k.site(), k.node(), k.boot(), floor)));
        if (!batch.isEmpty() || !p.feed.isEmpty()) {
            SharedGatewayStore.Written written;
            try {
                written = shared.writeShared(batch, touched, p.feed);
            } catch (StoreException e) {
                storeFailures.incrementAndGet();
                Logger.error("{}", e.getMessage());
                reloadClocks(); // the filing moved ahead of the store: take it back
                publishRejects(p.rejects);
                return;
            }
            boolean[] fresh = written.fresh();
            countStored(p, fresh); // a duplicate may be a message the other gateway stored: acked again below
            for (SequenceState s : written.sequences()) {
                SequenceTracker.Key k = new SequenceTracker.Key(s.site(), s.node(), s.boot());
                long before = lostSeen.getOrDefault(k, 0L);
                if (s.lost() > before) {
                    gaps.accumulateAndGet(s.lost() - before, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                    Logger.warn("{}/{} boot {}: {} message(s) were dropped by the node and will never arrive; recorded as lost",
                            s.site(), s.node(), s.boot(), s.lost() - before);
                }
                lostSeen.put(k, s.lost());
                if (s.watermark() > 0) {
                    acksOwed.put(k, s.watermark());
                }
            }
        }
        sendAcks();
        lead(p.ticked, now);
        if (leading) {
            publishAlerts(now);
        }
        publishRejects(p.rejects);
    }

    private void reloadClocks() {
        try {
            clocks = new ClockFiling();
            store.bootClocks().forEach(clocks::restore);
        } catch (StoreException e) {
            Logger.error("{}", e.getMessage());
        }
    }

    /** Takes or keeps the lead (a follower asks every {@link #LEAD_RETRY}); the lead evaluates the feed. */
    private void lead(boolean ticked, Instant now) {
        if (!leading && now.isBefore(nextLeadAttempt)) {
            return;
        }
        SharedGatewayStore.Lead lead = shared.lead();
        if (lead == SharedGatewayStore.Lead.FOLLOWING) {
            if (leading) {
                Logger.warn("gateway {} no longer holds the alert lead of its group: another gateway evaluates the alerts", gatewayId);
                leading = false;
                publishing.clear();
            }
            alertsActive.set(0); // the lead's stats count the group's open alerts
            nextLeadAttempt = now.plus(LEAD_RETRY);
            return;
        }
        if (lead == SharedGatewayStore.Lead.TOOK_OVER) {
            Logger.info("gateway {} took the alert lead of its group: it evaluates every site's alerts and publishes them", gatewayId);
            leading = true;
            engine = loadEngine(); // the last lead moved it on
            alertsActive.set(engine.active().size());
            publishing.clear();
            publicationsPending = true;
            syncedOn = -1; // learn from the broker how far the last lead got with the outbox before publishing
            syncingOn = -1;
            uplink.subscribe(markTopic, markHandler); // subscribing again brings the group's retained mark again
        }
        evaluateFeed(ticked, now);
    }

    /** The engine as the store last saved it; a fresh one if none was saved or the saved state is unreadable. */
    private AlertEngine savedEngine() {
        return store.engineSnapshot().map(s -> {
            try {
                return AlertEngine.restore(rules, s);
            } catch (IllegalArgumentException e) {
                Logger.error("the saved alert state is unreadable ({}); starting with no open alerts", e.getMessage());
                return new AlertEngine(rules);
            }
        }).orElseGet(() -> new AlertEngine(rules));
    }

    /** The lead's engine from the store; if the store cannot be read, the lead is given up until it can. */
    private AlertEngine loadEngine() {
        try {
            return savedEngine();
        } catch (StoreException e) {
            Logger.error("{}; the alerts are evaluated from the saved state once it can be read", e.getMessage());
            leading = false;
            return engine;
        }
    }

    /**
     * The lead's work: the feed's entries through the engine, then the tick; the transitions, the
     * engine's state and the consumed entries in one transaction, so an entry moves the engine once
     * whoever leads. The snapshot goes with every such write: the next lead starts from it.
     */
    private void evaluateFeed(boolean ticked, Instant now) {
        for (int round = 0; round < MAX_FEED_ROUNDS && leading; round++) {
            List<FeedItem> items;
            try {
                items = shared.feed(MAX_BATCH);
            } catch (StoreException e) {
                Logger.error("{}", e.getMessage());
                return;
            }
            List<Alert> transitions = new ArrayList<>();
            for (FeedItem f : items) {
                transitions.addAll(evaluate(f));
            }
            if (ticked && round == 0) {
                transitions.addAll(engine.tick(now));
            }
            if (items.isEmpty() && transitions.isEmpty()) {
                return;
            }
            List<AlertRecord> history = new ArrayList<>();
            List<Publication> publications = new ArrayList<>();
            recordTransitions(transitions, history, publications);
            try {
                shared.writeLed(new Batch(List.of(), List.of(), List.of(), history, publications, engine.snapshot()),
                        items.stream().map(FeedItem::id).toList());
            } catch (StoreException e) {
                storeFailures.incrementAndGet();
                Logger.error("{}; the alert inputs stay in the feed for the lead", e.getMessage());
                engine = loadEngine(); // it moved ahead of the store: take it back
                return;
            }
            for (Alert a : transitions) {
                for (Listener l : listeners) {
                    l.alert(a);
                }
            }
            if (!publications.isEmpty()) {
                publicationsPending = true;
            }
            alertsActive.set(engine.active().size());
            if (items.size() < MAX_BATCH) {
                return;
            }
        }
    }

    /** One feed entry through the engine, as the gateway that received it would have, had it been alone. */
    private List<Alert> evaluate(FeedItem f) {
        Topic topic = topics.parse(f.topic()).orElse(null);
        if (topic instanceof AlertAckTopic a) {
            AlertAck ack;
            try {
                ack = WireCodec.decodeAlertAck(f.payload());
            } catch (WireFormatException e) {
                return List.of(); // the receiving gateway checked it: only a newer version's could fail here
            }
            if (engine.open(a.site(), ack.key()).isEmpty()) {
                Logger.info("alert ack for {} at {} ignored: no such open alert", ack.key(), a.site());
                return List.of();
            }
            staffAcks.incrementAndGet();
            return engine.acknowledge(a.site(), ack.key(), ack.by(), f.received());
        }
        if (!(validator.validate(f.topic(), topic, f.payload(), f.received()) instanceof Validation.Valid ok)) {
            Logger.warn("an alert input on {} no longer validates; skipped", printable(f.topic()));
            return List.of();
        }
        String site = ok.topic().node().site();
        String node = ok.topic().node().node();
        if (ok.body() instanceof StateBody state) {
            return engine.nodeState(site, node, state.online(), f.received());
        }
        if (ok.topic().kind() == NodeTopic.Kind.TELEMETRY && f.filedAt() != null) {
            return engine.observe(Observation.of(site, node, f.filedAt(), f.received(), ok.metrics()));
        }
        return List.of();
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
            if (storeWriter != null) {
                storeWriter.shutdown(); // a batch being written is finished: the store closes after us
                storeWriter.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        echoes.close();
    }
}
