package io.waypoint.gateway.ingest;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.HostileValues;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.MqttMessage;
import io.waypoint.fuzz.Outcome;
import io.waypoint.fuzz.WireMessageGenerator;
import io.waypoint.gateway.alerts.AlertEngine;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.time.ManualScheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.wire.AlertActiveTopic;
import io.waypoint.wire.AlertEventsTopic;
import io.waypoint.wire.GatewayRejectsTopic;
import io.waypoint.wire.GatewayStats;
import io.waypoint.wire.GatewayStatsTopic;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Reject;
import io.waypoint.wire.Topic;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gateway's ingest path without a broker: the fuzz input is a few MQTT messages
 * ({@code topic\npayload}, separated by the byte 0x1E), run one by one through a fresh
 * {@link GatewayIngest} on the calling thread ({@link GatewayIngest#ingestNow}) with the shipped
 * alert rules, a store in memory and an uplink that records, half a second of scheduler time apart
 * (a burst), with ticks between and ten minutes later. Checked: everything the gateway publishes (acks, alert transitions, rejects,
 * stats) is on a topic of the contract and reads back with the gateway's own codec, the alert
 * engine's saved state restores, and the counters add up. A message the gateway rejects is a reject
 * of the first reason it published.
 */
public final class GatewayIngestTarget implements FuzzTarget {
    /** Between messages of one input. */
    static final byte SEPARATOR = 0x1E;
    private static final int MAX_MESSAGES = 16;
    private static final int MAX_BYTES = 80 * 1024;
    private static final Instant START = Instant.parse("2026-11-27T12:40:00Z");
    private static final RuleBook RULES = RuleBook.defaults();

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String describe() {
        return "the gateway's ingest of MQTT messages (GatewayIngest, SequenceTracker, AlertEngine, RejectLog, WireCodec)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public int typicalInputBytes() {
        return 2 * 1024; // a few messages of a few hundred bytes: every message costs a JSON parse or two
    }

    @Override
    public List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 4; i++) {
            seeds.add(traffic(r));
        }
        seeds.addAll(WireMessageGenerator.seeds());
        return seeds;
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return traffic(random);
    }

    /**
     * A node's traffic: a birth, telemetry and events with rising seqs (some sent twice, some
     * skipped, a first_seq past a gap), high turbidity now and then, staff acknowledging an alert,
     * and the odd message from elsewhere.
     */
    private static byte[] traffic(SplittableRandom r) {
        String node = r.nextBoolean() ? "well-01" : "kiosk-01";
        long boot = r.nextLong(1, 4);
        long seq = 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = r.nextInt(8) == 0 ? r.nextInt(3, 13) : r.nextInt(1, 3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            String kind = i == 0 && r.nextBoolean() ? "state" : HostileValues.pick(r, List.of("well", "well", "kiosk", "event",
                    "alert-ack", "state", "ack"));
            if (node.startsWith("kiosk") && kind.equals("well")) {
                kind = "kiosk";
            }
            out.writeBytes(WireMessageGenerator.messageOf(kind, node, boot, seq, r));
            int dice = r.nextInt(10);
            seq = dice == 0 ? seq : dice == 1 ? seq + r.nextLong(2, 5) : seq + 1;
        }
        return out.toByteArray();
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of(new byte[] {SEPARATOR}, b("wp/v1/la-gloria/well-01/telemetry\n"), b("wp/v1/la-gloria/alerts/ack\n"),
                b("\"seq\":"), b("\"first_seq\":"), b("\"boot\":"), b("\"avg\":"), b("9223372036854775807"), b("{"), b("}"));
    }

    @Override
    public Outcome run(byte[] input) throws Exception {
        MemoryGatewayStore store = new MemoryGatewayStore();
        RecordingUplink uplink = new RecordingUplink();
        ManualScheduler scheduler = new ManualScheduler(START);
        GatewayIngest ingest = new GatewayIngest("gw-fuzz", store, RULES, uplink, scheduler, 1);
        int messages = 0;
        for (byte[] part : split(input)) {
            MqttMessage m = MqttMessage.of(part);
            ingest.ingestNow(m.topic(), m.payload());
            messages++;
            uplink.confirmAll();
            // a burst, as a node that reconnects sends: the engine saves its state at most once a second
            scheduler.advance(Duration.ofMillis(500));
            if (messages % 4 == 0) {
                ingest.tickNow();
            }
        }
        scheduler.advance(Duration.ofMinutes(10));
        ingest.tickNow();
        if (FuzzTarget.deliveryRandom(input).nextInt(8) == 0) {
            ingest.publishStats(); // the same few counters each time: now and then is enough
        }
        store.engineSnapshot().ifPresent(GatewayIngestTarget::restores);
        GatewayStats stats = ingest.stats();
        long accepted = stats.counters().get("accepted");
        long rejected = stats.counters().get("rejected");
        int sent = messages;
        InvariantViolation.check(stats.counters().get("received") == sent && accepted + rejected <= sent,
                () -> "counters that do not add up for " + sent + " messages: " + stats.counters());
        String firstReason = null;
        boolean alerts = false;
        // every reject is written by the same code, and the wire target reads rejects back too: the first
        // reject of one input in four is read back here
        boolean readRejects = FuzzTarget.deliveryRandom(input).nextInt(4) == 0;
        for (Outgoing o : uplink.published()) {
            if (o.topic().startsWith("wp/v1/_gateway/gw-fuzz/")) {
                continue; // the gateway's own alert-outbox mark and sync echo: not the nodes' contract
            }
            Topic topic = Topic.parse(o.topic()).orElseThrow(() -> new InvariantViolation("published on no topic of the "
                    + "contract: " + o.topic()));
            if (topic instanceof GatewayRejectsTopic) {
                if (firstReason == null) {
                    firstReason = readRejects ? check(topic, o) : firstReason(o);
                }
            } else {
                check(topic, o);
            }
            alerts |= topic instanceof AlertEventsTopic;
        }
        if (firstReason != null) {
            return Outcome.rejected(firstReason);
        }
        if (alerts) {
            return Outcome.accepted("alert transition");
        }
        if (stats.counters().get("staff_acks") > 0) {
            return Outcome.accepted("staff ack");
        }
        if (stats.counters().get("duplicates") > 0) {
            return Outcome.accepted("duplicate");
        }
        return Outcome.accepted(stats.counters().get("stored") > 0 ? "stored" : accepted > 0 ? "node state" : "ignored");
    }

    /** A publication reads back with the gateway's own codec; returns a reject's first reason. */
    private static String check(Topic topic, Outgoing o) {
        try {
            if (topic instanceof NodeTopic t && t.kind() == NodeTopic.Kind.ACK) {
                WireCodec.decodeAck(o.payload());
            } else if (topic instanceof AlertActiveTopic) {
                if (o.payload().length > 0) {
                    WireCodec.decodeAlert(o.payload());
                }
            } else if (topic instanceof AlertEventsTopic) {
                WireCodec.decodeAlert(o.payload());
            } else if (topic instanceof GatewayStatsTopic) {
                WireCodec.decodeGatewayStats(o.payload());
            } else if (topic instanceof GatewayRejectsTopic) {
                List<String> reasons = WireCodec.decodeReject(o.payload()).reasons();
                InvariantViolation.check(reasons.size() <= Reject.MAX_REASONS, () -> "a reject of " + reasons.size() + " reasons");
                return reasons.get(0);
            } else {
                throw new InvariantViolation("the gateway published on " + o.topic());
            }
        } catch (WireFormatException e) {
            throw new InvariantViolation("the gateway published on " + o.topic() + " what its own codec cannot read: "
                    + e.getMessage() + ": " + new String(o.payload(), StandardCharsets.UTF_8));
        }
        return null;
    }

    /** A reject's first reason without reading all of it: what the outcome is named by. */
    private static String firstReason(Outgoing reject) {
        String text = new String(reject.payload(), StandardCharsets.UTF_8);
        int from = text.indexOf("\"reasons\":[\"");
        if (from < 0) {
            return "(a reject without reasons)";
        }
        from += "\"reasons\":[\"".length();
        int to = text.indexOf('"', from);
        return to < 0 ? text.substring(from) : text.substring(from, to);
    }

    /** What the gateway saved of its alerts must load at its next start, or it forgets open alerts. */
    private static void restores(String snapshot) {
        try {
            AlertEngine.restore(RULES, snapshot);
        } catch (RuntimeException e) {
            throw new InvariantViolation("the alert engine's saved state does not restore: " + e);
        }
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= input.length && parts.size() < MAX_MESSAGES; i++) {
            if (i == input.length || input[i] == SEPARATOR) {
                parts.add(Arrays.copyOfRange(input, from, i));
                from = i + 1;
            }
        }
        return parts;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
