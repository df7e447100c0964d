package io.waypoint.node;

import io.waypoint.config.Settings;
import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxException;
import io.waypoint.outbox.OutboxInUseException;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.storage.FileDamage;
import io.waypoint.storage.StorageProblem;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.Ack;
import io.waypoint.wire.Body;
import io.waypoint.wire.CommandTopic;
import io.waypoint.wire.EventBody;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.StateBody;
import io.waypoint.wire.Topic;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.tinylog.Logger;

/**
 * A node's link to its gateway. Every message it is given is stamped ({@code boot}, {@code seq},
 * {@code ts}, {@code clock}), written to the outbox, then sent through the uplink; it leaves the
 * outbox only when the gateway acknowledges it on {@code wp/v1/{site}/{node}/ack}. What is not
 * acknowledged is sent again after every reconnect and whenever acknowledgements are overdue
 * (30 s, backing off to 15 min while the gateway stays silent, so a week without a gateway does not
 * queue a week of copies at the broker). At most {@code window} messages are out at once.
 *
 * <p>Each message sent carries {@code first_seq}: the lowest seq of its boot the node still holds,
 * so the gateway stops waiting for messages the node had to drop from a full outbox.
 *
 * <p>The birth (retained {@code state}, {@code online:true}) goes out at every connect; the Last Will
 * announces {@code online:false}; a clean {@link #close()} publishes it explicitly.
 *
 * <p><b>A card that refuses writes</b> (full, read-only, failing) never stops the node: a message the
 * outbox refuses is held in memory (up to {@link #MEMORY_BYTES}, oldest dropped beyond) and sent like
 * the others, and the link reports the fault itself as an event, {@code {"type":"fault","part":"storage",
 * "reason":"disk_full|read_only|io_error"}}, then {@code fault_cleared} once the disk takes messages
 * again. What is held in memory is lost if the process ends first; the gateway learns of the hole
 * from {@code first_seq}. A boot counter that cannot be saved gives an unsaved boot (see
 * {@link BootCounter}), reported the same way; an outbox that cannot even be opened is replaced by
 * {@link Outbox#unavailable} and everything is held in memory.
 *
 * <p><b>Damaged files</b> the outbox and the boot counter found at open are reported once, as
 * {@code file_damaged} events ({@link #reportDamage}), so staff far away learn of them.
 */
