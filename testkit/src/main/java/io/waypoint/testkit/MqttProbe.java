package io.waypoint.testkit;


import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain MQTT client a test uses to watch what reaches the broker and to publish as a stranger
 * would (staff acks, malformed payloads). Deliberately not our uplink: it checks the uplink from
 * outside.
 */
public final class MqttProbe implements AutoCloseable {
    /** One message as the probe received it. */
    public record Received(String topic, String payload, boolean retained) {}

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    private MqttProbe(MqttClient client) {
        this.client = client;
    }

    /** Connects with a clean session and subscribes to {@code filters} at QoS 1. */
    public static MqttProbe connect(String url, String... filters) {
        return connectAs(url, null, null, filters);
    }

    /** Connects with credentials (a password file broker), subscribing to {@code filters}. */
    public static MqttProbe connectAs(String url, String user, String password, String... filters) {
        try {
            MqttClient c = new MqttClient(url, "probe-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            MqttProbe p = new MqttProbe(c);
            c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    synchronized (p.received) {
                        p.received.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained()));
                    }
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(1000);
            if (user != null) {
                o.setUserName(user);
                o.setPassword(password.toCharArray());
            }
            c.connect(o);
            for (String f : filters) {
                c.subscribe(f, 1);
            }
            return p;
        } catch (MqttException e) {
            throw new IllegalStateException("probe cannot connect to " + url + ": " + e, e);
        }
    }

    public void publish(String topic, String payload, boolean retained) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    public void publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, 1, retained);
        } catch (MqttException e) {
            throw new IllegalStateException("probe cannot publish on " + topic + ": " + e, e);
        }
    }

    /** Every message received so far, in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    public List<Received> received(Predicate<Received> which) {
        return received().stream().filter(which).toList();
    }

    /** Waits up to {@code timeout} for a message that matches, and returns the first one. */
    public Received await(Duration timeout, Predicate<Received> which) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> !received(which).isEmpty());
        return received(which).get(0);
    }

    public Received awaitTopic(Duration timeout, String topic) {
        return await(timeout, r -> r.topic().equals(topic));
    }

    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may already be gone in fault tests
        }
    }
}
