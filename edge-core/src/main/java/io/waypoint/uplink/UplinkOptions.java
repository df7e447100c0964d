package io.waypoint.uplink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How an uplink connects.
 *
 * @param broker       {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId     stable across restarts ({@code site.node}) so the broker keeps our session
 * @param cleanSession false in the field: the broker queues our subscriptions' messages while we are away
 * @param username     null for none
 * @param password     null for none; never logged
 * @param keepAlive    MQTT keep-alive
 * @param maxInFlight  publishes awaiting PUBACK at once; Paho fails with 32202 beyond its own limit,
 *                     which is set just above this so we never meet it
 * @param will         Last Will, published by the broker if we vanish; null for none
 * @param birth        published (before anything else) at every connect; null for none
 * @param farewell     published on a clean close, since a clean disconnect discards the will; null for none
 * @param caFile       PEM CA certificate to trust for {@code ssl://}; null for the JVM's defaults
 * @param reconnectMax the longest wait between connection attempts (see {@link ReconnectBackoff}): 60 s in
 *                     the field; a client whose broker runs on the same box may come back sooner
 * @param readGathering with our own client ({@code broker.client = direct}): while messages flow, how long to
 *                     let the socket gather more after a read that brought little, so that one read and one
 *                     write of PUBACKs serve many messages instead of one each; a message that comes in that
 *                     pause waits for it. Zero: read whatever comes as soon as it comes (see {@link DirectUplink})
 */
public record UplinkOptions(URI broker, String clientId, boolean cleanSession, String username, char[] password,
                            Duration keepAlive, int maxInFlight, Outgoing will, Supplier<Outgoing> birth,
                            Supplier<Outgoing> farewell, Path caFile, Duration reconnectMax, Duration readGathering) {
    /** The field's ceiling between connection attempts. */
    public static final Duration RECONNECT_MAX = Duration.ofSeconds(60);
    /**
     * The default pause after a read that brought little while messages flow: under load one read and one
     * write of PUBACKs then serve dozens of messages (the gateway's uplink thread 15 -> 3 µs a message, a
     * node draining its outbox 30-35 -> 13-27, bench/PROFILE.md); a message waits at most this long more,
     * against the tens of milliseconds an alert may take.
     */
    public static final Duration READ_GATHERING = Duration.ofMillis(1);
    /** Beyond this a pause would hold messages longer than it saves: alerts must reach staff in tens of milliseconds. */
    static final Duration MAX_READ_GATHERING = Duration.ofMillis(10);

    public UplinkOptions {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(keepAlive, "keepAlive");
        if (maxInFlight < 1 || maxInFlight > 60_000) {
            throw new IllegalArgumentException("maxInFlight must be 1..60000, was " + maxInFlight);
        }
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(ReconnectBackoff.INITIAL) < 0) {
            throw new IllegalArgumentException("reconnectMax must be at least " + ReconnectBackoff.INITIAL.toSeconds()
                    + " s, was " + reconnectMax);
        }
        Objects.requireNonNull(readGathering, "readGathering");
        if (readGathering.isNegative() || readGathering.compareTo(MAX_READ_GATHERING) > 0) {
            throw new IllegalArgumentException("readGathering must be 0.." + MAX_READ_GATHERING.toMillis() + " ms, was " + readGathering);
        }
    }

    /**
     * Persistent session, no credentials, 30 s keep-alive, 1000 in flight, no will or birth, attempts at most 60 s
     * apart, reads gathered for {@link #READ_GATHERING} while messages flow.
     */
    public static UplinkOptions of(URI broker, String clientId) {
        return new UplinkOptions(broker, clientId, false, null, null, Duration.ofSeconds(30), 1000, null, null, null, null,
                RECONNECT_MAX, READ_GATHERING);
    }

    public UplinkOptions withCredentials(String user, char[] pass) {
        return new UplinkOptions(broker, clientId, cleanSession, user, pass, keepAlive, maxInFlight, will, birth, farewell, caFile, reconnectMax, readGathering);
    }

    public UplinkOptions withLifecycle(Outgoing will, Supplier<Outgoing> birth, Supplier<Outgoing> farewell) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, keepAlive, maxInFlight, will, birth, farewell, caFile, reconnectMax, readGathering);
    }

    public UplinkOptions withMaxInFlight(int n) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, keepAlive, n, will, birth, farewell, caFile, reconnectMax, readGathering);
    }

    public UplinkOptions withCaFile(Path ca) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, keepAlive, maxInFlight, will, birth, farewell, ca, reconnectMax, readGathering);
    }

    public UplinkOptions withKeepAlive(Duration d) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, d, maxInFlight, will, birth, farewell, caFile, reconnectMax, readGathering);
    }

    /**
     * A session the broker forgets when we disconnect: for a member of a shared subscription, whose
     * share the broker would otherwise keep queueing for it while it is down (Mosquitto, EMQX: a
     * persistent member's session stays in the round robin), where the senders' own resends are
     * what carries a message to a member that is up.
     */
    public UplinkOptions withCleanSession(boolean clean) {
        return new UplinkOptions(broker, clientId, clean, username, password, keepAlive, maxInFlight, will, birth, farewell, caFile,
                reconnectMax, readGathering);
    }

    public UplinkOptions withReconnectMax(Duration max) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, keepAlive, maxInFlight, will, birth, farewell, caFile,
                max, readGathering);
    }

    /** Sets {@code readGathering} (see the record's description). */
    public UplinkOptions withReadGathering(Duration d) {
        return new UplinkOptions(broker, clientId, cleanSession, username, password, keepAlive, maxInFlight, will, birth, farewell, caFile,
                reconnectMax, d);
    }

    @Override
    public String toString() {
        // never print the password
        return "UplinkOptions[broker=" + broker + ", clientId=" + clientId + ", cleanSession=" + cleanSession
                + ", user=" + (username == null ? "none" : username) + "]";
    }
}
