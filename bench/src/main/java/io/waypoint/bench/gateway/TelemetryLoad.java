package io.waypoint.bench.gateway;

import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Valid well telemetry from many nodes, encoded before any clock starts, split among publishers:
 * publisher {@code p} sends for nodes {@code p, p + P, p + 2P...}, one message of each in turn, seqs
 * in order. Readings vary from message to message (clear water, a little flow) so the gateway's rules
 * judge real values and neither a stuck nor an unsafe alert is raised; stamps are 10 s apart, as a
 * well sending every 10 s would make them.
 */
final class TelemetryLoad {
    static final String SITE = "bench";
    static final Duration STEP = Duration.ofSeconds(10);

    /** One message as published. */
    record Message(String topic, byte[] payload) {}

    private final List<List<Message>> perPublisher;
    private final Map<String, Long> lastSeqByNode;
    private final long boot;
    private final int total;

    private TelemetryLoad(List<List<Message>> perPublisher, Map<String, Long> lastSeqByNode, long boot, int total) {
        this.perPublisher = perPublisher;
        this.lastSeqByNode = lastSeqByNode;
        this.boot = boot;
        this.total = total;
    }

    /**
     * @param total  messages in all (rounded down to a multiple of {@code nodes})
     * @param boot   the boot every node sends under: a later load with a higher boot is new to a gateway
     * @param start  the first message's stamp
     */
    static TelemetryLoad of(int publishers, int nodes, int total, long boot, Instant start) {
        int perNode = total / nodes;
        List<List<Message>> out = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            out.add(new ArrayList<>(perNode * (nodes / publishers + 1)));
        }
        Map<String, Long> last = new LinkedHashMap<>();
        for (int seq = 1; seq <= perNode; seq++) {
            Instant ts = start.plus(STEP.multipliedBy(seq));
            for (int n = 0; n < nodes; n++) {
                String node = nodeName(n);
                NodeRef ref = new NodeRef(SITE, node);
                double avg = 0.30 + ((seq * 7 + n) % 20) / 100.0;
                double flow = 2 + ((seq + n) % 9);
                WellTelemetry body = new WellTelemetry(10, new Summary(avg - 0.05, avg, avg + 0.05, 6),
                        new Summary(flow - 1, flow, flow + 1, 6), 0.3, 1000 + seq * 0.3, 100 + seq * 0.3, "ok", 0, 10_000);
                String json = WireCodec.encode(Envelope.of(ref, boot, seq, ts, ClockState.SYNCED), body);
                out.get(n % publishers).add(new Message(NodeTopic.of(SITE, node, NodeTopic.Kind.TELEMETRY).name(),
                        json.getBytes(StandardCharsets.UTF_8)));
                last.put(node, (long) seq);
            }
        }
        return new TelemetryLoad(out, last, boot, perNode * nodes);
    }

    static String nodeName(int n) {
        return "well-" + n;
    }

    List<List<Message>> perPublisher() {
        return perPublisher;
    }

    /** The seq of each node's last message: what the gateway's acks must reach. */
    Map<String, Long> lastSeqByNode() {
        return lastSeqByNode;
    }

    long boot() {
        return boot;
    }

    int total() {
        return total;
    }
}
