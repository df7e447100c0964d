package io.waypoint.gateway.alerts;

import io.waypoint.wire.Alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the engine remembers, and all of it goes into a snapshot. Maps keep insertion order so
 * that a restored engine visits nodes, conditions and alerts in the same order as the original.
 */
final class State {
    /** A node of a site. */
    record NodeId(String site, String node) {}

    /** One rule on one node of a site: the unit of conditions and alerts. */
    record TrackId(String site, String rule, String node) {
        String key() {
            return Alert.key(rule, node);
        }
    }

    /** Why a node is offline. */
    enum Cause { DEATH, STALE }

    /** What the engine knows of a node. */
    static final class Node {
        /** Event time of the last observation evaluated; older or equal ones are not evaluated. */
        Instant lastTs;
        /** Gateway time the node was last heard from (telemetry or birth); null: never. */
        Instant lastReceived;
        /** Its telemetry interval, from {@code interval_s}. */
        Duration interval = AlertEngine.DEFAULT_INTERVAL;
        /** Gateway time the node went offline (death received, or staleness noticed); null: online. */
        Instant offlineSince;
        Cause offlineCause;
        /** Metrics watched by missing rules that this node has reported at least once. */
        final Set<String> seen = new LinkedHashSet<>();
    }

    /**
     * The pending condition of one rule on one node, on event time. Kinds use the fields they need:
     * threshold, rate, label and missing the two-state condition ({@code breached}, {@code flippedAt});
     * rate also the previous reading; stuck the current run; baseline also its hourly history and,
     * while breached, the baseline it breached against.
     */
    static final class Track {
        boolean breached;
        /** Event time of the reading that last set or reset {@code breached}; null before any. */
        Instant flippedAt;
        Double prevValue;
        Instant prevTs;
        Instant runStart;
        Double runMin;
        Double runMax;
        /** Baseline: the metric's readings by hour; null until the first. */
        HourlyHistory history;
        /** Baseline: the usual value the condition breached against, kept until it clears; else null. */
        Double reference;
    }

    /**
     * An alert that is open: its last transition, and the gateway time it was raised (escalation is
     * measured from there, on the gateway clock).
     */
    record Open(Alert current, Instant raisedReceived) {}

    final Map<NodeId, Node> nodes = new LinkedHashMap<>();
    final Map<TrackId, Track> tracks = new LinkedHashMap<>();
    final Map<TrackId, Open> open = new LinkedHashMap<>();
}
