package io.waypoint.gateway.ingest;

import io.waypoint.wire.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The topics the ingest has read, each parsed once: a gateway hears the same topics (a few per node)
 * over and over, and parsing each anew cost substrings, id checks and a record per message. It also
 * gives every message of a node the same site and node strings, whose hashes are then computed once
 * for all the maps keyed by them downstream (boots, alert tracks, node states).
 *
 * <p>Bounded: when it holds {@link #MAX_TOPICS}, it is emptied and starts again, so topics made up by a
 * misbehaving client cost memory only up to the bound. Answers never depend on what it holds. Not
 * thread-safe: the ingest thread's own.
 */
final class KnownTopics {
    /** Far more than the topics of the hundreds of sites a gateway serves (a handful a node). */
    static final int MAX_TOPICS = 16_384;

    private final Map<String, Optional<Topic>> parsed = new HashMap<>();

    /** {@link Topic#parse}{@code (topic)}. */
    Optional<Topic> parse(String topic) {
        Optional<Topic> t = parsed.get(topic);
        if (t == null) {
            t = Topic.parse(topic);
            if (parsed.size() >= MAX_TOPICS) {
                parsed.clear();
            }
            parsed.put(topic, t);
        }
        return t;
    }

    int size() {
        return parsed.size();
    }
}
