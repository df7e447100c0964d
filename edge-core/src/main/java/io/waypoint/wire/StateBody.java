package io.waypoint.wire;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Birth ({@code {"online":true,...}}, published on connect) or death ({@code {"online":false}},
 * the Last Will), retained on the node's {@code state} topic.
 *
 * @param extra further keys a birth may carry (firmware version, services...), in normal form:
 *              numbers as Long or Double, maps and lists unmodifiable; never null
 */
public record StateBody(boolean online, Map<String, Object> extra) implements Body {
    private static final Set<String> RESERVED;

    static {
        Set<String> reserved = new HashSet<>(Envelope.KEYS);
        reserved.add("online");
        RESERVED = Set.copyOf(reserved);
    }

    /** @throws IllegalArgumentException when {@code extra} uses an envelope key, "online", or may identify a person */
    public StateBody {
        extra = JsonValues.members(extra, RESERVED, "state body");
    }

    public static StateBody birth(Map<String, ?> extra) {
        return new StateBody(true, extra == null ? Map.of() : Collections.unmodifiableMap(extra));
    }

    public static StateBody birth() {
        return new StateBody(true, Map.of());
    }

    public static StateBody death() {
        return new StateBody(false, Map.of());
    }

    @Override
    public NodeTopic.Kind kind() {
        return NodeTopic.Kind.STATE;
    }
}
