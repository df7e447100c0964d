package io.waypoint.gateway.homeassistant;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonObject;
import io.waypoint.gateway.alerts.Rule;
import io.waypoint.wire.AlertActiveTopic;
import io.waypoint.wire.FlatMetrics;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Home Assistant MQTT discovery configs for one node, as pure logic: from its first telemetry message
 * (so only values that message really has are announced) and the gateway's alert rules. Each config
 * points Home Assistant at the existing wire topics, nothing new is published for it:
 *
 * <ul>
 * <li>a {@code sensor} per known metric the node reports, on {@code wp/v1/{site}/{node}/telemetry} with a
 *     {@code value_template} of the metric's JSON path ({@code {{ value_json.metrics.turbidity_ntu.avg }}});</li>
 * <li>a {@code binary_sensor} (device class problem) per alert rule that applies to the node, on its
 *     retained {@code wp/v1/{site}/alerts/active/{rule}.{node}}: a payload is an open alert (on), the
 *     empty retained payload of a resolved one is off;</li>
 * <li>availability from the node's retained birth and death on {@code .../state}.</li>
 * </ul>
 *
 * Names are the site's and node's ids and the metric's: nothing that identifies a person.
 */
final class DiscoveryConfigs {

    /** One retained discovery message. */
    record Config(String topic, String json) {
    }

    /** A metric Home Assistant is told about; {@code path} is its JSON path in the telemetry body. */
    record Metric(String path, String name, String unit, String deviceClass, String stateClass) {
    }

    /** The metrics worth a sensor, as the wire contract names them (DESIGN.md bodies). */
    static final List<Metric> METRICS = List.of(
            new Metric("metrics.turbidity_ntu.avg", "Turbidity", "NTU", null, "measurement"),
            new Metric("metrics.turbidity_ntu.max", "Turbidity max", "NTU", null, "measurement"),
            new Metric("metrics.flow_lpm.avg", "Flow", "L/min", "volume_flow_rate", "measurement"),
            new Metric("litres", "Water drawn in interval", "L", "water", "measurement"),
            new Metric("total_litres", "Water total", "L", "water", "total_increasing"),
            new Metric("cartridge_litres", "Cartridge litres", "L", "water", "total_increasing"),
            new Metric("sensor", "Turbidity sensor", null, null, null),
            new Metric("metrics.charging.ports_busy", "Charging ports busy", null, null, "measurement"),
            new Metric("metrics.charging.ports_total", "Charging ports", null, null, "measurement"),
            new Metric("metrics.charging.sessions", "Phones charged in interval", null, null, "measurement"),
            new Metric("metrics.charging.wh", "Charging energy in interval", "Wh", "energy", "measurement"),
            new Metric("metrics.calls.placed", "Calls placed in interval", null, null, "measurement"),
            new Metric("metrics.calls.answered", "Calls answered in interval", null, null, "measurement"),
            new Metric("metrics.calls.signal_csq", "Modem signal (CSQ)", null, null, "measurement"),
            new Metric("metrics.wifi.clients", "Wi-Fi clients", null, null, "measurement"),
            new Metric("metrics.wifi.sessions", "Wi-Fi sessions in interval", null, null, "measurement"),
            new Metric("metrics.power.battery_v", "Battery", "V", "voltage", "measurement"),
            new Metric("metrics.power.solar_w", "Solar", "W", "power", "measurement"),
            new Metric("metrics.power.load_w", "Load", "W", "power", "measurement"),
            new Metric("metrics.power.shedding", "Load shedding", null, null, null));

    private DiscoveryConfigs() {}

    /**
     * The configs for {@code node}, whose telemetry body is {@code telemetry} (the whole message as
     * received) and flattened {@code metrics}.
     *
     * @param prefix the discovery prefix, {@code homeassistant} by default
     */
    static List<Config> of(String prefix, NodeRef node, JsonObject telemetry, FlatMetrics metrics, List<Rule> rules) {
        List<Config> out = new ArrayList<>();
        String device = "wp_" + node.site() + "_" + node.node();
        String telemetryTopic = NodeTopic.of(node.site(), node.node(), NodeTopic.Kind.TELEMETRY).name();
        String stateTopic = NodeTopic.of(node.site(), node.node(), NodeTopic.Kind.STATE).name();
        String model = telemetry.get("metrics") instanceof Map<?, ?> m && m.containsKey("charging") ? "kiosk" : "well";
        for (Metric metric : METRICS) {
            if (at(telemetry, metric.path()) == null) {
                continue;
            }
            String unique = device + "_" + metric.path().replace('.', '_');
            JsonObject c = base(unique, metric.name(), device, node, model, stateTopic);
            c.put("state_topic", telemetryTopic);
            c.put("value_template", "{{ value_json." + metric.path() + " }}");
            putIf(c, "unit_of_measurement", metric.unit());
            putIf(c, "device_class", metric.deviceClass());
            putIf(c, "state_class", metric.stateClass());
            out.add(new Config(prefix + "/sensor/" + unique + "/config", c.toJson()));
        }
        for (Rule rule : rules) {
            if (!appliesTo(rule, node.node(), metrics)) {
                continue;
            }
            String key = rule.name() + "." + node.node();
            String unique = device + "_alert_" + rule.name();
            JsonObject c = base(unique, "Alert " + rule.name().replace('_', ' ') + " (" + rule.common().severity().wire() + ")",
                    device, node, model, stateTopic);
            c.put("state_topic", new AlertActiveTopic(node.site(), key).name());
            // the retained payload is the open alert's JSON; a resolved alert's is empty
            c.put("value_template", "{{ 'ON' if value | length > 0 else 'OFF' }}");
            c.put("device_class", "problem");
            out.add(new Config(prefix + "/binary_sensor/" + unique + "/config", c.toJson()));
        }
        return out;
    }

    /** Whether {@code rule} watches {@code node}: its node globs allow it and the node reports what it reads. */
    static boolean appliesTo(Rule rule, String node, FlatMetrics metrics) {
        if (!rule.common().appliesTo(node)) {
            return false;
        }
        String metric = null;
        if (rule instanceof Rule.Threshold t) {
            metric = t.metric();
        } else if (rule instanceof Rule.Rate r) {
            metric = r.metric();
        } else if (rule instanceof Rule.Stuck s) {
            metric = s.metric();
        } else if (rule instanceof Rule.Missing m) {
            metric = m.metric();
        } else if (rule instanceof Rule.Baseline b) {
            metric = b.metric();
        }
        if (metric != null) {
            return metrics.numbers().containsKey(metric);
        }
        if (rule instanceof Rule.Label l) {
            return metrics.labels().containsKey(l.label());
        }
        return true; // offline: every node
    }

    /** The value at a dotted JSON path, or null. */
    static Object at(Map<?, ?> json, String path) {
        Object v = json;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    private static JsonObject base(String unique, String name, String device, NodeRef node, String model, String stateTopic) {
        JsonObject c = new JsonObject();
        c.put("name", name);
        c.put("unique_id", unique);
        c.put("object_id", unique);
        c.put("availability_topic", stateTopic);
        c.put("availability_template", "{{ 'online' if value_json.online else 'offline' }}");
        JsonObject d = new JsonObject();
        d.put("identifiers", new JsonArray(List.of(device)));
        d.put("name", node.site() + " " + node.node());
        d.put("manufacturer", "waypoint");
        d.put("model", model);
        c.put("device", d);
        return c;
    }

    private static void putIf(JsonObject o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
