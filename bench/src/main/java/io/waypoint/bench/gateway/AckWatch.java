package io.waypoint.bench.gateway;

import io.waypoint.wire.Ack;
import io.waypoint.wire.WireCodec;
import io.waypoint.wire.WireFormatException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Watches the gateway's acknowledgements to the nodes of one site: a gateway acknowledges a node's
 * seq only after the transaction that stored it committed, so once every node's ack reaches its last
 * seq, everything sent was validated, deduplicated, stored and judged by the rules.
 */
final class AckWatch implements AutoCloseable {
    private final MqttAsyncClient client;
    private final Map<String, Long> expected;
    private final long boot;
    private final Map<String, Long> reached = new ConcurrentHashMap<>();
    /** The highest seq of {@code boot} acknowledged to each node of the site, expected or not. */
    private final Map<String, Long> latest = new ConcurrentHashMap<>();
    private final CountDownLatch done;
    private volatile long doneAtNanos;

    private AckWatch(MqttAsyncClient client, Map<String, Long> expected, long boot) {
        this.client = client;
        this.expected = Map.copyOf(expected);
        this.boot = boot;
        this.done = new CountDownLatch(expected.size());
    }

    /** Subscribed before it returns. @param expected each node's last seq of {@code boot} */
    static AckWatch start(String brokerUrl, String site, Map<String, Long> expected, long boot) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, "bench-acks-" + System.nanoTime(), new MemoryPersistence());
        AckWatch w = new AckWatch(c, expected, boot);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // the run then times out and says so
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                w.arrived(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe("wp/v1/" + site + "/+/ack", 1).waitForCompletion(10_000);
        return w;
    }

    private void arrived(String topic, byte[] payload) {
        String node = topic.split("/")[3];
        long last = expected.getOrDefault(node, Long.MAX_VALUE);
        Ack ack;
        try {
            ack = WireCodec.decodeAck(payload);
        } catch (WireFormatException e) {
            return;
        }
        if (ack.boot() != boot) {
            return;
        }
        Long before = reached.get(node);
        latest.merge(node, ack.seq(), Math::max);
        if (ack.seq() >= last && (before == null || before < last)) {
            reached.put(node, ack.seq());
            if (done.getCount() == 1) {
                doneAtNanos = System.nanoTime(); // before the count reaches 0, which wakes the waiter
            }
            done.countDown();
        }
    }

    /** When the last node's last seq was acknowledged ({@link System#nanoTime}), or -1 after {@code timeoutS}. */
    long awaitAll(long timeoutS) throws InterruptedException {
        return done.await(timeoutS, TimeUnit.SECONDS) ? doneAtNanos : -1;
    }

    /** Whether {@code node}'s ack reached {@code seq} within {@code timeoutMs}. */
    boolean awaitAck(String node, long seq, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (latest.getOrDefault(node, 0L) < seq) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** Nodes whose acks have not reached their last seq yet. */
    long missing() {
        return done.getCount();
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(2_000);
            client.close();
        } catch (MqttException e) {
            // the broker may be gone already
        }
    }
}
