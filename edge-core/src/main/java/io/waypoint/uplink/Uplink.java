package io.waypoint.uplink;

import io.waypoint.time.Scheduler;
import java.util.Random;

/**
 * Our connection to an MQTT broker, over Paho ({@link #paho}) or our own client ({@link #direct}). Paho's own reconnect, offline
 * buffer and file persistence are not used (they skip a failed first connect, share one static
 * delay, lose or churn messages); durability is the node's outbox, and reconnecting is ours.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} returns at once; the uplink then connects in the background and keeps
 *       reconnecting with {@link ReconnectBackoff} until {@link #close()}, the very first connect
 *       included.</li>
 *   <li>At every connect it publishes the birth message first, then re-subscribes every filter
 *       (a broker restarted without persistence forgot our session), then tells listeners.</li>
 *   <li>{@link #publish} never blocks: it returns false when not connected or when
 *       {@code maxInFlight} publishes already await their PUBACK.</li>
 *   <li>Handlers and listeners run on one uplink thread, in arrival order, never on Paho's callback
 *       thread; a slow handler slows delivery from the broker but never stalls the keep-alive.</li>
 *   <li>A publish that was in flight when its connection dropped is either delivered by the session
 *       (Paho) or reported failed (direct); a sender must be ready for either, and for a duplicate.</li>
 * </ul>
 */
public interface Uplink extends AutoCloseable {

    /** Begins connecting; returns at once. */
    void start();

    /** Whether a connection is up now (it may drop a moment later). */
    boolean isConnected();

    /**
     * Publishes without blocking.
     *
     * @param done told {@code true} when the broker acknowledged it (PUBACK; at once for QoS 0) or
     *             {@code false} when the publish failed; may be null. Runs on a Paho thread: must
     *             not block or publish.
     * @return false when not connected or too many publishes are in flight; nothing was sent
     */
    boolean publish(Outgoing message, DeliveryListener done);

    /**
     * Publishes {@code messages} in order, as many as {@link #publish} would take one after another, each
     * with {@code done}. An uplink that can writes them to the broker together (our own client: one
     * system call, full TCP segments), which for a node draining its outbox is fewer system calls, fewer
     * wake-ups of the broker, and fewer bytes of TCP/IP headers on a metered link.
     *
     * @return how many of them, from the first, were taken; the rest were not sent
     */
    default int publishAll(java.util.List<Outgoing> messages, DeliveryListener done) {
        int taken = 0;
        for (Outgoing m : messages) {
            if (!publish(m, done)) {
                break;
            }
            taken++;
        }
        return taken;
    }

    /**
     * Subscribes (QoS 1) now if connected, and again after every connect. Subscribing to a filter
     * again replaces its handler and makes the broker send its retained messages again. A shared
     * subscription ({@code $share/GROUP/FILTER}) hands each message to one member of the group; its
     * handler is given the messages' own topics, as FILTER matches them.
     */
    void subscribe(String filter, MessageHandler handler);

    /**
     * As {@link #subscribe}, but the handler runs before the message is acknowledged to the broker, on
     * the connection's receiving thread: for a handler that must make a message durable first (the
     * broker forgets a QoS 1 message once it has our acknowledgement, and a process killed with it
     * queued in memory would lose it). It must be quick: every message of the connection waits for it.
     * By default (an uplink with no queue of its own between receiving and handling) it is {@link #subscribe}.
     */
    default void subscribeBeforeAck(String filter, MessageHandler handler) {
        subscribe(filter, handler);
    }

    /** The topic filter a subscription matches messages with: {@code FILTER} of {@code $share/GROUP/FILTER}. */
    static String topicFilterOf(String subscription) {
        if (subscription.startsWith("$share/")) {
            int slash = subscription.indexOf('/', "$share/".length());
            if (slash < 0) {
                throw new IllegalArgumentException("a shared subscription is $share/GROUP/FILTER, was '" + subscription + "'");
            }
            return subscription.substring(slash + 1);
        }
        return subscription;
    }

    /** Told of every connect and every loss, on the uplink thread. */
    void addListener(ConnectionListener listener);

    /** Publishes in flight awaiting PUBACK. */
    int inFlight();

    /** Counters for stats and diagnostics. */
    UplinkStats stats();

    /** Publishes the farewell if connected, disconnects cleanly, stops reconnecting. */
    @Override
    void close();

    @FunctionalInterface
    interface MessageHandler {
        void onMessage(String topic, byte[] payload, boolean retained);
    }

    @FunctionalInterface
    interface DeliveryListener {
        void delivered(boolean ok);
    }

    interface ConnectionListener {
        void connected();

        void disconnected(String cause);
    }

    record UplinkStats(long connects, long connectFailures, long connectionsLost, long published, long publishFailures,
                       long received) {}

    /**
     * An uplink over our own MQTT 3.1.1 client ({@link DirectUplink}): one thread per connection that
     * reads, runs the handlers and acknowledges in bulk. For a process that receives thousands of
     * messages a second (the gateway), and for nodes, whose CPU a message it halves; handlers all run
     * before their message's PUBACK, so they must not block.
     */
    static Uplink direct(UplinkOptions options, Scheduler scheduler) {
        return new DirectUplink(options, scheduler, ReconnectBackoff.upTo(options.reconnectMax(), new Random()::nextDouble));
    }

    /** Our own client ({@link #direct}), or Paho ({@link #paho}) where a configuration says {@code broker.client = paho}. */
    static Uplink of(UplinkOptions options, Scheduler scheduler, boolean paho) {
        return paho ? paho(options, scheduler) : direct(options, scheduler);
    }

    /** An uplink over Paho mqttv3. */
    static Uplink paho(UplinkOptions options, Scheduler scheduler) {
        return new PahoUplink(options, scheduler, ReconnectBackoff.upTo(options.reconnectMax(), new Random()::nextDouble));
    }
}
