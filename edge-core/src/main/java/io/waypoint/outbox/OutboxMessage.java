package io.waypoint.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message a node produced: its place in the node's history ({@code boot}, {@code seq}), the MQTT
 * topic and the payload bytes. The gateway drops duplicates by (boot, seq), which is what makes
 * resending after a crash or a timeout harmless.
 *
 * <p>The payload array is not copied (a day of backlog would otherwise be copied twice on its way
 * out): treat it as immutable once the message is built. Equality compares the payload's content.
 *
 * @param boot    the node's restart counter, {@code >= 0}
 * @param seq     the message counter within the boot, {@code >= 0}
 * @param topic   the MQTT topic, not empty, at most 65,535 bytes in UTF-8
 * @param payload the message body
 */
public record OutboxMessage(long boot, long seq, String topic, byte[] payload) {

    public OutboxMessage {
        if (boot < 0 || seq < 0) {
            throw new IllegalArgumentException("boot and seq must be >= 0, were " + boot + "/" + seq);
        }
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
    }

    /** A message whose payload is {@code text} in UTF-8. */
    public static OutboxMessage of(long boot, long seq, String topic, String text) {
        return new OutboxMessage(boot, seq, topic, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboxMessage m && boot == m.boot && seq == m.seq && topic.equals(m.topic)
                && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(boot, seq, topic, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        // the payload can be large, and a log line only needs to identify the message
        return "OutboxMessage[boot=" + boot + ", seq=" + seq + ", topic=" + topic + ", " + payload.length + " bytes]";
    }
}
