package io.waypoint.gateway.ingest;

import io.waypoint.gateway.alerts.AlertEngine;
import io.waypoint.gateway.alerts.Observation;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.AlertRecord;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.Publication;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
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
 * loses them.
 *
 * <p>One thread owns the engine, the sequence tracker and the batch: no locks on the hot path.
 * Others only enqueue (messages from the uplink's thread, ticks from the scheduler).
 */
public final class GatewayIngest implements AutoCloseable {
    private static final int MAX_BATCH = 2_000;
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration REJECT_LOG_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_REJECT_PUBLICATIONS_PER_BATCH = 100;
    private static final int QUEUE_CAPACITY = 100_000;

    /** Told, on the ingest thread after each commit, what was stored and which alerts moved. Must not block. */
    public interface Listener {
        void stored(Validation.Valid message);

        void alert(Alert transition);
    }

    private sealed interface Item permits Incoming, Tick, Flush {}

    private record Incoming(String topic, byte[] payload, Instant received) implements Item {}

    private record Tick() implements Item {}

    private record Flush(Runnable done) implements Item {}

    private final String gatewayId;
    private final GatewayStore store;
    private final RuleBook rules;
    private final Uplink uplink;
    private final Scheduler scheduler;
    private final MessageValidator validator = new MessageValidator();
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile boolean closing;

    private AlertEngine engine;
    private SequenceTracker tracker;
    private final RejectLog rejectLog = new RejectLog(REJECT_LOG_INTERVAL);
    private final List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Instant lastSnapshot = Instant.MIN;

    /** Acks owed to nodes: a newer watermark replaces an older one not yet sent. */
    private final Map<SequenceTracker.Key, Long> acksOwed = new LinkedHashMap<>();
    /** Alert outbox rows handed to the uplink, by id, and those the broker confirmed. */
    private final Set<Long> publishing = new HashSet<>();
    private final ConcurrentLinkedQueue<Long> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> failed = new ConcurrentLinkedQueue<>();
    private boolean publicationsPending = true;

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

    public GatewayIngest(String gatewayId, GatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler) {
        this(gatewayId, store, rules, uplink, scheduler, QUEUE_CAPACITY);
    }

    /**
     * @param queueCapacity items waiting for the ingest thread; an ingest driven by {@link #ingestNow}
     *                      queues nothing, and spares the 400 kB a full-size queue takes
     */
    GatewayIngest(String gatewayId, GatewayStore store, RuleBook rules, Uplink uplink, Scheduler scheduler, int queueCapacity) {
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.gatewayId = gatewayId;
        this.store = store;
        this.rules = rules;
        this.uplink = uplink;
        this.scheduler = scheduler;
        loadState();
        this.thread = new Thread(this::run, "ingest");
        thread.setDaemon(true);
    }

    /** Rebuilds the engine and the watermarks from the store: at start, and after a failed write. */
    private void loadState() {
        engine = store.engineSnapshot().map(s -> {
            try {
                return AlertEngine.restore(rules, s);
            } catch (IllegalArgumentException e) {
                Logger.error("the saved alert state is unreadable ({}); starting with no open alerts", e.getMessage());
                return new AlertEngine(rules);
            }
        }).orElseGet(() -> new AlertEngine(rules));
        tracker = new SequenceTracker();
        for (SequenceState s : store.sequences()) {
            tracker.restore(new SequenceTracker.Key(s.site(), s.node(), s.boot()), s.watermark(), s.lost());
        }
        alertsActive.set(engine.active().size());
        publishing.clear();
        publicationsPending = true;
    }

    public void start() {
        thread.start();
    }

    public void addListener(Listener l) {
        listeners.add(l);
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
        return new GatewayStats(scheduler.now(), c);
    }

    /** Publishes the stats, retained, on {@code wp/v1/_gateway/{id}/stats}. */
    public void publishStats() {
        String topic = new GatewayStatsTopic(gatewayId).name();
        uplink.publish(Outgoing.retained(topic, WireCodec.encode(stats()).getBytes(StandardCharsets.UTF_8)), null);
    }

    private void run() {
        List<Item> items = new ArrayList<>(MAX_BATCH);
        while (!closing) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    housekeeping();
                    continue;
                }
                items.add(first);
                queue.drainTo(items, MAX_BATCH - 1);
                process(items);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Logger.error(e, "ingest failed on a batch of {}; it is retried through the nodes' resends", items.size());
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
    }

    private void process(List<Item> items) {
        Pending p = new Pending();
        boolean ticked = false;
        for (Item item : items) {
            if (item instanceof Incoming in) {
                handle(in, p);
            } else if (item instanceof Flush f) {
                p.flushes.add(f.done());
            } else {
                ticked = true;
            }
        }
        Instant now = scheduler.now();
        if (ticked) {
            p.transitions.addAll(engine.tick(now));
        }
        commit(p, now);
        p.flushes.forEach(Runnable::run);
    }

    private void housekeeping() {
        Pending p = new Pending();
        commit(p, scheduler.now());
    }

    private void handle(Incoming in, Pending p) {
        Topic topic = Topic.parse(in.topic()).orElse(null);
        if (topic instanceof AlertAckTopic a) {
            staffAck(a.site(), in, p);
            return;
        }
        Validation v = validator.validate(in.topic(), in.payload(), in.received());
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
            p.transitions.addAll(engine.nodeState(site, node, state.online(), in.received()));
            p.observed = true;
            return;
        }
        p.nodes.put(nodeKey, new NodeState(site, node, boot, true, in.received(), ok.envelope().ts()));
        SequenceTracker.Key key = new SequenceTracker.Key(site, node, boot);
        p.touched.add(key);
        long floor = MessageValidator.firstSeq(ok);
        if (floor > 0) {
            long lost = tracker.floor(key, floor);
            if (lost > 0) {
                // a node may claim up to Long.MAX_VALUE lost seqs: the counter stops there rather than wrap negative
                gaps.accumulateAndGet(lost, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                Logger.warn("{} boot {}: {} message(s) below seq {} were dropped by the node's full outbox and will never arrive",
                        nodeKey, boot, lost, floor);
            }
        }
        long seq = ok.envelope().seq();
        if (tracker.isStored(key, seq)) {
            duplicates.incrementAndGet(); // a resend: the node did not get our ack, which it gets again below
            return;
        }
        tracker.stored(key, seq);
        p.messages.add(new StoredMessage(site, node, boot, seq, t.kind().segment(), ok.envelope().ts(), in.received(),
                new String(in.payload(), StandardCharsets.UTF_8)));
        p.validated.add(ok);
        if (t.kind() == NodeTopic.Kind.TELEMETRY) {
            p.transitions.addAll(engine.observe(Observation.of(site, node, ok.envelope().ts(), in.received(), ok.metrics())));
            p.observed = true;
        }
    }

    private void staffAck(String site, Incoming in, Pending p) {
        AlertAck ack;
        try {
            ack = WireCodec.decodeAlertAck(in.payload());
        } catch (WireFormatException e) {
            reject(in, e.reasons(), p);
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
        List<SequenceState> sequences = new ArrayList<>();
        for (SequenceTracker.Key k : tracker.takeChanged()) {
            sequences.add(new SequenceState(k.site(), k.node(), k.boot(), tracker.watermark(k), tracker.lost(k)));
        }
        List<AlertRecord> history = new ArrayList<>();
        List<Publication> publications = new ArrayList<>();
        for (Alert a : p.transitions) {
            String json = WireCodec.encode(a);
            history.add(new AlertRecord(a.site(), a.key(), a.state().wire(), a.at(), json));
            String active = new AlertActiveTopic(a.site(), a.key()).name();
            byte[] activePayload = a.state() == AlertState.RESOLVED ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            publications.add(new Publication(0, active, activePayload, true));
            publications.add(new Publication(0, new AlertEventsTopic(a.site()).name(), json.getBytes(StandardCharsets.UTF_8), false));
            Logger.info("alert {} {} {}: {}", a.state().wire(), a.severity().wire(), a.key(), a.message());
        }
        String snapshot = null;
        boolean snapshotDue = Duration.between(lastSnapshot, now).compareTo(SNAPSHOT_INTERVAL) >= 0 || now.isBefore(lastSnapshot);
        if (!p.transitions.isEmpty() || (p.observed && snapshotDue)) {
            snapshot = engine.snapshot();
            lastSnapshot = now;
        }
        Batch batch = new Batch(p.messages, sequences, new ArrayList<>(p.nodes.values()), history, publications, snapshot);
        if (!batch.isEmpty()) {
            boolean[] fresh;
            try {
                fresh = store.write(batch);
            } catch (StoreException e) {
                storeFailures.incrementAndGet();
                Logger.error("{}; nothing of this batch is acknowledged, nodes will resend it", e.getMessage());
                loadState(); // the tracker and engine moved ahead of the store: take them back
                return;
            }
            for (int i = 0; i < fresh.length; i++) {
                if (fresh[i]) {
                    stored.incrementAndGet();
                    for (Listener l : listeners) {
                        l.stored(p.validated.get(i));
                    }
                } else {
                    duplicates.incrementAndGet();
                }
            }
            for (Alert a : p.transitions) {
                for (Listener l : listeners) {
                    l.alert(a);
                }
            }
            if (!publications.isEmpty()) {
                publicationsPending = true;
            }
            alertsActive.set(engine.active().size());
        }
        for (SequenceTracker.Key k : p.touched) {
            long w = tracker.watermark(k);
            if (w > 0) {
                acksOwed.put(k, w);
            }
        }
        sendAcks();
        publishAlerts();
        publishRejects(p.rejects);
    }

    private void sendAcks() {
        if (acksOwed.isEmpty() || !uplink.isConnected()) {
            return;
        }
        var it = acksOwed.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            SequenceTracker.Key k = e.getKey();
            String topic = NodeTopic.of(k.site(), k.node(), NodeTopic.Kind.ACK).name();
            byte[] payload = WireCodec.encode(new Ack(k.boot(), e.getValue())).getBytes(StandardCharsets.UTF_8);
            if (!uplink.publish(Outgoing.of(topic, payload), null)) {
                return; // window full: the rest go with the next batch or tick
            }
            acksSent.incrementAndGet();
            it.remove();
        }
    }

    private void publishAlerts() {
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
        if (!publicationsPending || !uplink.isConnected()) {
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
                return;
            }
            publishing.add(id);
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

    /** The uplink reconnected: whatever was in flight may be lost, publish the alert outbox again. */
    public void reconnected() {
        put(new Flush(() -> {
            publishing.clear();
            publicationsPending = true;
        }));
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
