package io.waypoint.node;

import io.waypoint.outbox.OutboxOptions;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.NodeRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a node links to its gateway.
 *
 * @param node         the node's identity; its client id is {@code site.node}
 * @param dataDir      where the boot counter and the outbox live
 * @param broker       the broker address
 * @param username     null for anonymous
 * @param password     null for none
 * @param caFile       the site CA for {@code ssl://}, or null
 * @param outbox       outbox size and commit cadence
 * @param window       messages sent but not yet acknowledged by the gateway, at most: while the
 *                     gateway is away the broker would otherwise queue the whole backlog, again at
 *                     every resend
 * @param ackTimeout   no acknowledgement progress this long with messages outstanding: resend them;
 *                     doubled at each further timeout up to {@code maxAckTimeout}, reset by progress
 * @param maxAckTimeout the longest wait between resends to a silent gateway
 * @param messageClock stamps the messages' {@code ts}: the simulated world's clock in the simulator
 * @param clockState   whether the node's clock can be trusted at a given instant
 * @param birthExtra   keys the birth carries besides {@code online} (kind of node, version...)
 * @param reconnectMax the longest wait between attempts to reach the broker (60 s in the field)
 * @param pahoClient   talk MQTT through Eclipse Paho instead of waypoint's own client (the default, which
 *                     spends half the CPU a message: README.md, "Talking to the broker")
 */
public record NodeLinkOptions(NodeRef node, Path dataDir, URI broker, String username, char[] password, Path caFile,
                              OutboxOptions outbox, int window, Duration ackTimeout, Duration maxAckTimeout,
                              Clock messageClock, Function<Instant, ClockState> clockState, Map<String, ?> birthExtra,
                              Duration reconnectMax, boolean pahoClient) {
    /** A board without a real-time clock boots in 1970 (or at its last saved time); before this it is surely wrong. */
    private static final Instant PLAUSIBLE = Instant.parse("2025-01-01T00:00:00Z");

    public NodeLinkOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(messageClock, "messageClock");
        Objects.requireNonNull(clockState, "clockState");
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        birthExtra = birthExtra == null ? Map.of() : Map.copyOf(birthExtra);
        Objects.requireNonNull(reconnectMax, "reconnectMax");
    }

    /**
     * Field defaults: 64 MiB outbox, 4096 in the window, resend after 30 s of silence backing off to
     * 15 min, the system clock, trusted once it reads 2025 or later.
     */
    public static NodeLinkOptions of(NodeRef node, Path dataDir, URI broker) {
        return new NodeLinkOptions(node, dataDir, broker, null, null, null, OutboxOptions.defaults(), 4096,
                Duration.ofSeconds(30), Duration.ofMinutes(15), Clock.systemUTC(), NodeLinkOptions::plausible, Map.of(),
                UplinkOptions.RECONNECT_MAX, false);
    }

    static ClockState plausible(Instant t) {
        return t.isBefore(PLAUSIBLE) ? ClockState.UNSYNCED : ClockState.SYNCED;
    }

    public NodeLinkOptions withMessageClock(Clock c) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, window, ackTimeout, maxAckTimeout,
                c, clockState, birthExtra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withOutbox(OutboxOptions o) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, o, window, ackTimeout, maxAckTimeout,
                messageClock, clockState, birthExtra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withCredentials(String user, char[] pass, Path ca) {
        return new NodeLinkOptions(node, dataDir, broker, user, pass, ca, outbox, window, ackTimeout, maxAckTimeout,
                messageClock, clockState, birthExtra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withAckTimeout(Duration first, Duration max) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, window, first, max,
                messageClock, clockState, birthExtra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withWindow(int n) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, n, ackTimeout, maxAckTimeout,
                messageClock, clockState, birthExtra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withBirthExtra(Map<String, ?> extra) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, window, ackTimeout, maxAckTimeout,
                messageClock, clockState, extra, reconnectMax, pahoClient);
    }

    public NodeLinkOptions withReconnectMax(Duration max) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, window, ackTimeout, maxAckTimeout,
                messageClock, clockState, birthExtra, max, pahoClient);
    }

    public NodeLinkOptions withPahoClient(boolean paho) {
        return new NodeLinkOptions(node, dataDir, broker, username, password, caFile, outbox, window, ackTimeout, maxAckTimeout,
                messageClock, clockState, birthExtra, reconnectMax, paho);
    }

    /** The uplink options these imply: client id {@code site.node}, persistent session. */
    UplinkOptions uplink() {
        UplinkOptions u = UplinkOptions.of(broker, node.site() + "." + node.node()).withReconnectMax(reconnectMax);
        if (username != null) {
            u = u.withCredentials(username, password);
        }
        if (caFile != null) {
            u = u.withCaFile(caFile);
        }
        return u;
    }

    @Override
    public String toString() {
        return "NodeLinkOptions[" + node + ", broker=" + broker + ", data=" + dataDir + "]";
    }
}
