package io.waypoint.gateway.homeassistant;

import io.waypoint.gateway.alerts.Rule;
import io.waypoint.gateway.ingest.GatewayIngest;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.wire.Alert;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Validation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tinylog.Logger;

/**
 * Announces each node to a Home Assistant on the broker ({@code [homeassistant] discovery = true}):
 * when the first telemetry of a node is stored in this gateway's run, its {@link DiscoveryConfigs}
 * are published retained under the discovery prefix, so a Home Assistant that starts later finds them
 * too. Runs on the ingest thread: it only hands messages to the uplink, which does not block. A node
 * whose configs the uplink refused (not connected, window full) is tried again with its next telemetry.
 */
public final class HomeAssistantDiscovery implements GatewayIngest.Listener {
    private final String prefix;
    private final List<Rule> rules;
    private final Uplink uplink;
    private final Set<NodeRef> announced = ConcurrentHashMap.newKeySet();

    public HomeAssistantDiscovery(String prefix, List<Rule> rules, Uplink uplink) {
        this.prefix = prefix;
        this.rules = List.copyOf(rules);
        this.uplink = uplink;
    }

    @Override
    public void stored(Validation.Valid message) {
        if (message.topic().kind() != NodeTopic.Kind.TELEMETRY || announced.contains(message.topic().node())) {
            return;
        }
        NodeRef node = message.topic().node();
        List<DiscoveryConfigs.Config> configs = DiscoveryConfigs.of(prefix, node, message.raw(), message.metrics(), rules);
        for (DiscoveryConfigs.Config c : configs) {
            if (!uplink.publish(Outgoing.retained(c.topic(), c.json().getBytes(StandardCharsets.UTF_8)), null)) {
                return; // the next telemetry of this node tries again
            }
        }
        announced.add(node);
        Logger.info("Home Assistant discovery: {} sensors and alerts of {}/{} announced under {}/", configs.size(), node.site(),
                node.node(), prefix);
    }

    @Override
    public void alert(Alert transition) {
        // alerts reach Home Assistant on their own retained topics
    }
}
