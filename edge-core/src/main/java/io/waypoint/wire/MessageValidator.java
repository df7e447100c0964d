package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's judgement of a node message: the topic must be a node's {@code state},
 * {@code telemetry} or {@code event} topic, and the payload the contract's JSON with plausible
 * values. It returns every reason a message is wrong, not just the first, each one sentence naming
 * the key path, the value and the expectation ({@code metrics.turbidity_ntu.min = -3: expected 0
 * to 4000 NTU}).
 *
 * <p>What it checks: the payload (at most 64 KiB, UTF-8, JSON, an object; nothing further when any
 * of these fails); the envelope ({@code v} 1, {@code site}/{@code node} equal to the topic's,
 * {@code boot} >= 1, {@code seq} >= 1 for telemetry and events and >= 0 for state, {@code ts}
 * ISO-8601, no more than 24 h ahead of {@code now} unless {@code clock} is unsynced, {@code clock}); every number anywhere finite;
 * the types and ranges of the contract's keys; and the privacy guard: any key or string value
 * anywhere that may identify a person ({@link PrivacyGuard}), whose value is never repeated.
 *
 * <p>Stateless and thread-safe; it never throws, whatever the topic and bytes (only a null
 * {@code now} is refused). Duplicates and gaps by boot/seq are the gateway's business: they need
 * state.
 */
public final class MessageValidator {
    /** Payloads above this size are refused without being parsed. */
    public static final int MAX_PAYLOAD_BYTES = JsonPayload.MAX_BYTES;
    /** How far ahead of the gateway's clock a node's {@code ts} may be. */
    public static final Duration MAX_AHEAD = Duration.ofHours(24);
    private static final Instant EARLIEST_TS = Instant.EPOCH;
    private static final Instant LATEST_TS = Instant.parse("9999-12-31T23:59:59.999Z");

    private static final long MAX = Long.MAX_VALUE;
    private static final List<String> CLOCKS = List.of("synced", "unsynced");

    /** @param now the gateway's time, to judge {@code ts} against */
    public Validation validate(String topic, byte[] payload, Instant now) {
        return validate(topic, TopicParser.parse(topic), payload, now);
    }

    /**
     * {@link #validate(String, byte[], Instant)} for a caller that has parsed the topic already.
     *
     * @param parsed what {@link Topic#parse} makes of {@code topic} (null for empty)
     */
    public Validation validate(String topic, Topic parsed, byte[] payload, Instant now) {
        Objects.requireNonNull(now, "now");
        try {
            return check(topic, parsed, payload, now);
        } catch (RuntimeException | StackOverflowError e) {
            // not expected: the checks are written not to throw; refusing beats crashing the gateway
            return new Validation.Invalid(List.of("payload could not be checked (" + e.getClass().getSimpleName() + ")"));
        }
    }