public final class NodeLink implements AutoCloseable {
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);
    private static final int BATCH = 256;
    /** Messages written to the broker in one system call at most (see drainOnce). */
    private static final int PUBLISHED_TOGETHER = 64;
    /** The most message bytes held in memory while the disk refuses them: a week of a well's telemetry. */
    public static final long MEMORY_BYTES = 4L * 1024 * 1024;
    /** The part a storage fault event names. */
    public static final String STORAGE_PART = "storage";

    private final NodeLinkOptions options;
    private final Scheduler scheduler;
    private final Outbox outbox;
    private final Uplink uplink;
    private final long boot;
    private final String stateTopic;
    private final String telemetryTopic;
    private final String eventTopic;
    private final Instant started;

    private final Object appendLock = new Object();
    private long seq;
    /** Why the disk refused the last message, or null while it takes them; guarded by appendLock. */
    private StorageProblem storageProblem;
    /** The outbox's words for the last refusal, for the log; guarded by appendLock. */
    private String lastRefusal;
    private final MemoryHold memory = new MemoryHold(MEMORY_BYTES);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean dirty;
    private volatile boolean rewindRequested;
    /**
     * The uplink connection (its count of connects) whose sending began with a rewind. Each connection
     * starts from the oldest unacknowledged message, once, before anything is sent on it: the broker may
     * have lost what the last one held. Not in the connected callback: that comes on another thread,
     * maybe after this one already sent on the new connection, and would send all that again.
     */
    private long rewoundFor = -1;
    private volatile boolean closing;
    private final Thread drainer;

    /** Handed out by the outbox but refused by the uplink (window full, connection gone): sent first. */
    private final ArrayDeque<OutboxMessage> unsent = new ArrayDeque<>();
    private final Map<Long, Long> acked = new HashMap<>();
    /** Per boot, the watermark at which a hole last made us send again; guarded by lock. */
    private final Map<Long, Long> holeRewinds = new HashMap<>();
    private Instant lastProgress;
    private Duration ackTimeout;
    private boolean idle = true;

    private final Map<String, CommandHandler> commands = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();

    /** Answers a command from the gateway or staff; the returned text goes to {@code cmd/{name}/result}. */
    @FunctionalInterface
    public interface CommandHandler {
        String handle(byte[] payload);
    }

    /**
     * Figures for the console and for tests.
     *
     * @param held           messages held, on disk and in memory
     * @param unacknowledged held messages the gateway has not acknowledged
     * @param inMemory       of those, held in memory because the disk refused them
     * @param storage        {@code ok}, or why the disk refuses messages ({@code disk_full}, {@code read_only}, {@code io_error})
     */
    public record LinkStats(long boot, long lastSeq, long sent, long resends, boolean connected, long held,
                            long unacknowledged, long inMemory, String storage) {}

    private NodeLink(NodeLinkOptions options, Scheduler scheduler, Outbox outbox, Function<UplinkOptions, Uplink> uplinks,
                     RandomGenerator random) {
        this.options = options;
        this.scheduler = scheduler;
        this.outbox = outbox;
        BootCounter.Boot counted = BootCounter.count(options.dataDir(), outbox.highestBoot(), random);
        this.boot = counted.number();
        NodeRef ref = options.node();
        this.stateTopic = NodeTopic.of(ref.site(), ref.node(), NodeTopic.Kind.STATE).name();
        this.telemetryTopic = NodeTopic.of(ref.site(), ref.node(), NodeTopic.Kind.TELEMETRY).name();
        this.eventTopic = NodeTopic.of(ref.site(), ref.node(), NodeTopic.Kind.EVENT).name();
        this.started = options.messageClock().instant();
        this.ackTimeout = options.ackTimeout();
        Outgoing will = Outgoing.retained(stateTopic, state(StateBody.death(), started));
        this.uplink = uplinks.apply(options.uplink().withLifecycle(will, this::birth,
                () -> Outgoing.retained(stateTopic, state(StateBody.death(), options.messageClock().instant()))));
        this.drainer = new Thread(this::drainLoop, "link-" + ref.node());
        drainer.setDaemon(true);
        commands.put("rebirth", payload -> {
            uplink.publish(birth(), null);
            return "{\"ok\":true}";
        });
        Logger.info("node {} boot {}: outbox holds {} message(s), {} unacknowledged", ref, boot,
                outbox.stats().messagesHeld(), outbox.stats().unacknowledged());
        uplink.addListener(new Uplink.ConnectionListener() {
            @Override
            public void connected() {
                signal(); // drainOnce rewinds for the new connection
            }

            @Override
            public void disconnected(String cause) {
                signal();
            }
        });
        uplink.subscribe(NodeTopic.of(ref.site(), ref.node(), NodeTopic.Kind.ACK).name(), (t, p, r) -> onAck(p));
        uplink.subscribe(stateTopic.substring(0, stateTopic.length() - "state".length()) + "cmd/+", this::onCommand);
        counted.damage().ifPresent(this::reportDamage);
        outbox.damage().forEach(this::reportDamage);
        counted.unsaved().ifPresent(problem -> {
            synchronized (appendLock) {
                noteStorage(problem);
            }
        });
    }

    /**
     * Opens the outbox in {@code dataDir/outbox}, counts a boot and connects in the background.
     *
     * @param scheduler real time: commits, resend timeouts and reconnects are about the network and
     *                  the disk, not the simulated world (whose clock stamps messages instead)
     */
    public static NodeLink open(NodeLinkOptions options, Scheduler scheduler) throws IOException {
        Path dir = options.dataDir().resolve("outbox");
        Outbox outbox;
        try {
            outbox = Outbox.open(dir, options.outbox(), scheduler);
        } catch (OutboxInUseException e) {
            throw e; // two nodes on one data dir: running on would send under one identity twice
        } catch (IOException e) {
            // a card that cannot hold the outbox must not stop the node (nor restart it in a loop)
            StorageProblem problem = StorageProblem.of(e);
            Logger.error("node {}: cannot open the outbox {} ({}); messages are held in memory only; {}", options.node(), dir,
                    e.getMessage(), problem.whatToDo());
            outbox = Outbox.unavailable(dir, e);
        }
        try {
            return new NodeLink(options, scheduler, outbox, u -> Uplink.of(u, scheduler, options.pahoClient()), RandomGenerator.getDefault());
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /** A link over a given outbox (a test's, which may refuse writes on demand), counting a boot in {@code dataDir}. */
    static NodeLink open(NodeLinkOptions options, Scheduler scheduler, Outbox outbox) {
        return new NodeLink(options, scheduler, outbox, u -> Uplink.of(u, scheduler, options.pahoClient()), RandomGenerator.getDefault());
    }

    /** Starts connecting and sending. */
    public NodeLink start() {
        drainer.start();
        uplink.start();
        return this;
    }

    public long boot() {
        return boot;
    }

    public NodeRef node() {
        return options.node();
    }

    /**
     * Stamps {@code body} (telemetry or an event) and holds it in the outbox, or in memory if the disk
     * refuses it (full, read-only, failing: see the class comment); it is sent as soon as the link
     * allows. Returns its seq.
     *
     * @throws IllegalArgumentException if the message is too large for the outbox: it is not held and
     *                                  no seq is used up, so the gateway sees no gap
     * @throws OutboxException          if the link is closed
     */
    public long send(Body body) {
        String topic = switch (body.kind()) {
            case TELEMETRY -> telemetryTopic;
            case EVENT -> eventTopic;
            default -> throw new IllegalArgumentException("only telemetry and events are sent through the outbox, not " + body.kind());
        };
        long s;
        synchronized (appendLock) {
            Held held = hold(topic, body);
            s = held.seq();
            noteStorage(held.refused());
        }
        signal();
        return s;
    }

    /** What became of one stamped message: its seq, and why the disk refused it (null: it is on disk). */
    private record Held(long seq, StorageProblem refused) {}

    /** Stamps and holds one message, on disk or else in memory. Under appendLock. */
    private Held hold(String topic, Body body) {
        long s = seq + 1;
        Instant ts = options.messageClock().instant();
        Envelope env = Envelope.of(options.node(), boot, s, ts, options.clockState().apply(ts));
        OutboxMessage m = new OutboxMessage(boot, s, topic, WireCodec.encode(env, body).getBytes(StandardCharsets.UTF_8));
        StorageProblem refused = null;
        try {
            outbox.append(m);
        } catch (OutboxException e) {
            // a closed outbox is not the disk refusing: the caller must hear of it
            refused = e.storageProblem().orElseThrow(() -> e);
            long droppedBefore = memory.droppedTotal();
            memory.add(m);
            if (droppedBefore == 0 && memory.droppedTotal() > 0) {
                Logger.error("node {}: {} MiB of messages held in memory while the disk refuses them; dropping the oldest, "
                        + "counted in outbox_dropped", options.node(), MEMORY_BYTES >> 20);
            }
            lastRefusal = e.getMessage();
        }
        seq = s; // only once held: a message too large to hold leaves no hole in the sequence
        return new Held(s, refused);
    }

    /** The disk's state after a message: reports a change as an event of its own. Under appendLock. */
    private void noteStorage(StorageProblem now) {
        if (now == storageProblem) {
            return;
        }
        StorageProblem before = storageProblem;
        storageProblem = now;
        if (now != null) {
            Logger.error("node {}: the disk refuses messages ({}): holding them in memory and sending them, but what the gateway "
                    + "has not acknowledged is lost if the node restarts; {}", options.node(), lastRefusal, now.whatToDo());
            hold(eventTopic, EventBody.fault(STORAGE_PART, now.reason()));
        } else {
            Logger.info("node {}: the disk takes messages again ({} is over)", options.node(), before.reason());
            hold(eventTopic, EventBody.faultCleared(STORAGE_PART));
        }
    }

    /**
     * Reports a damaged file (set aside at start) on the wire: {@code {"type":"file_damaged","part":..,
     * "kept":..,"action":..}}. Paths stay in the node's log: segment and copy names are long digit runs,
     * which the privacy guard rightly takes for phone numbers.
     */
    public void reportDamage(FileDamage damage) {
        EventBody event;
        try {
            event = EventBody.fileDamaged(fit(damage.part(), 64), fit(damage.kept(), 200), fit(damage.whatToDo(), 200));
        } catch (IllegalArgumentException e) {
            // a text the wire refuses (too long, a number shaped like a phone number): the log has it all
            event = EventBody.fileDamaged(damage.part(), "see the node's log", "see the node's log");
        }
        send(event);
    }

    /** {@code text} cut to the length the gateway's validator allows for it. */
    private static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** Messages the outbox dropped because it was full since the last call: for {@code outbox_dropped}. */
    public long takeOutboxDropped() {
        return outbox.takeDropped() + memory.takeDropped();
    }

    /** Registers the handler of {@code wp/v1/{site}/{node}/cmd/{name}}. */
    public void onCommand(String name, CommandHandler handler) {
        commands.put(name, handler);
    }

    public LinkStats stats() {
        long last;
        String storage;
        synchronized (appendLock) {
            last = seq;
            storage = storageProblem == null ? "ok" : storageProblem.reason();
        }
        var o = outbox.stats();
        long inMemory = memory.size();
        return new LinkStats(boot, last, sent.get(), resends.get(), uplink.isConnected(), o.messagesHeld() + inMemory,
                o.unacknowledged() + inMemory, inMemory, storage);
    }

    /**
     * Tells {@code listener} the seq of this boot's newest message each time a commit made messages
     * durable (on the committing thread; must not block).
     */
    public void onCommitted(java.util.function.LongConsumer listener) {
        outbox.onCommit(m -> {
            if (m.boot() == boot) {
                listener.accept(m.seq());
            }
        });
    }

    /** Makes everything sent so far durable now (fsync). */
    public void commit() {
        outbox.commit();
    }

    private byte[] state(StateBody body, Instant ts) {
        Envelope env = Envelope.of(options.node(), boot, 0, ts, options.clockState().apply(ts));
        return WireCodec.encode(env, body).getBytes(StandardCharsets.UTF_8);
    }

    private Outgoing birth() {
        return Outgoing.retained(stateTopic, state(StateBody.birth(options.birthExtra()), options.messageClock().instant()));
    }

    private void onAck(byte[] payload) {
        Ack ack;
        try {
            ack = WireCodec.decodeAck(payload);
        } catch (WireFormatException e) {
            Logger.warn("node {}: ignoring an unreadable ack ({})", options.node(), String.join("; ", e.reasons()));
            return;
        }
        outbox.acknowledge(ack.boot(), ack.seq());
        if (ack.boot() == boot) {
            memory.acknowledge(ack.seq());
        }
        long floor = floor(ack.boot(), Long.MAX_VALUE);
        lock.lock();
        try {
            if (floor != Long.MAX_VALUE && floor > ack.seq() + 1 && !Long.valueOf(ack.seq()).equals(holeRewinds.get(ack.boot()))) {
                // the gateway's watermark stopped at seqs this node no longer holds (a damaged record, a drop while
                // the later ones were already on their way with an older first_seq): it would wait for them until
                // the ack timeout. Send the rest again now, carrying the floor; once per watermark, so a gateway
                // that ignores first_seq gets the ordinary timeouts, not a loop
                holeRewinds.put(ack.boot(), ack.seq());
                rewindRequested = true;
                Logger.info("node {}: the gateway waits for boot {} seq {}-{}, which this node no longer holds; sending what "
                        + "follows again with first_seq {}", options.node(), ack.boot(), ack.seq() + 1, floor - 1, floor);
            }
            Long before = acked.get(ack.boot());
            if (before == null || ack.seq() > before) {
                acked.put(ack.boot(), ack.seq());
                lastProgress = scheduler.now();
                ackTimeout = options.ackTimeout();
            }
            dirty = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void onCommand(String topic, byte[] payload, boolean retained) {
        Topic.parse(topic).ifPresent(t -> {
            if (t instanceof CommandTopic c && !c.result()) {
                CommandHandler h = commands.get(c.command());
                String result;
                if (h == null) {
                    result = "{\"ok\":false,\"error\":\"unknown command; known: " + String.join(", ", commands.keySet()) + "\"}";
                } else {
                    try {
                        result = h.handle(payload);
                    } catch (RuntimeException e) {
                        Logger.error(e, "node {}: command {} failed", options.node(), c.command());
                        result = "{\"ok\":false,\"error\":\"the command failed on the node; see its log\"}";
                    }
                }
                uplink.publish(Outgoing.of(c.resultTopic().name(), result.getBytes(StandardCharsets.UTF_8)), null);
            }
        });
    }

    private void signal() {
        lock.lock();
        try {
            dirty = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void drainLoop() {
        while (!closing) {
            lock.lock();
            try {
                if (!dirty) {
                    wake.await(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                }
                dirty = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                drainOnce();
            } catch (OutboxException e) {
                if (!closing) {
                    Logger.error("node {}: reading the outbox failed ({}); retrying", options.node(), e.getMessage());
                }
            } catch (RuntimeException e) {
                Logger.error(e, "node {}: sending failed; retrying", options.node());
            }
        }
    }

    private void drainOnce() {
        Instant now = scheduler.now();
        long outstanding = handedOut();
        lock.lock();
        try {
            if (outstanding == 0) {
                idle = true;
            } else if (lastProgress != null && Duration.between(lastProgress, now).compareTo(ackTimeout) > 0) {
                Logger.info("node {}: no acknowledgement from the gateway for {} with {} message(s) out; sending them again",
                        options.node(), Settings.human(Duration.between(lastProgress, now)), outstanding);
                rewindRequested = true;
                lastProgress = now;
                ackTimeout = min(ackTimeout.multipliedBy(2), options.maxAckTimeout());
            }
        } finally {
            lock.unlock();
        }
        if (!uplink.isConnected()) {
            return;
        }
        long connection = uplink.stats().connects(); // counted before the connection shows as connected
        if (rewindRequested || connection != rewoundFor) {
            rewindRequested = false;
            rewoundFor = connection;
            unsent.clear();
            if (handedOut() > 0) {
                resends.incrementAndGet();
            }
            outbox.rewind();
            memory.rewind();
        }
        while (!closing) {
            if (unsent.isEmpty()) {
                long room = options.window() - handedOut();
                if (room <= 0) {
                    return;
                }
                List<OutboxMessage> batch = outbox.nextBatch((int) Math.min(room, BATCH));
                if (batch.isEmpty()) {
                    batch = memory.next((int) Math.min(room, BATCH));
                }
                if (batch.isEmpty()) {
                    return;
                }
                unsent.addAll(batch);
            }
            // handed over together: written in one system call (full TCP segments on the modem's metered link). A few
            // dozen at a time: what the window has no room for is built again at the next try
            List<Outgoing> batch = new ArrayList<>(Math.min(unsent.size(), PUBLISHED_TOGETHER));
            for (OutboxMessage m : unsent) {
                if (batch.size() == PUBLISHED_TOGETHER) {
                    break;
                }
                batch.add(Outgoing.of(m.topic(), withFirstSeq(m)));
            }
            int taken = uplink.publishAll(batch, ok -> signal());
            for (int i = 0; i < taken; i++) {
                unsent.poll();
            }
            if (taken > 0) {
                sent.addAndGet(taken);
                lock.lock();
                try {
                    if (idle) {
                        idle = false;
                        lastProgress = scheduler.now();
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (taken < batch.size()) {
                return; // in-flight window full or disconnected: a delivery or reconnect wakes us
            }
        }
    }

    /** Messages sent and not yet acknowledged, from the outbox and from memory. */
    private long handedOut() {
        return outbox.stats().handedOut() + memory.handedOut();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code {"first_seq":N,` + the rest: the outbox holds what was appended; the floor is current. */
    private byte[] withFirstSeq(OutboxMessage m) {
        byte[] p = m.payload();
        if (p.length < 2 || p[0] != '{') {
            return p;
        }
        long floor = floor(m.boot(), m.seq());
        byte[] prefix = ("{\"" + Envelope.FIRST_SEQ + "\":" + floor + ",").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + p.length - 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(p, 1, out, prefix.length, p.length - 1);
        return out;
    }

    /** The lowest seq of {@code boot} held unacknowledged, on disk or in memory, and at most {@code upTo}. */
    private long floor(long boot, long upTo) {
        long floor = upTo;
        OptionalLong first = outbox.firstHeldSeq(boot);
        if (first.isPresent()) {
            floor = Math.min(floor, first.getAsLong());
        }
        OptionalLong inMemory = boot == this.boot ? memory.first() : OptionalLong.empty();
        if (inMemory.isPresent()) {
            floor = Math.min(floor, inMemory.getAsLong());
        }
        return floor;
    }

    /** Commits the outbox, publishes {@code online:false}, disconnects. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        drainer.interrupt();
        try {
            drainer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outbox.commit();
        uplink.close();
        outbox.close();
        Logger.info("node {} boot {}: link closed", options.node(), boot);
    }
}
