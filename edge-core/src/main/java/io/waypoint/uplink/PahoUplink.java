package io.waypoint.uplink;

import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * {@link Uplink} over Paho's async client. Paho is used only as a protocol engine: its automatic
 * reconnect is off (it never retries a failed first connect and its delay is a static shared by all
 * clients), its offline buffer is off, and its persistence is in memory (the durable copy is the
 * node's outbox). Paho runs every callback on one thread, so callbacks here only hand work to our
 * dispatch thread or release a permit, never block or publish synchronously.
 */
final class PahoUplink implements Uplink, MqttCallbackExtended {
    /** Slack above our own in-flight limit for the birth and farewell, which bypass the permits. */
    private static final int PAHO_HEADROOM = 4;

    private final UplinkOptions options;
    private final Scheduler scheduler;
    private final ReconnectBackoff backoff;
    private final ConnectFailureLog failures;
    private final MqttAsyncClient client;
    private final MqttConnectOptions connectOptions;
    private final Semaphore permits;
    private final Map<String, TopicFilter.Route> subscriptions = new ConcurrentHashMap<>();
    /** Handlers that run in {@link #messageArrived}, before Paho acknowledges the message; also in {@link #subscriptions}. */
    private final Map<String, TopicFilter.Route> beforeAck = new ConcurrentHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    /**
     * Messages waiting for the dispatch thread. Small on purpose: a slow consumer should leave the
     * backlog with the broker (TCP back-pressure), not in this heap. With 65,536 here the gateway held
     * up to 165,000 messages under load, and every young collection copied them: 3.3 s of pauses in a
     * 25 s run.
     */
    private static final int INBOX_CAPACITY = 4_096;

    private final BlockingQueue<Runnable> inbox = new ArrayBlockingQueue<>(INBOX_CAPACITY);
    private final Thread dispatcher;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Scheduler.Task retry;

    private final UplinkCounters counters = new UplinkCounters();

    PahoUplink(UplinkOptions options, Scheduler scheduler, ReconnectBackoff backoff) {
        this.options = options;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.failures = new ConnectFailureLog(options.clientId(), options.broker(), scheduler, backoff);
        this.permits = new Semaphore(options.maxInFlight());
        try {
            this.client = new MqttAsyncClient(options.broker().toString(), options.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT client for " + options.broker() + ": " + e.getMessage(), e);
        }
        client.setCallback(this);
        this.connectOptions = connectOptions(options);
        this.dispatcher = new Thread(this::dispatchLoop, "uplink-" + options.clientId());
        dispatcher.setDaemon(true);
    }

    private static MqttConnectOptions connectOptions(UplinkOptions o) {
        MqttConnectOptions c = new MqttConnectOptions();
        c.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.setCleanSession(o.cleanSession());
        c.setAutomaticReconnect(false);
        c.setKeepAliveInterval((int) Math.max(1, o.keepAlive().toSeconds()));
        c.setConnectionTimeout(10);
        c.setMaxInflight(o.maxInFlight() + PAHO_HEADROOM);
        if (o.username() != null) {
            c.setUserName(o.username());
        }
        if (o.password() != null) {
            c.setPassword(o.password());
        }
        if (o.will() != null) {
            c.setWill(o.will().topic(), o.will().payload(), o.will().qos(), o.will().retained());
        }
        if ("ssl".equalsIgnoreCase(o.broker().getScheme())) {
            SSLSocketFactory tls = o.caFile() != null ? trusting(o) : (SSLSocketFactory) SSLSocketFactory.getDefault();
            c.setSocketFactory(NoDelaySockets.over(tls));
        } else if (o.caFile() != null) {
            c.setSocketFactory(trusting(o)); // Paho refuses a TLS factory for tcp://, with a message that says so
        } else {
            c.setSocketFactory(NoDelaySockets.plain());
        }
        return c;
    }

    /** A TLS socket factory trusting only the site CA in {@code o.caFile()}. */
    static SSLSocketFactory trusting(UplinkOptions o) {
        try (InputStream in = Files.newInputStream(o.caFile())) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, cert);
            }
            if (i == 0) {
                throw new IllegalArgumentException(o.caFile() + " holds no PEM certificate: expected the site CA certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA certificate " + o.caFile() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        if (!dispatcher.isAlive()) {
            dispatcher.start();
        }
        Logger.info("uplink {}: connecting to {}", options.clientId(), options.broker());
        attemptConnect();
    }

    private void attemptConnect() {
        if (closed || connected.get() || !connecting.compareAndSet(false, true)) {
            return;
        }
        try {
            client.connect(connectOptions, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting.set(false); // connectComplete does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connecting.set(false);
                    connectFailed(e);
                }
            });
        } catch (MqttException e) {
            connecting.set(false);
            connectFailed(e);
        }
    }

    private void connectFailed(Throwable e) {
        if (closed) {
            return;
        }
        counters.connectFailures.incrementAndGet();
        int code = e instanceof MqttException m ? m.getReasonCode() : -1;
        boolean refused = code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED;
        scheduleRetry(failures.failed(refused, describe(e)));
    }

    private void scheduleRetry(Duration delay) {
        if (!closed) {
            retry = scheduler.schedule(delay, this::attemptConnect);
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof MqttException m) {
            Throwable cause = m.getCause();
            return "MQTT reason " + m.getReasonCode() + ": " + m.getMessage() + (cause != null ? " / " + cause : "");
        }
        return String.valueOf(e);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        if (closed) {
            return;
        }
        counters.connects.incrementAndGet(); // before it shows as connected: a connection's number names it from its first moment
        connected.set(true);
        synchronized (backoff) { // Paho calls back on its connect, receive and callback threads
            backoff.connected(scheduler.now());
        }
        failures.connected();
        Logger.info("uplink {}: connected to {}", options.clientId(), serverURI);
        if (options.birth() != null) {
            Outgoing birth = options.birth().get();
            sendUnmetered(birth, "birth");
        }
        for (String filter : subscriptions.keySet()) {
            subscribeNow(filter);
        }
        enqueue(() -> listeners.forEach(ConnectionListener::connected));
    }

    @Override
    public void connectionLost(Throwable cause) {
        connected.set(false);
        counters.connectionsLost.incrementAndGet();
        Duration delay;
        synchronized (backoff) {
            backoff.disconnected(scheduler.now());
            delay = backoff.afterFailure();
        }
        String why = describe(cause);
        Logger.warn("uplink {}: connection to {} lost ({})", options.clientId(), options.broker(), why);
        enqueue(() -> listeners.forEach(l -> l.disconnected(why)));
        scheduleRetry(delay);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        counters.received.incrementAndGet();
        byte[] payload = message.getPayload();
        boolean retained = message.isRetained();
        for (TopicFilter.Route route : beforeAck.values()) {
            if (route.filter().matches(topic)) {
                try {
                    route.handler().onMessage(topic, payload, retained);
                } catch (RuntimeException x) {
                    Logger.error(x, "uplink {}: a message handler failed", options.clientId());
                }
            }
        }
        // blocks only when our own queue of INBOX_CAPACITY is full: back-pressure through TCP, by design
        enqueue(() -> {
            for (Map.Entry<String, TopicFilter.Route> e : subscriptions.entrySet()) {
                if (!beforeAck.containsKey(e.getKey()) && e.getValue().filter().matches(topic)) {
                    e.getValue().handler().onMessage(topic, payload, retained);
                }
            }
        });
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // per-publish listeners do the accounting
    }

    private void enqueue(Runnable r) {
        try {
            inbox.put(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatchLoop() {
        while (true) {
            Runnable r;
            try {
                r = inbox.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error(e, "uplink {}: a message handler failed", options.clientId());
            }
        }
    }

    @Override
    public boolean isConnected() {
        return connected.get() && client.isConnected();
    }

    @Override
    public boolean publish(Outgoing m, DeliveryListener done) {
        if (!isConnected() || !permits.tryAcquire()) {
            return false;
        }
        try {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    permits.release();
                    counters.published.incrementAndGet();
                    if (done != null) {
                        done.delivered(true);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    permits.release();
                    counters.publishFailures.incrementAndGet();
                    if (done != null) {
                        done.delivered(false);
                    }
                }
            });
            return true;
        } catch (MqttException | RuntimeException e) {
            permits.release();
            counters.publishFailures.incrementAndGet();
            return false;
        }
    }

    /** Birth and farewell: outside the permits, so a full window never delays the node's state. */
    private IMqttDeliveryToken sendUnmetered(Outgoing m, String what) {
        try {
            return client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } catch (MqttException e) {
            Logger.warn("uplink {}: could not publish the {} on {} ({})", options.clientId(), what, m.topic(), describe(e));
            return null;
        }
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
        beforeAck.remove(filter);
        subscriptions.put(filter, TopicFilter.Route.of(filter, handler));
        if (isConnected()) {
            subscribeNow(filter);
        }
    }

    @Override
    public void subscribeBeforeAck(String filter, MessageHandler handler) {
        TopicFilter.Route route = TopicFilter.Route.of(filter, handler);
        beforeAck.put(filter, route);
        subscriptions.put(filter, route);
        if (isConnected()) {
            subscribeNow(filter);
        }
    }

    private void subscribeNow(String filter) {
        try {
            client.subscribe(filter, 1, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] == 0x80) {
                        Logger.error("uplink {}: broker refused our subscription to {}: check the broker's ACL for this client",
                                options.clientId(), filter);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    Logger.warn("uplink {}: subscription to {} failed ({}); it is retried at the next connect",
                            options.clientId(), filter, describe(e));
                }
            });
        } catch (MqttException e) {
            Logger.warn("uplink {}: subscription to {} failed ({}); it is retried at the next connect",
                    options.clientId(), filter, describe(e));
        }
    }

    @Override
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public int inFlight() {
        return options.maxInFlight() - permits.availablePermits();
    }

    @Override
    public UplinkStats stats() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Scheduler.Task r = retry;
        if (r != null) {
            r.cancel();
        }
        try {
            if (isConnected()) {
                if (options.farewell() != null) {
                    IMqttDeliveryToken t = sendUnmetered(options.farewell().get(), "farewell");
                    if (t != null) {
                        t.waitForCompletion(2_000);
                    }
                }
                client.disconnect(1_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            Logger.warn("uplink {}: clean disconnect failed ({}); closing anyway", options.clientId(), describe(e));
            try {
                client.disconnectForcibly(0, 1_000);
            } catch (MqttException ignored) {
                // nothing more can be done on the way out
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("uplink {}: close: {}", options.clientId(), describe(e));
        }
        connected.set(false);
        dispatcher.interrupt();
        Logger.info("uplink {}: closed", options.clientId());
    }
}
