package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
    private static final NodeRef WELL = new NodeRef("la-gloria", "well-01");

    @ParameterizedTest
    @EnumSource(NodeTopic.Kind.class)
    void nodeTopicsRoundTrip(NodeTopic.Kind kind) {
        NodeTopic t = new NodeTopic(WELL, kind);
        assertThat(t.name()).isEqualTo("wp/v1/la-gloria/well-01/" + kind.segment());
        assertThat(Topic.parse(t.name())).contains(t);
    }

    @Test
    void everyOtherTopicKindRoundTrips() {
        List<Topic> topics = List.of(
                new CommandTopic(WELL, "rebirth", false),
                new CommandTopic(WELL, "port-off_2", true),
                new AlertActiveTopic("la-gloria", "turbidity_high.well-01"),
                new AlertEventsTopic("la-gloria"),
                new AlertAckTopic("la-gloria"),
                new SiteStatusTopic("la-gloria"),
                new GatewayStatsTopic("gw-1"),
                new GatewayRejectsTopic("gw-1"));
        assertThat(topics).extracting(Topic::name).containsExactly(
                "wp/v1/la-gloria/well-01/cmd/rebirth",
                "wp/v1/la-gloria/well-01/cmd/port-off_2/result",
                "wp/v1/la-gloria/alerts/active/turbidity_high.well-01",
                "wp/v1/la-gloria/alerts/events",
                "wp/v1/la-gloria/alerts/ack",
                "wp/v1/la-gloria/status",
                "wp/v1/_gateway/gw-1/stats",
                "wp/v1/_gateway/gw-1/rejects");
        for (Topic t : topics) {
            assertThat(Topic.parse(t.name())).as(t.name()).contains(t);
        }
    }

    @Test
    void commandResultTopicAnswersItsCommand() {
        CommandTopic cmd = new CommandTopic(WELL, "rebirth", false);
        assertThat(cmd.resultTopic().name()).isEqualTo(cmd.name() + "/result");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "wp/v2/la-gloria/well-01/state",                  // wrong root
            "xx/v1/la-gloria/well-01/state",
            "/wp/v1/la-gloria/well-01/state",
            "wp/v1/la-gloria/well-01",                        // too few segments
            "wp/v1/la-gloria",
            "wp/v1/",
            "wp/v1/la-gloria/well-01/telemetry/extra",        // too many
            "wp/v1/la-gloria/well-01/cmd/rebirth/result/x",
            "wp/v1/la-gloria/well-01/state/",                 // trailing slash
            "wp/v1//well-01/state",                           // empty segment
            "wp/v1/La-Gloria/well-01/state",                  // bad ids
            "wp/v1/la-gloria/well_01/state",
            "wp/v1/_x/well-01/state",
            "wp/v1/la-gloria/well-01/status",                 // unknown kind
            "wp/v1/la-gloria/alerts/state",                   // reserved names as nodes
            "wp/v1/la-gloria/gateway/telemetry",
            "wp/v1/la-gloria/alerts/cmd/rebirth",
            "wp/v1/la-gloria/alerts/active/turbidity_high.alerts",
            "wp/v1/la-gloria/alerts/active/Turbidity.well-01",
            "wp/v1/la-gloria/alerts/active/turbidity_high",
            "wp/v1/la-gloria/well-01/cmd/Reboot",             // bad command
            "wp/v1/la-gloria/well-01/cmd/rebirth/results",
            "wp/v1/_gateway/gw-1/state",
            "wp/v1/_gateway/GW/stats",
            "wp/v1/+/well-01/state",                          // wildcards
            "wp/v1/la-gloria/+/telemetry",
            "wp/v1/la-gloria/#",
            "wp/v1/+/+/state",
            "wp/v1/la-gloria/well-01/#"})
    void rejectsWhatIsNotAWaypointTopic(String topic) {
        assertThat(Topic.parse(topic)).isEmpty();
    }

    @Test
    void subscriptionFiltersCoverTheTopicsTheyNameAndNoOthers() {
        assertThat(Topic.ALL_STATE).isEqualTo("wp/v1/+/+/state");
        assertThat(Topic.ALL_ALERT_ACKS).isEqualTo("wp/v1/+/alerts/ack");
        assertThat(matches(Topic.ALL_TELEMETRY, new NodeTopic(WELL, NodeTopic.Kind.TELEMETRY).name())).isTrue();
        assertThat(matches(Topic.ALL_EVENT, new NodeTopic(WELL, NodeTopic.Kind.EVENT).name())).isTrue();
        assertThat(matches(Topic.ALL_EVENT, new AlertEventsTopic("la-gloria").name())).isFalse();
        assertThat(matches(Topic.ALL_ALERT_ACKS, new AlertAckTopic("la-gloria").name())).isTrue();
        assertThat(matches(Topic.ALL_ACTIVE_ALERTS, new AlertActiveTopic("s", "r.n").name())).isTrue();
    }

    /** MQTT '+' matching, enough for these filters. */
    private static boolean matches(String filter, String topic) {
        String[] f = filter.split("/");
        String[] t = topic.split("/");
        if (f.length != t.length) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void constructorsRejectInvalidNamesNamingTheValue() {
        assertThatThrownBy(() -> new AlertEventsTopic("_gateway")).hasMessageContaining("'_gateway'");
        assertThatThrownBy(() -> new SiteStatusTopic("+")).hasMessageContaining("'+'");
        assertThatThrownBy(() -> new GatewayStatsTopic("GW")).hasMessageContaining("'GW'");
        assertThatThrownBy(() -> new CommandTopic(WELL, "re/birth", false)).hasMessageContaining("'re/birth'");
        assertThatThrownBy(() -> new AlertActiveTopic("s", "rule.gateway")).hasMessageContaining("'rule.gateway'");
        assertThatThrownBy(() -> NodeTopic.of("s", "alerts", NodeTopic.Kind.STATE)).hasMessageContaining("reserved");
    }

    @Test
    void activeAlertTopicFollowsTheAlert() {
        Alert a = new Alert("turbidity_high.well-01", "la-gloria", "well-01", "turbidity_high", Severity.CRITICAL,
                AlertState.RAISED, Examples.NOW, Examples.NOW, 7.2, "m", null);
        assertThat(AlertActiveTopic.of(a).name()).isEqualTo("wp/v1/la-gloria/alerts/active/turbidity_high.well-01");
    }
}
