package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Topic;
import org.junit.jupiter.api.Test;

class KnownTopicsTest {

    @Test
    void aTopicHeardAgainIsTheSameParseWithTheSameIds() {
        KnownTopics topics = new KnownTopics();
        Topic first = topics.parse(new String("wp/v1/la-gloria/well-01/telemetry")).orElseThrow();
        Topic again = topics.parse(new String("wp/v1/la-gloria/well-01/telemetry")).orElseThrow();
        assertThat(again).isSameAs(first).isEqualTo(Topic.parse("wp/v1/la-gloria/well-01/telemetry").orElseThrow());
        assertThat(((NodeTopic) again).node().node()).isSameAs(((NodeTopic) first).node().node());
    }

    @Test
    void answersAsTopicParseDoesForBadTopicsToo() {
        KnownTopics topics = new KnownTopics();
        for (String t : new String[] {"wp/v1/la-gloria/well-01/nonsense", "", "wp/v1/la gloria/well-01/state",
                "wp/v1/la-gloria/alerts/ack", "wp/v1/la-gloria/well-01/state"}) {
            assertThat(topics.parse(t)).as(t).isEqualTo(Topic.parse(t));
            assertThat(topics.parse(t)).as(t).isEqualTo(Topic.parse(t));
        }
    }

    @Test
    void aFloodOfMadeUpTopicsStaysWithinTheBoundAndAnswersRight() {
        KnownTopics topics = new KnownTopics();
        for (int i = 0; i < KnownTopics.MAX_TOPICS * 2 + 10; i++) {
            String t = "wp/v1/site-" + i + "/well-01/telemetry";
            assertThat(topics.parse(t)).isEqualTo(Topic.parse(t));
            assertThat(topics.size()).isLessThanOrEqualTo(KnownTopics.MAX_TOPICS);
        }
        assertThat(topics.parse("wp/v1/la-gloria/well-01/telemetry")).isPresent();
    }
}
