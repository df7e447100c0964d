package io.waypoint.wire;

import java.util.Optional;

/**
 * An MQTT topic of the waypoint wire contract, all under the versioned root {@code wp/v1/}.
 * {@link #name()} builds the topic string; {@link #parse} reads one back.
 *
 * <p>Parsing is strict: the wrong root, the wrong number of segments, an invalid id, a reserved
 * node name ({@code alerts}, {@code gateway}) used as a node, or an MQTT wildcard all give
 * {@link Optional#empty()}. The {@code ALL_*} constants are subscription filters, not topics.
 */
public sealed interface Topic permits NodeTopic, CommandTopic, AlertActiveTopic, AlertEventsTopic, AlertAckTopic,
        SiteStatusTopic, GatewayStatsTopic, GatewayRejectsTopic {

    /** The root every topic starts with; the version changes only with an incompatible contract. */
    String ROOT = "wp/v1/";
    /** The pseudo-site under which gateways publish about themselves. */
    String GATEWAY_SITE = "_gateway";

    /** Every node's birth and death. */
    String ALL_STATE = "wp/v1/+/+/state";
    /** Every node's telemetry. */
    String ALL_TELEMETRY = "wp/v1/+/+/telemetry";
    /** Every node's events. */
    String ALL_EVENT = "wp/v1/+/+/event";
    /** Staff acknowledgements of alerts, on every site. */
    String ALL_ALERT_ACKS = "wp/v1/+/alerts/ack";
    /** Every alert transition, on every site. */
    String ALL_ALERT_EVENTS = "wp/v1/+/alerts/events";
    /** The retained open alerts of every site. */
    String ALL_ACTIVE_ALERTS = "wp/v1/+/alerts/active/+";

    /** The topic string. */
    String name();

    /** The topic {@code topic} names, or empty when it is not a valid waypoint topic. Never throws. */
    static Optional<Topic> parse(String topic) {
        return Optional.ofNullable(TopicParser.parse(topic));
    }
}
