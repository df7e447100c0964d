package io.waypoint.uplink;

import io.waypoint.text.SymbolTable;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.MqttPackets.MqttProtocolException;
import io.waypoint.uplink.MqttPackets.Publish;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.tinylog.Logger;

/**
 * {@link Uplink} as an MQTT 3.1.1 client of our own, for a process that receives thousands of
 * messages a second (the gateway). Measured on the gateway's load: a bare Paho subscriber that does
 * nothing with its messages spends about 60 µs of CPU a message, more than the gateway's whole
 * validate-store-evaluate pipeline (about 30 µs), because every message crosses three Paho threads
 * (receiver, callback, sender) and each PUBACK is a system call of its own.
 *
 * <p>Here one thread per connection reads the socket through a buffer, runs the handlers itself (so
 * every handler runs before its message's PUBACK, and a handler that blocks holds the backlog at the
 * broker, by TCP), and writes the PUBACKs of everything it read in one system call once the buffer is
 * empty. While messages flow, a read that brought less than half the free buffer is followed by a pause
 * of {@link UplinkOptions#readGathering()} (1 ms by default, none when zero) before the next: on the
 * gateway's load each read then brings a few dozen messages instead of one or two, and the uplink
 * thread's CPU fell from 15 to 3 µs a message (the system calls, their wake-ups, and the broker's reads
 * of our PUBACKs). The pause is real time, not the scheduler's: it waits for the kernel's socket buffer.
 * Publishes from other threads are written and flushed at once. Reconnecting is ours as in
 * {@link PahoUplink} ({@link ReconnectBackoff}); publishes in flight when a connection drops are
 * reported failed (their senders resend). Keep-alive pings run on the scheduler; a connection whose
 * broker does not answer a ping within the keep-alive (while no handler is running) is dropped.
 */
final class DirectUplink implements Uplink {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int READ_BUFFER = 65_536;
    /** Topics a connection keeps read, and keeps the routes of: far more than a gateway's nodes have. */
    private static final int TOPICS_KEPT = 4_096;
    /** PUBACKs held for one write: 4 bytes each. */
    private static final int ACK_BUFFER = 4_096;

    private final UplinkOptions options;
    private final long gatheringNanos;
    private final Scheduler scheduler;
    private final ReconnectBackoff backoff;
    private final ConnectFailureLog failures;
    private final Semaphore permits;
    private final Map<String, TopicFilter.Route> subscriptions = new ConcurrentHashMap<>();
    /** Changes with every subscription: a connection's remembered routes are then out of date. */
    private final AtomicInteger subscriptionsVersion = new AtomicInteger();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile Connection current;
    private volatile boolean closed;
    private volatile Scheduler.Task retry;
    private volatile Thread reader;

    private final UplinkCounters counters = new UplinkCounters();
    /** Reads of the socket, every connection's: what {@code readGathering} saves, for its test. */
    private final AtomicLong socketReads = new AtomicLong();

