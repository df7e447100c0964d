package io.waypoint.testkit;


import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
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
        return connect(url, Login.as(user, password), filters);
    }

    /**
     * How a probe logs in.
     *
     * @param user       null for anonymous
     * @param password   null for none
     * @param caFile     the PEM CA to trust for {@code ssl://} (and nothing else); null for the JVM's own
     * @param clientId   null for a random one
     * @param persistent a persistent session (clean session false): the broker keeps the probe's
     *                   subscriptions and queues its messages while it is away
     */
    public record Login(String user, String password, Path caFile, String clientId, boolean persistent) {
        public static Login anonymous() {
            return new Login(null, null, null, null, false);
        }

        public static Login as(String user, String password) {
            return new Login(user, password, null, null, false);
        }

        public Login trusting(Path ca) {
            return new Login(user, password, ca, clientId, persistent);
        }

        public Login persistentAs(String id) {
            return new Login(user, password, caFile, id, true);
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", ca=" + caFile + "]"; // never the password: test reports are logs too
        }
    }

    /** Connects as {@code login} and subscribes to {@code filters} at QoS 1. */
    public static MqttProbe connect(String url, Login login, String... filters) {
        try {
            String id = login.clientId() != null ? login.clientId() : "probe-" + UUID.randomUUID().toString().substring(0, 8);
            MqttClient c = new MqttClient(url, id, new MemoryPersistence());
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
            o.setCleanSession(!login.persistent());
            o.setMaxInflight(1000);
            if (login.user() != null) {
                o.setUserName(login.user());
            }
            if (login.password() != null) {
                o.setPassword(login.password().toCharArray());
            }
            if (login.caFile() != null) {
                o.setSocketFactory(trustingOnly(login.caFile()));
            }
            c.connect(o);
            for (String f : filters) {
                c.subscribe(f, 1);
            }
            return p;
        } catch (MqttException e) {
            throw new IllegalStateException("probe cannot connect to " + url + " as " + login + ": " + e, e);
        }
    }

    /** TLS that trusts the certificates in {@code caFile} and nothing else (the JVM's CAs are not asked). */
    private static SSLSocketFactory trustingOnly(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("probe cannot read the CA " + caFile + ": " + e, e);
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
