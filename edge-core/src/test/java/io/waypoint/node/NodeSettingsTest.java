package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.config.ConfigException;
import io.waypoint.config.Settings;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    private static Settings node() {
        return Settings.empty().override("site", "la-gloria").override("node", "well-01").override("broker.url", "tcp://127.0.0.1:1883");
    }

    @Test
    void theOutboxHolds64MiBUnlessConfiguredOtherwise() {
        assertThat(NodeSettings.from(node(), "normal-day").linkOptions(Clock.systemUTC(), Map.of()).outbox().maxBytes())
                .isEqualTo(64L << 20);
        NodeSettings small = NodeSettings.from(node().override("outbox.max_size", "2MiB"), "normal-day");
        assertThat(small.linkOptions(Clock.systemUTC(), Map.of()).outbox().maxBytes()).isEqualTo(2L << 20);
    }

    @Test
    void anOutboxTooSmallToHoldAFewMessagesIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> NodeSettings.from(node().override("outbox.max_size", "1KiB"), "normal-day"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("outbox.max_size").hasMessageContaining("1KiB");
    }

    @Test
    void aNodeTalksThroughOurOwnClientUnlessItsConfigurationAsksForPaho() {
        assertThat(NodeSettings.from(node(), "normal-day").linkOptions(Clock.systemUTC(), Map.of()).pahoClient()).isFalse();
        NodeSettings paho = NodeSettings.from(node().override("broker.client", "paho"), "normal-day");
        assertThat(paho.linkOptions(Clock.systemUTC(), Map.of()).pahoClient()).isTrue();
        assertThatThrownBy(() -> NodeSettings.from(node().override("broker.client", "hivemq"), "normal-day"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("broker.client").hasMessageContaining("hivemq");
    }
}
