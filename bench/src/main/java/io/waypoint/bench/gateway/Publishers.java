package io.waypoint.bench.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho publishers at QoS 1, at most {@code inFlight} publishes awaiting their PUBACK per client (the
 * broker's answer paces them, nothing else): the alert figure's node, and the drain's anchor, which is
 * bare Paho by definition. The ingest load comes from {@link PipelinedPublishers}.
 */
final class Publishers implements AutoCloseable {
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final int inFlight;
    private final AtomicLong failures = new AtomicLong();

    private Publishers(int inFlight) {
        this.inFlight = inFlight;
    }

    static Publishers connect(String brokerUrl, int count, int inFlight, String prefix) throws MqttException {
        Publishers p = new Publishers(inFlight);
        for (int i = 0; i < count; i++) {
            MqttAsyncClient c = new MqttAsyncClient(brokerUrl, prefix + "-" + i, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setMaxInflight(inFlight + 1);
            o.setKeepAliveInterval(60);
            c.connect(o).waitForCompletion(10_000);
            p.clients.add(c);
        }
        return p;
    }

    /** Publishes {@code messages} from client 0; returns when every PUBACK is in. */
    void publishAll(List<TelemetryLoad.Message> messages) {
        send(clients.get(0), messages);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " publish(es) failed");
        }
    }

    private void send(MqttAsyncClient c, List<TelemetryLoad.Message> share) {
        Semaphore window = new Semaphore(inFlight);
        IMqttActionListener done = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failures.incrementAndGet();
                window.release();
            }
        };
        try {
            for (TelemetryLoad.Message m : share) {
                window.acquire();
                c.publish(m.topic(), m.payload(), 1, false, null, done);
            }
            if (!window.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("PUBACKs still missing after 60 s");
            }
        } catch (MqttException e) {
            throw new IllegalStateException("publishing to the broker failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect().waitForCompletion(2_000);
                c.close();
            } catch (MqttException e) {
                // the broker may be gone already; nothing to keep
            }
        }
    }
}
