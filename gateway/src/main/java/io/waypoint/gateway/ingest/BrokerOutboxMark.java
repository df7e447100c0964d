package io.waypoint.gateway.ingest;

import io.waypoint.gateway.store.GatewayStore.Publication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far the broker has our alert outbox: the last outbox row handed to the broker, with a digest
 * of its topic and payload, published retained on {@code wp/v1/_gateway/{id}/outbox} right after
 * the rows it covers, on the same connection.
 *
 * <p>Why: an alert transition leaves the outbox when the broker's PUBACK for it is processed. A
 * gateway killed after the broker took a transition but before that is committed would send it
 * again at its next start, and staff would be told of one alert twice. The broker handles one
 * connection's packets in order, so a mark it retains proves it took every row the mark covers;
 * at each connect the gateway reads the mark back and drops those rows instead of sending them
 * again. The digest ties the mark to this store: a mark left by a store that was since replaced
 * (a new data dir, the same gateway id) names a row this store does not hold, and is ignored.
 *
 * @param through the id of the last outbox row handed over before the mark
 * @param digest  SHA-256 of that row's topic and payload, hex
 */
record BrokerOutboxMark(long through, String digest) {
    private static final Pattern FORMAT = Pattern.compile("\\{\"through\":(\\d+),\"digest\":\"([0-9a-f]{64})\"}");

    /** The mark for having handed over {@code last} (and every pending row before it). */
    static BrokerOutboxMark after(Publication last) {
        return new BrokerOutboxMark(last.id(), digestOf(last));
    }

    /** The retained payload. */
    byte[] payload() {
        return ("{\"through\":" + through + ",\"digest\":\"" + digest + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A mark read back from the broker; empty for anything else (an empty retained payload, someone else's bytes). */
    static Optional<BrokerOutboxMark> parse(byte[] payload) {
        Matcher m = FORMAT.matcher(new String(payload, StandardCharsets.UTF_8));
        return m.matches() ? Optional.of(new BrokerOutboxMark(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    /**
     * The pending rows the broker already took: every row up to the one this mark names, if that row
     * is still pending and is the one the mark was made for; else none.
     */
    List<Publication> takenFrom(List<Publication> pending) {
        boolean ours = pending.stream().anyMatch(p -> p.id() == through && digestOf(p).equals(digest));
        return ours ? pending.stream().filter(p -> p.id() <= through).toList() : List.of();
    }

    static String digestOf(Publication p) {
        return digestOf(p.topic(), p.payload());
    }

    static String digestOf(String topic, byte[] payload) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(topic.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(payload);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
