package io.waypoint.bench.node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * What the broker carries for the nodes under {@code wp/v1/#}, as the benchmark needs it: when each
 * node's birth ({@code state} with {@code "online":true}) first arrived ({@link System#nanoTime}),
 * how many messages each topic carried, and the newest {@code ts} and payload of each.
 */
final class BrokerWatch implements AutoCloseable {
    private static final Pattern TS = Pattern.compile("\"ts\":\"([^\"]+)\"");

    private final MqttClient client;
    private final Map<String, Long> births = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, String> last = new ConcurrentHashMap<>();

    private BrokerWatch(MqttClient client) {
        this.client = client;
    }

    static BrokerWatch connect(String url) throws MqttException {
        MqttClient c = new MqttClient(url, "bench-watch-" + ProcessHandle.current().pid(), new MemoryPersistence());
        BrokerWatch w = new BrokerWatch(c);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                long at = System.nanoTime();
                String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
                if (topic.endsWith("/state") && payload.contains("\"online\":true")) {
                    w.births.putIfAbsent(topic, at);
                }
                w.counts.computeIfAbsent(topic, t -> new AtomicLong()).incrementAndGet();
                w.last.put(topic, payload);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(1000);
        c.connect(o);
        c.subscribe("wp/v1/#", 1);
        return w;
    }

    /** When the birth of {@code site/node} first arrived (System.nanoTime), if it did. */
    Optional<Long> birth(String site, String node) {
        return Optional.ofNullable(births.get("wp/v1/" + site + "/" + node + "/state"));
    }

    /** Messages carried on {@code wp/v1/site/node/kind} so far. */
    long count(String site, String node, String kind) {
        AtomicLong n = counts.get("wp/v1/" + site + "/" + node + "/" + kind);
        return n == null ? 0 : n.get();
    }

    /** The {@code ts} of the newest message on {@code wp/v1/site/node/kind}, if any came. */
    Optional<Instant> lastTs(String site, String node, String kind) {
        String p = last.get("wp/v1/" + site + "/" + node + "/" + kind);
        if (p == null) {
            return Optional.empty();
        }
        Matcher m = TS.matcher(p);
        return m.find() ? Optional.of(Instant.parse(m.group(1))) : Optional.empty();
    }

    /** The newest payload on {@code wp/v1/site/node/kind}, if any came. */
    Optional<String> lastPayload(String site, String node, String kind) {
        return Optional.ofNullable(last.get("wp/v1/" + site + "/" + node + "/" + kind));
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker is going away with the run
        }
    }
}