    DirectUplink(UplinkOptions options, Scheduler scheduler, ReconnectBackoff backoff) {
        String scheme = options.broker().getScheme();
        if (!"tcp".equalsIgnoreCase(scheme) && !"ssl".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("broker URL " + options.broker() + ": expected tcp://host:port or ssl://host:port");
        }
        if (options.caFile() != null && !"ssl".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a CA file (" + options.caFile() + ") is set but the broker URL " + options.broker()
                    + " is not ssl://: use ssl://host:8883, or remove the CA file");
        }
        this.options = options;
        this.gatheringNanos = options.readGathering().toNanos();
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.failures = new ConnectFailureLog(options.clientId(), options.broker(), scheduler, backoff);
        this.permits = new Semaphore(options.maxInFlight());
    }

    @Override
    public void start() {
        Logger.info("uplink {}: connecting to {}", options.clientId(), options.broker());
        attemptConnect();
    }

    private void attemptConnect() {
        if (closed || current != null || !connecting.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::connectAndRead, "uplink-" + options.clientId());
        t.setDaemon(true);
        reader = t;
        t.start();
    }

    /** One connection's life, on its own thread: connect, then read until it drops, then schedule the next. */
    private void connectAndRead() {
        Connection c;
        try {
            c = open();
        } catch (IOException | RuntimeException e) {
            connecting.set(false);
            connectFailed(e);
            return;
        }
        counters.connects.incrementAndGet(); // before it shows as connected: a connection's number names it from its first moment
        current = c;
        connecting.set(false);
        synchronized (backoff) {
            backoff.connected(scheduler.now());
        }
        failures.connected();
        Logger.info("uplink {}: connected to {}", options.clientId(), options.broker());
        if (closed) { // close() came while we connected
            c.disconnect();
            current = null;
            return;
        }
        if (options.birth() != null) {
            c.send(List.of(options.birth().get()), null, false);
        }
        c.firstSubscriptions = subscriptions.size(); // the read loop below, on this thread, takes their SUBACKs
        for (String filter : subscriptions.keySet()) {
            c.subscribe(filter);
        }
        for (ConnectionListener l : listeners) {
            l.connected();
        }
        Duration keepAlive = options.keepAlive();
        Scheduler.Task pings = keepAlive.isZero() ? null
                : scheduler.every(keepAlive.dividedBy(4), keepAlive.dividedBy(4), () -> c.keepAlive(keepAlive));
        String why;
        try {
            c.readLoop();
            why = "closed";
        } catch (IOException | RuntimeException e) {
            why = String.valueOf(e.getMessage() == null ? e : e.getMessage());
        }
        if (pings != null) {
            pings.cancel();
        }
        c.tearDown();
        current = null;
        if (closed) {
            return;
        }
        counters.connectionsLost.incrementAndGet();
        Duration delay;
        synchronized (backoff) {
            backoff.disconnected(scheduler.now());
            delay = backoff.afterFailure();
        }
        Logger.warn("uplink {}: connection to {} lost ({})", options.clientId(), options.broker(), why);
        for (ConnectionListener l : listeners) {
            l.disconnected(why);
        }
        scheduleRetry(delay);
    }

    /** Connects and logs in; returns once the broker accepted us. */
    private Connection open() throws IOException {
        Socket s = socketFactory().createSocket();
        try {
            s.setTcpNoDelay(true); // MQTT's small packets must not wait for Nagle (see NoDelaySockets)
            int port = options.broker().getPort() > 0 ? options.broker().getPort()
                    : "ssl".equalsIgnoreCase(options.broker().getScheme()) ? 8883 : 1883;
            s.connect(new InetSocketAddress(options.broker().getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            if (s instanceof SSLSocket tls) {
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // the broker's certificate must name the host we dialled
                tls.setSSLParameters(p);
                tls.startHandshake();
            }
            s.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            Connection c = new Connection(s);
            c.login();
            s.setSoTimeout(0); // from here the keep-alive decides when a silent broker is gone
            return c;
        } catch (IOException | RuntimeException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw e;
        }
    }

    private SocketFactory socketFactory() {
        if ("ssl".equalsIgnoreCase(options.broker().getScheme())) {
            return options.caFile() != null ? PahoUplink.trusting(options) : SSLSocketFactory.getDefault();
        }
        return SocketFactory.getDefault();
    }

    private void connectFailed(Throwable e) {
        if (closed) {
            return;
        }
        counters.connectFailures.incrementAndGet();
        boolean refused = e instanceof LoginRefused r && r.code >= 4;
        scheduleRetry(failures.failed(refused, refused ? e.getMessage() : String.valueOf(e)));
    }

    private void scheduleRetry(Duration delay) {
        if (!closed) {
            retry = scheduler.schedule(delay, this::attemptConnect);
        }
    }

    @Override
    public boolean isConnected() {
        Connection c = current;
        return c != null && !c.dead;
    }

    @Override
    public boolean publish(Outgoing m, DeliveryListener done) {
        return publishAll(List.of(m), done) == 1;
    }

    /** Takes as many as the window has room for, and writes them in one system call. */
    @Override
    public int publishAll(List<Outgoing> messages, DeliveryListener done) {
        Connection c = current;
        if (c == null || c.dead) {
            return 0;
        }
        int room = 0;
        while (room < messages.size() && permits.tryAcquire()) {
            room++;
        }
        if (room == 0) {
            return 0;
        }
        List<Outgoing> taken = messages.subList(0, room);
        if (!c.send(taken, done, true)) {
            permits.release(room);
            counters.publishFailures.addAndGet(room);
            return 0;
        }
        return room;
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
        subscriptions.put(filter, TopicFilter.Route.of(filter, handler));
        subscriptionsVersion.incrementAndGet();
        Connection c = current;
        if (c != null) {
            c.subscribe(filter);
        }
    }

    /** Every handler here runs before its message's PUBACK. */
    @Override
    public void subscribeBeforeAck(String filter, MessageHandler handler) {
        subscribe(filter, handler);
    }

    @Override
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public int inFlight() {
        return options.maxInFlight() - permits.availablePermits();
    }

    /** How many times any connection read the socket. */
    long socketReads() {
        return socketReads.get();
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
        Connection c = current;
        if (c != null) {
            if (options.farewell() != null) {
                CountDownLatch delivered = new CountDownLatch(1);
                if (c.send(List.of(options.farewell().get()), ok -> delivered.countDown(), false)) {
                    try {
                        delivered.await(2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            c.disconnect();
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Logger.info("uplink {}: closed", options.clientId());
    }

    private static final class LoginRefused extends IOException {
        final int code;

        LoginRefused(int code) {
            super("CONNACK " + code + ": " + MqttPackets.connackReason(code));
            this.code = code;
        }
    }

    private record InFlight(DeliveryListener listener, boolean metered) {}

    /** One socket, from login to drop. */
    private final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] acks = new byte[ACK_BUFFER];
        private int ackLength;
        private byte[] buffer = new byte[READ_BUFFER];
        /** Bytes the last read brought: a trickle (while messages flow) lets the next wait {@code readGathering}. */
        private int lastRead;
        private int position;
        private int limit;
        private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
        /**
         * The topics this connection has heard, each read once from its bytes, and the routes each goes to: a
         * gateway hears the same few topics a node thousands of times a second, and decoding each and matching
         * it against every subscription was a quarter of its uplink thread. The read loop's own.
         */
        private final SymbolTable topics = new SymbolTable(TOPICS_KEPT, 512, false);
        private final Map<String, TopicFilter.Route[]> routes = new HashMap<>();
        private int routesVersion = -1;
        private final Map<Integer, String> subscribing = new ConcurrentHashMap<>();
        /** Subscriptions sent at connect whose SUBACK has not come; read and written by the connection's thread. */
        private int firstSubscriptions;
        private int firstRefused;
        private int nextId;
        private volatile boolean dead;
        private volatile boolean inHandler;
        private volatile Instant lastWrite;
        private volatile Instant pingSent;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.lastWrite = scheduler.now();
        }

        void login() throws IOException {
            synchronized (this) {
                out.write(MqttPackets.connect(options));
                out.flush();
            }
            int first = readByte();
            int length = readLength();
            if (first >> 4 != MqttPackets.CONNACK || length != 2) {
                throw new MqttProtocolException("the broker answered CONNECT with packet type " + (first >> 4) + ", not CONNACK");
            }
            fill(2);
            int code = buffer[position + 1] & 0xFF;
            position += 2;
            if (code != 0) {
                throw new LoginRefused(code);
            }
        }

        void readLoop() throws IOException {
            while (true) {
                int first = readByte();
                int length = readLength();
                fill(length);
                int at = position;
                position += length;
                pingSent = null; // anything from the broker shows it is there
                switch (first >> 4) {
                    case MqttPackets.PUBLISH -> {
                        Publish p = MqttPackets.publish(first, buffer, at, length, topics);
                        counters.received.incrementAndGet();
                        deliver(p);
                        if (p.qos() == 1) {
                            ack(p.packetId());
                        } else if (p.qos() == 2) {
                            throw new MqttProtocolException("a QoS 2 PUBLISH on " + p.topic() + ", though we subscribe at QoS 1");
                        }
                    }
                    case MqttPackets.PUBACK -> delivered(id(at, length));
                    case MqttPackets.SUBACK -> subscribed(id(at, length), length > 2 ? buffer[at + 2] & 0xFF : 0x80);
                    case MqttPackets.PINGRESP -> { }
                    default -> throw new MqttProtocolException("unexpected packet type " + (first >> 4) + " from the broker");
                }
            }
        }

        private int id(int at, int length) {
            if (length < 2) {
                throw new MqttProtocolException("a packet of " + length + " bytes without its packet id");
            }
            return ((buffer[at] & 0xFF) << 8) | (buffer[at + 1] & 0xFF);
        }

        private void deliver(Publish p) {
            inHandler = true;
            try {
                for (TopicFilter.Route route : routesOf(p.topic())) {
                    try {
                        route.handler().onMessage(p.topic(), p.payload(), p.retained());
                    } catch (RuntimeException x) {
                        Logger.error(x, "uplink {}: a message handler failed", options.clientId());
                    }
                }
            } finally {
                inHandler = false;
            }
        }

        /** The subscriptions {@code topic} matches, remembered until the subscriptions change. */
        private TopicFilter.Route[] routesOf(String topic) {
            int version = subscriptionsVersion.get();
            if (version != routesVersion || routes.size() >= TOPICS_KEPT) {
                routes.clear();
                routesVersion = version;
            }
            TopicFilter.Route[] r = routes.get(topic);
            if (r == null) {
                r = subscriptions.values().stream().filter(route -> route.filter().matches(topic)).toArray(TopicFilter.Route[]::new);
                routes.put(topic, r);
            }
            return r;
        }

        private void delivered(int id) {
            InFlight f = inFlight.remove(id);
            if (f == null) {
                return; // a PUBACK for what we no longer wait for: harmless
            }
            if (f.metered()) {
                permits.release();
            }
            counters.published.incrementAndGet();
            if (f.listener() != null) {
                f.listener().delivered(true);
            }
        }

        private void subscribed(int id, int granted) {
            String filter = subscribing.remove(id);
            if (granted == 0x80) {
                firstRefused++;
                Logger.error("uplink {}: broker refused our subscription to {}: check the broker's ACL for this client",
                        options.clientId(), filter);
            }
            if (firstSubscriptions > 0 && --firstSubscriptions == 0) {
                // what is published from now on reaches us: a technician (and a test) can tell "connected" from "listening"
                if (firstRefused == 0) {
                    Logger.info("uplink {}: subscribed", options.clientId());
                } else {
                    Logger.warn("uplink {}: subscribed, but {} subscription(s) refused (see above)", options.clientId(), firstRefused);
                }
            }
        }

        /** Holds a PUBACK for the write that follows the read buffer running dry (or this one filling). */
        private void ack(int packetId) throws IOException {
            synchronized (this) {
                if (ackLength + 4 > acks.length) {
                    flushAcks();
                }
                MqttPackets.puback(acks, ackLength, packetId);
                ackLength += 4;
            }
        }

        /** Under this connection's lock. */
        private void flushAcks() throws IOException {
            if (ackLength > 0) {
                out.write(acks, 0, ackLength);
                ackLength = 0;
                lastWrite = scheduler.now();
            }
        }

        private int readByte() throws IOException {
            fill(1);
            return buffer[position++] & 0xFF;
        }

        /** The remaining length (section 2.2.3): one to four bytes. */
        private int readLength() throws IOException {
            int value = 0;
            for (int i = 0, shift = 0; i < 4; i++, shift += 7) {
                int b = readByte();
                value |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new MqttProtocolException("a remaining length of more than four bytes");
        }

        /** Makes {@code n} bytes available from {@code position}; before waiting on the socket, sends the held PUBACKs. */
        private void fill(int n) throws IOException {
            if (limit - position >= n) {
                return;
            }
            if (n > buffer.length) {
                byte[] bigger = new byte[n];
                System.arraycopy(buffer, position, bigger, 0, limit - position);
                limit -= position;
                position = 0;
                buffer = bigger;
            } else if (buffer.length - position < n) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            while (limit - position < n) {
                synchronized (this) {
                    flushAcks();
                }
                int room = buffer.length - limit;
                if (gatheringNanos > 0 && lastRead > 0 && lastRead < room / 2) {
                    LockSupport.parkNanos(gatheringNanos); // a close() meanwhile closed the socket: the read below then fails
                }
                int read = in.read(buffer, limit, room);
                socketReads.incrementAndGet();
                lastRead = read;
                if (read < 0) {
                    throw new EOFException("the broker closed the connection");
                }
                limit += read;
            }
        }

        void subscribe(String filter) {
            synchronized (this) {
                if (dead) {
                    return;
                }
                int id = nextId();
                subscribing.put(id, filter);
                try {
                    flushAcks();
                    out.write(MqttPackets.subscribe(id, filter));
                    out.flush();
                    lastWrite = scheduler.now();
                } catch (IOException e) {
                    Logger.warn("uplink {}: subscription to {} failed ({}); it is retried at the next connect",
                            options.clientId(), filter, e.getMessage());
                    drop();
                }
            }
        }

        /**
         * Writes the PUBLISHes of {@code ms} now, in one system call; false when the connection is gone or
         * one of them cannot be encoded (none was then sent: nothing is owed to {@code done}).
         *
         * @param metered each holds a permit of the in-flight window, given back once it is delivered
         */
        boolean send(List<Outgoing> ms, DeliveryListener done, boolean metered) {
            byte[][] packets = new byte[ms.size()][];
            int[] ids = new int[ms.size()];
            synchronized (this) {
                if (dead) {
                    return false;
                }
                int length = 0;
                try {
                    for (int i = 0; i < packets.length; i++) {
                        Outgoing m = ms.get(i);
                        if (m.qos() > 0) {
                            ids[i] = nextId();
                            inFlight.put(ids[i], new InFlight(done, metered)); // taken: the next id is another
                        }
                        packets[i] = MqttPackets.publish(m, ids[i]);
                        length += packets[i].length;
                    }
                } catch (IllegalArgumentException e) {
                    for (int id : ids) {
                        inFlight.remove(id);
                    }
                    Logger.warn("uplink {}: could not publish ({})", options.clientId(), e.getMessage());
                    return false;
                }
                byte[] all = packets.length == 1 ? packets[0] : new byte[length];
                if (packets.length > 1) {
                    int at = 0;
                    for (byte[] packet : packets) {
                        System.arraycopy(packet, 0, all, at, packet.length);
                        at += packet.length;
                    }
                }
                try {
                    flushAcks();
                    out.write(all);
                    lastWrite = scheduler.now();
                } catch (IOException e) {
                    for (int id : ids) {
                        inFlight.remove(id);
                    }
                    Logger.warn("uplink {}: could not publish {} message(s) on {} ({})", options.clientId(), ms.size(),
                            ms.get(0).topic(), e.getMessage());
                    drop();
                    return false;
                }
            }
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == 0) { // QoS 0: done once written
                    if (metered) {
                        permits.release();
                    }
                    counters.published.incrementAndGet();
                    if (done != null) {
                        done.delivered(true);
                    }
                }
            }
            return true;
        }

        /** Under this connection's lock: the next packet id not awaiting its acknowledgement. */
        private int nextId() {
            do {
                nextId = nextId % 65_535 + 1;
            } while (inFlight.containsKey(nextId) || subscribing.containsKey(nextId));
            return nextId;
        }

        /** On the scheduler: a ping when we have been quiet, and a drop when the broker has been. */
        void keepAlive(Duration keepAlive) {
            Instant now = scheduler.now();
            Instant asked = pingSent;
            if (asked != null && !inHandler && Duration.between(asked, now).compareTo(keepAlive) > 0) {
                Logger.warn("uplink {}: no answer from {} to a ping in {} s: dropping the connection",
                        options.clientId(), options.broker(), keepAlive.toSeconds());
                drop();
                return;
            }
            synchronized (this) {
                // a ping after three quarters of the keep-alive without a write, checked each quarter: never later than
                // the keep-alive, and on a node's metered link one or two between its minutely messages, as Paho sends
                if (dead || Duration.between(lastWrite, now).compareTo(keepAlive.multipliedBy(3).dividedBy(4)) < 0) {
                    return;
                }
                try {
                    flushAcks();
                    out.write(MqttPackets.PINGREQ_PACKET);
                    out.flush();
                    lastWrite = now;
                    if (pingSent == null) {
                        pingSent = now;
                    }
                } catch (IOException e) {
                    drop();
                }
            }
        }

        /** Clean close: DISCONNECT, so the broker discards our will. */
        void disconnect() {
            synchronized (this) {
                if (!dead) {
                    try {
                        flushAcks();
                        out.write(MqttPackets.DISCONNECT_PACKET);
                        out.flush();
                    } catch (IOException e) {
                        Logger.debug("uplink {}: DISCONNECT not sent ({})", options.clientId(), e.getMessage());
                    }
                }
            }
            drop();
        }

        /** Closes the socket: the reading thread then ends the connection. */
        private void drop() {
            dead = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }

        /** On the reading thread once the connection is over: what was in flight failed; its senders resend. */
        void tearDown() {
            synchronized (this) {
                dead = true;
            }
            drop();
            List<InFlight> failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            for (InFlight f : failed) {
                if (f.metered()) {
                    permits.release();
                }
                counters.publishFailures.incrementAndGet();
                if (f.listener() != null) {
                    f.listener().delivered(false);
                }
            }
        }
    }
}
