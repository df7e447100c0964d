package io.waypoint.wire;

import java.util.Objects;

/**
 * A node's own topic: {@code wp/v1/{site}/{node}/{state|telemetry|event|ack}}. The node publishes
 * the first three; the gateway publishes {@code ack}.
 */
public record NodeTopic(NodeRef node, Kind kind) implements Topic {

    /** What travels on a node topic; {@link #segment()} is its last topic segment. */
    public enum Kind {
        /** Birth and death, retained; not sequenced ({@code seq} 0). */
        STATE("state"),
        /** Periodic summaries; sequenced from 1 within a boot. */
        TELEMETRY("telemetry"),
        /** Discrete events; sequenced from 1 within a boot, sharing the counter with telemetry. */
        EVENT("event"),
        /** The gateway's watermark of what it stored, to the node. */
        ACK("ack");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        public String segment() {
            return segment;
        }

        /** The kind whose segment is {@code s}, or null. */
        static Kind ofSegment(String s) {
            for (Kind k : values()) {
                if (k.segment.equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    public NodeTopic {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
    }

    /** @throws IllegalArgumentException when {@code site} or {@code node} is not a valid node id */
    public static NodeTopic of(String site, String node, Kind kind) {
        return new NodeTopic(new NodeRef(site, node), kind);
    }

    @Override
    public String name() {
        return ROOT + node.site() + '/' + node.node() + '/' + kind.segment;
    }
}