    private static Validation check(String topic, Topic parsed, byte[] payload, Instant now) {
        Inspection in = new Inspection(true);
        NodeTopic nodeTopic = null;
        if (parsed instanceof NodeTopic t && t.kind() != NodeTopic.Kind.ACK) {
            nodeTopic = t;
        } else {
            in.add("topic " + Inspection.quote(topic)
                    + " is not a node topic: expected wp/v1/{site}/{node}/state, telemetry or event");
        }
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o == null) {
            return new Validation.Invalid(in.reasons());
        }
        FlatMetrics metrics = BodyWalk.walk(o, in);
        Envelope envelope = envelope(o, nodeTopic, now, in);
        Body body = nodeTopic == null ? null : BodyDecoder.decode(nodeTopic.kind(), o, in);
        if (!in.clean() || envelope == null || body == null) {
            if (in.clean()) {
                in.add("message could not be read"); // unreachable unless a check forgets its reason
            }
            return new Validation.Invalid(in.reasons());
        }
        return new Validation.Valid(nodeTopic, envelope, body, o, metrics);
    }

    /**
     * The {@link Envelope#FIRST_SEQ} a valid message carries, or 0 when it has none (every message of
     * a node whose outbox never dropped anything may omit it).
     */
    public static long firstSeq(Validation.Valid valid) {
        Object x = valid.raw().get(Envelope.FIRST_SEQ);
        return x instanceof BigDecimal d ? d.longValue() : 0;
    }

    /** The envelope, or null when there is no node topic or {@code in} holds a reason. */
    private static Envelope envelope(JsonObject o, NodeTopic topic, Instant now, Inspection in) {
        Object v = o.get("v");
        if (v == null) {
            in.missing(o, null, "v", "expected " + Envelope.VERSION);
        } else if (v instanceof BigDecimal d) {
            if (Double.isFinite(d.doubleValue())) { // non-finite: the walk reports it
                if (!JsonValues.isIntegral(d)) {
                    in.wrong(null, "v", v, "expected " + Envelope.VERSION);
                } else if (d.compareTo(BigDecimal.valueOf(Envelope.VERSION)) != 0) {
                    in.add("unknown wire version v=" + Inspection.show(d) + "; this gateway reads v=" + Envelope.VERSION);
                }
            }
        } else {
            in.wrong(null, "v", v, "expected " + Envelope.VERSION);
        }
        identity(o, "site", topic == null ? null : topic.node().site(), in);
        identity(o, "node", topic == null ? null : topic.node().node(), in);
        long boot = in.integer(o, null, "boot", 1, MAX, "expected an integer >= 1");
        boolean sequenced = topic != null && topic.kind() != NodeTopic.Kind.STATE;
        long seq = sequenced
                ? in.integer(o, null, "seq", 1, MAX, "expected an integer >= 1 (telemetry and events count from 1)")
                : in.integer(o, null, "seq", 0, MAX, "expected an integer >= 0");
        if (o.containsKey(Envelope.FIRST_SEQ)) {
            long upTo = sequenced && seq >= 1 ? seq : MAX;
            in.integer(o, null, Envelope.FIRST_SEQ, 1, upTo, "expected an integer from 1 to this message's seq");
        }
        Instant ts = in.time(o, null, "ts");
        String clock = in.choice(o, null, "clock", CLOCKS, "expected synced or unsynced");
        // an unsynced clock may read anything (1970, or years ahead): the gateway files such messages by
        // evidence, not by ts, so only a clock that claims to be synchronised must be believable
        if (ts != null && (ts.isBefore(EARLIEST_TS) || ts.isAfter(LATEST_TS))) {
            // no board's clock reads before 1970 (one without RTC boots there) or past 9999; such a
            // time cannot be filed (it overflows epoch milliseconds) and says only that the bytes are bad
            in.add("ts = " + WireTime.format(ts) + ": expected a time from 1970-01-01 to 9999-12-31");
        } else if (ts != null && !"unsynced".equals(clock)) {
            Instant latest = now.plus(MAX_AHEAD);
            if (ts.isAfter(latest)) {
                in.add("ts = " + WireTime.format(ts) + ": expected no later than " + WireTime.format(latest)
                        + ", 24 h after the gateway's time (only an unsynced clock may be further off)");
            }
        }
        if (!in.clean() || topic == null) {
            return null;
        }
        return new Envelope(Envelope.VERSION, topic.node().site(), topic.node().node(), boot, seq, ts,
                ClockState.ofWire(clock));
    }

    /** The gateway trusts the topic, not the body: a body's site or node must repeat the topic's. */
    private static void identity(JsonObject o, String key, String expected, Inspection in) {
        String expectation = expected == null ? "expected an id of " + Ids.ID_SHAPE : "expected '" + expected + "' as in the topic";
        Object x = o.get(key);
        if (x == null) {
            in.missing(o, null, key, expectation);
        } else if (!(x instanceof String s)) {
            in.wrong(null, key, x, expectation);
        } else if (expected == null) {
            if (!Ids.isId(s)) {
                in.wrong(null, key, x, expectation);
            }
        } else if (!expected.equals(s)) {
            in.add("body " + key + " " + Inspection.quote(s) + " disagrees with topic " + key + " '" + expected + "'");
        }
    }
}
