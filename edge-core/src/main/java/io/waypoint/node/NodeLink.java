package io.waypoint.node;

import io.waypoint.config.Settings;
import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxException;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.Ack;
import io.waypoint.wire.Body;
import io.waypoint.wire.CommandTopic;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.StateBody;
import io.waypoint.wire.Topic;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
 */
public final class NodeLink implements AutoCloseable {
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);
    private static final int BATCH = 256;

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

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean dirty;
    private volatile boolean rewindRequested;
    private volatile boolean closing;
    private final Thread drainer;

    /** Handed out by the outbox but refused by the uplink (window full, connection gone): sent first. */
    private final ArrayDeque<OutboxMessage> unsent = new ArrayDeque<>();
    private final Map<Long, Long> acked = new HashMap<>();
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

    /** Figures for the console and for tests. */
    public record LinkStats(long boot, long lastSeq, long sent, long resends, boolean connected, long held,
                            long unacknowledged) {}

    private NodeLink(NodeLinkOptions options, Scheduler scheduler, Outbox outbox, Function<UplinkOptions, Uplink> uplinks)
            throws IOException {
        this.options = options;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.boot = BootCounter.next(options.dataDir(), outbox.highestBoot());
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
                rewindRequested = true; // the broker may have lost what it held
                signal();
            }

            @Override
            public void disconnected(String cause) {
                signal();
            }
        });
        uplink.subscribe(NodeTopic.of(ref.site(), ref.node(), NodeTopic.Kind.ACK).name(), (t, p, r) -> onAck(p));
        uplink.subscribe(stateTopic.substring(0, stateTopic.length() - "state".length()) + "cmd/+", this::onCommand);
    }

    /**
     * Opens the outbox in {@code dataDir/outbox}, counts a boot and connects in the background.
     *
     * @param scheduler real time: commits, resend timeouts and reconnects are about the network and
     *                  the disk, not the simulated world (whose clock stamps messages instead)
     */
    public static NodeLink open(NodeLinkOptions options, Scheduler scheduler) throws IOException {
        Outbox outbox = Outbox.open(options.dataDir().resolve("outbox"), options.outbox(), scheduler);
        try {
            return new NodeLink(options, scheduler, outbox, u -> Uplink.paho(u, scheduler));
        } catch (IOException | RuntimeException e) {
            outbox.close();
            throw e;
        }
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
     * Stamps {@code body} (telemetry or an event) and holds it in the outbox; it is sent as soon as
     * the link allows. Returns its seq.
     *
     * @throws OutboxException when the disk refuses the message (full, read-only): it is not held and
     *                         no seq is used up, so the gateway sees no gap
     */
    public long send(Body body) {
        String topic = switch (body.kind()) {
            case TELEMETRY -> telemetryTopic;
            case EVENT -> eventTopic;
            default -> throw new IllegalArgumentException("only telemetry and events are sent through the outbox, not " + body.kind());
        };
        long s;
        synchronized (appendLock) {
            s = seq + 1;
            Instant ts = options.messageClock().instant();
            Envelope env = Envelope.of(options.node(), boot, s, ts, options.clockState().apply(ts));
            byte[] payload = WireCodec.encode(env, body).getBytes(StandardCharsets.UTF_8);
            outbox.append(new OutboxMessage(boot, s, topic, payload));
            seq = s; // only once held: a refused append leaves no hole in the sequence
        }
        signal();
        return s;
    }

    /** Messages the outbox dropped because it was full since the last call: for {@code outbox_dropped}. */
    public long takeOutboxDropped() {
        return outbox.takeDropped();
    }

    /** Registers the handler of {@code wp/v1/{site}/{node}/cmd/{name}}. */
    public void onCommand(String name, CommandHandler handler) {
        commands.put(name, handler);
    }

    public LinkStats stats() {
        long last;
        synchronized (appendLock) {
            last = seq;
        }
        var o = outbox.stats();
        return new LinkStats(boot, last, sent.get(), resends.get(), uplink.isConnected(), o.messagesHeld(), o.unacknowledged());
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
        lock.lock();
        try {
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
        long outstanding = outbox.stats().handedOut();
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
        if (rewindRequested) {
            rewindRequested = false;
            unsent.clear();
            if (outbox.stats().handedOut() > 0) {
                resends.incrementAndGet();
            }
            outbox.rewind();
        }
        while (!closing) {
            if (unsent.isEmpty()) {
                long room = options.window() - outbox.stats().handedOut();
                if (room <= 0) {
                    return;
                }
                List<OutboxMessage> batch = outbox.nextBatch((int) Math.min(room, BATCH));
                if (batch.isEmpty()) {
                    return;
                }
                unsent.addAll(batch);
            }
            while (!unsent.isEmpty()) {
                OutboxMessage m = unsent.peek();
                if (!uplink.publish(Outgoing.of(m.topic(), withFirstSeq(m)), ok -> signal())) {
                    return; // in-flight window full or disconnected: a delivery or reconnect wakes us
                }
                unsent.poll();
                sent.incrementAndGet();
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
        }
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
        OptionalLong first = outbox.firstHeldSeq(m.boot());
        long floor = first.isPresent() ? Math.min(first.getAsLong(), m.seq()) : m.seq();
        byte[] prefix = ("{\"" + Envelope.FIRST_SEQ + "\":" + floor + ",").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + p.length - 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(p, 1, out, prefix.length, p.length - 1);
        return out;
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
