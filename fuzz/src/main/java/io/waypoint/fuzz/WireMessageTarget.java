package io.waypoint.fuzz;

import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.wire.AlertAckTopic;
import io.waypoint.wire.AlertActiveTopic;
import io.waypoint.wire.AlertEventsTopic;
import io.waypoint.wire.GatewayRejectsTopic;
import io.waypoint.wire.GatewayStatsTopic;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Topic;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MQTT payloads as the gateway reads them: the fuzz input is {@code topic\npayload} (no line feed:
 * all of it is the payload of a node's telemetry). The topic decides the reader, as at the gateway:
 * node topics go to {@link MessageValidator}, the gateway's and staff's to their {@link WireCodec}
 * decoders. Checked besides: the validator never falls back on its "could not be checked" catch
 * (a swallowed exception), never repeats an identifier in a reason, writes each reason on one
 * printable line of bounded length, and what it accepts the node's
 * own encoder writes back in a form it accepts again; every decoded message encodes and decodes to
 * itself.
 */
public final class WireMessageTarget implements FuzzTarget {
    /** The gateway refuses larger payloads unread; a little more reaches that check. */
    static final int MAX_BYTES = 70 * 1024;
    static final Instant NOW = Instant.parse("2026-11-27T12:45:00Z");
    private static final List<String> IDENTIFIERS = List.of("50766123456", "6612 3456", "507-6612-3456", "aa:bb:cc:dd:ee:ff",
            "192.168.1.23");
    private final MessageValidator validator = new MessageValidator();

    @Override
    public String name() {
        return "wire";
    }

    @Override
    public String describe() {
        return "MQTT payloads by topic (MessageValidator, WireCodec decoders, JsonPayload, WireTime, PrivacyGuard)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public int typicalInputBytes() {
        return 2 * 1024; // a message of the contract is a few hundred bytes; the 64 KiB limit is reached by the long inputs
    }

    @Override
    public List<byte[]> seeds() {
        return WireMessageGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return WireMessageGenerator.generate(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("{", "}", "[", "]", "\"", ",", ":", "\\u0000", "\"v\":1", "\"seq\":", "\"boot\":", "\"ts\":", "\"metrics\":",
                "\"turbidity_ntu\":", "\"first_seq\":", "\"type\":", "\"online\":true", "wp/v1/", "/telemetry", "/state", "/event",
                "/alerts/ack", "la-gloria", "well-01", "null", "1e999", "-0").stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public Outcome run(byte[] input) throws Exception {
        MqttMessage m = MqttMessage.of(input);
        Topic topic = Topic.parse(m.topic()).orElse(null);
        try {
            if (topic instanceof AlertAckTopic) {
                String once = WireCodec.encode(WireCodec.decodeAlertAck(m.payload()));
                roundTrip(once, once2 -> WireCodec.encode(WireCodec.decodeAlertAck(bytes(once2))));
                return Outcome.accepted("alert ack");
            }
            if (topic instanceof AlertActiveTopic || topic instanceof AlertEventsTopic) {
                String once = WireCodec.encode(WireCodec.decodeAlert(m.payload()));
                roundTrip(once, once2 -> WireCodec.encode(WireCodec.decodeAlert(bytes(once2))));
                return Outcome.accepted("alert");
            }
            if (topic instanceof GatewayStatsTopic) {
                String once = WireCodec.encode(WireCodec.decodeGatewayStats(m.payload()));
                roundTrip(once, once2 -> WireCodec.encode(WireCodec.decodeGatewayStats(bytes(once2))));
                return Outcome.accepted("gateway stats");
            }
            if (topic instanceof GatewayRejectsTopic) {
                String once = WireCodec.encode(WireCodec.decodeReject(m.payload()));
                roundTrip(once, once2 -> WireCodec.encode(WireCodec.decodeReject(bytes(once2))));
                return Outcome.accepted("reject");
            }
            if (topic instanceof NodeTopic t && t.kind() == NodeTopic.Kind.ACK) {
                String once = WireCodec.encode(WireCodec.decodeAck(m.payload()));
                roundTrip(once, once2 -> WireCodec.encode(WireCodec.decodeAck(bytes(once2))));
                return Outcome.accepted("ack");
            }
        } catch (WireFormatException e) {
            checkReasons(e.reasons(), input);
            return Outcome.rejected(e.reasons().isEmpty() ? "no reason" : e.reasons().get(0));
        }
        return validate(m, input);
    }

    private Outcome validate(MqttMessage m, byte[] input) {
        Validation v = validator.validate(m.topic(), m.payload(), NOW);
        if (v instanceof Validation.Invalid bad) {
            checkReasons(bad.reasons(), input);
            return Outcome.rejected(bad.reasons().get(0));
        }
        Validation.Valid ok = (Validation.Valid) v;
        MessageValidator.firstSeq(ok);
        String once = WireCodec.encode(ok.envelope(), ok.body());
        Validation again = validator.validate(ok.topic().name(), bytes(once), NOW);
        if (!(again instanceof Validation.Valid second)) {
            throw new InvariantViolation("the validator refuses what the node's encoder writes for a message it accepted: "
                    + ((Validation.Invalid) again).reasons());
        }
        roundTrip(once, WireCodec.encode(second.envelope(), second.body()));
        return Outcome.accepted(ok.topic().kind().segment() + " " + ok.body().getClass().getSimpleName());
    }

    /** The longest a reason may be: one line of a log, and a part of the reject the gateway publishes. */
    static final int MAX_REASON_CHARS = 2_000;

    /**
     * A reason names what was wrong, never the identifier that was, on one printable line of bounded
     * length (it goes into the gateway's log and its published reject).
     */
    static void checkReasons(List<String> reasons, byte[] input) {
        for (String r : reasons) {
            InvariantViolation.check(r.length() <= MAX_REASON_CHARS && r.chars().noneMatch(c -> c < 0x20 || c == 0x7F),
                    () -> "a reason of " + r.length() + " characters, or with control characters: "
                            + Finding.printable(r.getBytes(StandardCharsets.UTF_8), 200));
        }
        String all = String.join("\n", reasons);
        InvariantViolation.check(!all.contains("could not be checked"), () -> "the validator swallowed an exception: " + all);
        String text = new String(input, StandardCharsets.UTF_8);
        for (String id : IDENTIFIERS) {
            InvariantViolation.check(!text.contains(id) || !all.contains(id), () -> "a reason repeats an identifier: " + all);
        }
    }

    /** Reads a message the codec wrote and writes it again. */
    private interface Reread {
        String apply(String written) throws WireFormatException;
    }

    /** What the codec wrote it reads back, and writes again the same: nothing lost or changed on the way. */
    private static void roundTrip(String once, Reread reread) {
        String twice;
        try {
            twice = reread.apply(once);
        } catch (WireFormatException e) {
            throw new InvariantViolation("the codec cannot read what it wrote: " + once + ": " + e.getMessage());
        }
        roundTrip(once, twice);
    }

    /** The same JSON: members may come in another order (json-simple's objects are hash maps). */
    private static void roundTrip(String once, String twice) {
        if (once.equals(twice)) {
            return;
        }
        try {
            InvariantViolation.check(Jsoner.deserialize(once).equals(Jsoner.deserialize(twice)),
                    () -> "a round trip changed " + once + " to " + twice);
        } catch (JsonException e) {
            throw new InvariantViolation("the codec wrote JSON it cannot read: " + twice);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
