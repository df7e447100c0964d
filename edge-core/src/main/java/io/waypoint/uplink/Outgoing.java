package io.waypoint.uplink;

/** A message to publish: topic, bytes, QoS (0 or 1) and whether the broker retains it. */
public record Outgoing(String topic, byte[] payload, int qos, boolean retained) {
    public Outgoing {
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("waypoint publishes at QoS 0 or 1, not " + qos);
        }
    }

    /** QoS 1, not retained: telemetry, events, acks. */
    public static Outgoing of(String topic, byte[] payload) {
        return new Outgoing(topic, payload, 1, false);
    }

    /** QoS 1, retained: state, alerts, stats. */
    public static Outgoing retained(String topic, byte[] payload) {
        return new Outgoing(topic, payload, 1, true);
    }
}
