package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.util.List;
import java.util.Objects;

/** What {@link MessageValidator} concluded about one message. */
public sealed interface Validation permits Validation.Valid, Validation.Invalid {

    /**
     * A message to store.
     *
     * @param topic    the node topic it came on; its site and node are the message's identity
     * @param envelope the envelope, with site and node from the topic
     * @param body     the typed body: {@link StateBody}, {@link WellTelemetry}, {@link KioskTelemetry} or {@link EventBody}
     * @param raw      the parsed payload, envelope and unknown keys included; do not modify it
     * @param metrics  the body flattened for the alert engine
     */
    record Valid(NodeTopic topic, Envelope envelope, Body body, JsonObject raw, FlatMetrics metrics)
            implements Validation {
        public Valid {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * A message to refuse.
     *
     * @param reasons every problem found, at least one; each one sentence naming the key path, the
     *                value (never one that may identify a person) and what was expected
     */
    record Invalid(List<String> reasons) implements Validation {
        public Invalid {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an invalid message needs at least one reason");
            }
        }
    }
}
