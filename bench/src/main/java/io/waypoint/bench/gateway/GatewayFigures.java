package io.waypoint.bench.gateway;

import io.waypoint.bench.Figure;
import io.waypoint.bench.Samples;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The gateway-side figures of {@code scripts/bench}: gateway ingest against {@code mosquitto_sub},
 * alert latency, and the drain of a node's outbox after a day offline against bare Paho. Each runs
 * the gateway as its own process (as {@code scripts/gateway} does) on a Mosquitto of its own, started
 * here on a free port with no queue limit, restarted empty before every measurement. Prints
 * {@link Figure} lines; progress goes to stderr.
 *
 * <p>Usage: {@code GatewayFigures [--runs N] [--quick] [--only ingest,alert,drain] [--dir DIR]
 * [--messages N] [--publishers N] [--nodes N] [--samples N]}
 */
public final class GatewayFigures {
    private static final double INGEST_RATIO_TARGET = 0.9;
    private static final double INGEST_RATE_TARGET = 20_000;
    private static final double ALERT_P99_TARGET_MS = 50;
    private static final double DRAIN_TARGET = 10_000;
    /** Days of a node's outbox the drain's warm-up sends before its timed runs: until this JVM's JIT is done with the link. */
    private static final int WARM_UP_DAYS = 3;
    /** PUBLISHes each ingest publisher has awaiting PUBACK: enough that the broker, not the round trip, paces them. */
    private static final int INGEST_IN_FLIGHT = 500;
    /** A day of telemetry at one message every 10 s. */
    static final int DAY_AT_10_S = 8_640;

    private final Path dir;
    private final int runs;
    private final int messages;
    private final int warmMessages;
    private final int publishers;
    private final int nodes;
    private final int samples;
    private final MosquittoBroker broker;
    /** Real time: the stamps of the loads, and the node links' commits, resends and reconnects. */
    private final Scheduler scheduler = Scheduler.system("bench");

    private GatewayFigures(Path dir, int runs, int messages, int publishers, int nodes, int samples) {
        this.dir = dir;
        this.runs = runs;
        this.messages = messages;
        // as many as are timed: a gateway runs for months, and with a fifth the C2 compiler was still at work through
        // most of the timed load (its thread about half the ingest thread's CPU); the cold start is the drain's figure
        this.warmMessages = Math.max(nodes, messages);
        this.publishers = publishers;
        this.nodes = nodes;
        this.samples = samples;
        // no queue limit (the default drops a slow subscriber's QoS 1 messages) and no Nagle delay, as scripts/install configures a site
        this.broker = MosquittoBroker.start(dir.resolve("broker"), false, List.of("set_tcp_nodelay true"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        boolean quick = o.containsKey("--quick");
        int runs = Integer.parseInt(o.getOrDefault("--runs", quick ? "3" : "5"));
        Set<String> only = Set.of(o.getOrDefault("--only", "ingest,alert,drain").split(","));
        Path dir = o.containsKey("--dir") ? Path.of(o.get("--dir")) : Files.createTempDirectory("gateway-figures");
        GatewayFigures f = new GatewayFigures(dir, runs,
                Integer.parseInt(o.getOrDefault("--messages", quick ? "60000" : "150000")),
                Integer.parseInt(o.getOrDefault("--publishers", "4")),
                Integer.parseInt(o.getOrDefault("--nodes", "40")),
                Integer.parseInt(o.getOrDefault("--samples", quick ? "100" : "300")));
        try {
            if (only.contains("ingest")) {
                f.ingest().forEach(x -> System.out.println(x.line()));
            }
            if (only.contains("alert")) {
                f.alertLatency().forEach(x -> System.out.println(x.line()));
            }
            if (only.contains("drain")) {
                f.outboxDrain().forEach(x -> System.out.println(x.line()));
            }
        } finally {
            f.broker.close();
            f.scheduler.close();
        }
        System.exit(0); // Paho's and the node link's threads are not all daemons
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                o.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                System.err.println("GatewayFigures: unknown argument '" + args[i] + "': expected --runs N, --quick, --only "
                        + "ingest,alert,drain, --dir DIR, --messages N, --publishers N, --nodes N or --samples N");
                System.exit(2);
            }
        }
        return o;
    }

    private static void progress(String format, Object... args) {
        System.err.println("gateway figures: " + String.format(Locale.ROOT, format, args));
    }

    /** An empty broker: no session, no queue, no retained message left by the last measurement. */
    private void freshBroker() {
        broker.kill();
        broker.restart();
    }

    // ---- ingest ------------------------------------------------------------------------------------------

    List<Figure> ingest() throws Exception {
        Instant start = scheduler.now().minus(Duration.ofDays(3));
        TelemetryLoad warm = TelemetryLoad.of(publishers, nodes, warmMessages, 1, start);
        TelemetryLoad timed = TelemetryLoad.of(publishers, nodes, messages, 2, start);
        List<Double> sub = new ArrayList<>();
        List<Double> gateway = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<PipelineCpu> parts = new ArrayList<>();
        long storedAll = 0;
        for (int r = 1; r <= runs; r++) {
            Ingested anchor = subscriberRate(warm, timed);
            sub.add(anchor.rate());
            Ingested g = gatewayRate(warm, timed, r);
            gateway.add(g.rate());
            storedAll += g.stored();
            cpu.add(g.cpu().gateway());
            parts.add(g.cpu());
            progress("ingest run %d/%d: mosquitto_sub %.0f msg/s (CPU: mosquitto_sub %.0f, broker %.0f, publishers %.0f µs a "
                    + "message; cores %.0f%% busy), gateway %.0f msg/s (CPU: %s)", r, runs, sub.get(r - 1), anchor.cpu().gateway(),
                    anchor.cpu().broker(), anchor.cpu().node(), anchor.cpu().machineBusy() * 100, g.rate(), g.cpu().line("publishers"));
        }
        double s = Samples.of(sub).median();
        double g = Samples.of(gateway).median();
        double ratio = g / s;
        long expectedStored = (long) runs * (warm.total() + timed.total());
        String load = String.format(Locale.ROOT, "%d runs, %,d msgs of well telemetry from %d nodes by %d pipelined publishers "
                + "(QoS 1, %d in flight each), timed after as many again to warm up", runs, timed.total(), nodes, publishers,
                INGEST_IN_FLIGHT);
        return List.of(
                new Figure("mosquitto_sub rate (anchor)", s, "msg/s", "(the anchor)", Double.NaN, true,
                        load + "; mosquitto_sub -q 1, counted as it prints; runs " + rates(sub)),
                new Figure("gateway ingest", g, "msg/s",
                        "≥ 0.9 of mosquitto_sub and ≥ 20,000 msg/s", ratio, ratio >= INGEST_RATIO_TARGET && g >= INGEST_RATE_TARGET,
                        load + "; gateway in its own JVM, done when every node's ack reached its last seq (acks follow the "
                                + "commit); stored " + storedAll + "/" + expectedStored + "; runs " + rates(gateway)),
                new Figure("gateway CPU per message", Samples.of(cpu).median(), "µs", "(reported)", Double.NaN, true,
                        "the gateway process's CPU time (all threads) during the timed load ÷ messages: a figure other "
                                + "processes on the machine move less than the rates; runs " + rates(cpu) + "; medians: "
                                + PipelineCpu.median(parts).line("publishers")));
    }

    private static String rates(List<Double> rates) {
        StringBuilder b = new StringBuilder();
        for (double r : rates) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", r));
        }
        return b.toString();
    }

    /** mosquitto_sub's rate, and what the timed load cost each party (mosquitto_sub in the gateway's place). */
    private Ingested subscriberRate(TelemetryLoad warm, TelemetryLoad timed) throws Exception {
        freshBroker();
        try (SubCount sub = SubCount.start("127.0.0.1", broker.port(), warm.total() + timed.total());
             PipelinedPublishers pubs = PipelinedPublishers.connect(broker.url(), publishers, INGEST_IN_FLIGHT, "bench-pub")) {
            TelemetryLoad.Message ready = new TelemetryLoad.Message(SubCount.READY_TOPIC, "{}".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; !sub.awaitReady(50); i++) {
                if (i > 200) {
                    throw new IllegalStateException("mosquitto_sub did not subscribe within 10 s");
                }
                pubs.publishAll(List.of(ready));
            }
            pubs.publish(warm);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (sub.counted() < warm.total()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mosquitto_sub got " + sub.counted() + " of " + warm.total() + " warm-up messages");
                }
                LockSupport.parkNanos(1_000_000);
            }
            PipelineCpu.Meter meter = PipelineCpu.Meter.start(sub.pid(), broker.pid());
            long t0 = System.nanoTime();
            pubs.publish(timed);
            long t1 = sub.awaitAll(300);
            PipelineCpu cpu = meter.stop(timed.total());
            if (t1 < 0) {
                throw new IllegalStateException("mosquitto_sub got " + sub.counted() + " of " + (warm.total() + timed.total()));
            }
            return new Ingested(timed.total() / ((t1 - t0) / 1e9), timed.total(), cpu);
        }
    }

    private record Ingested(double rate, long stored, PipelineCpu cpu) {}

    /** The gateway's rate, how many messages its store holds afterwards, and what the timed load cost each party. */
    private Ingested gatewayRate(TelemetryLoad warm, TelemetryLoad timed, int run) throws Exception {
        freshBroker();
        Path gwDir = dir.resolve("ingest-" + run);
        double rate;
        PipelineCpu cpu;
        try (GatewayUnderTest gw = GatewayUnderTest.start(gwDir, broker.url());
             PipelinedPublishers pubs = PipelinedPublishers.connect(broker.url(), publishers, INGEST_IN_FLIGHT, "bench-pub")) {
            try (AckWatch acks = AckWatch.start(broker.url(), TelemetryLoad.SITE, warm.lastSeqByNode(), warm.boot())) {
                pubs.publish(warm);
                if (acks.awaitAll(120) < 0) {
                    throw new IllegalStateException("warm-up: " + acks.missing() + " node(s) not acknowledged after 120 s; see "
                            + gwDir.resolve("gateway.out"));
                }
            }
            try (AckWatch acks = AckWatch.start(broker.url(), TelemetryLoad.SITE, timed.lastSeqByNode(), timed.boot())) {
                PipelineCpu.Meter meter = PipelineCpu.Meter.start(gw.pid(), broker.pid());
                long t0 = System.nanoTime();
                pubs.publish(timed);
                long t1 = acks.awaitAll(300);
                cpu = meter.stop(timed.total());
                if (t1 < 0) {
                    throw new IllegalStateException(acks.missing() + " node(s) not acknowledged after 300 s; see "
                            + gwDir.resolve("gateway.out"));
                }
                rate = timed.total() / ((t1 - t0) / 1e9);
            }
        }
        long stored;
        try (GatewayStore store = GatewayStore.sqlite(gwDir.resolve("data"))) {
            stored = store.countMessages();
        }
        return new Ingested(rate, stored, cpu);
    }

    // ---- alert latency -----------------------------------------------------------------------------------

    List<Figure> alertLatency() throws Exception {
        freshBroker();
        List<Double> latencies = new ArrayList<>();
        Map<String, Long> raisedAt = new ConcurrentHashMap<>();
        Path gwDir = dir.resolve("alert");
        int warmup = 10;
        try (GatewayUnderTest gw = GatewayUnderTest.start(gwDir, broker.url());
             Publishers pubs = Publishers.connect(broker.url(), 1, 10, "bench-alert");
             AckWatch acks = AckWatch.start(broker.url(), TelemetryLoad.SITE, Map.of(), 1)) {
            MqttAsyncClient staff = new MqttAsyncClient(broker.url(), "bench-staff", new MemoryPersistence());
            staff.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    long now = System.nanoTime();
                    if (m.getPayload().length > 0 && new String(m.getPayload(), StandardCharsets.UTF_8).contains("\"raised\"")) {
                        raisedAt.putIfAbsent(topic.substring(topic.lastIndexOf('/') + 1), now);
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions co = new MqttConnectOptions();
            co.setCleanSession(true);
            staff.connect(co).waitForCompletion(10_000);
            staff.subscribe("wp/v1/" + TelemetryLoad.SITE + "/alerts/active/+", 1).waitForCompletion(10_000);
            Instant t = scheduler.now().minus(Duration.ofHours(1));
            for (int k = 0; k < warmup + samples; k++) {
                String node = "alarm-" + k;
                pubs.publishAll(List.of(unsafe(node, 1, t)));
                if (!acks.awaitAck(node, 1, 10_000)) {
                    throw new IllegalStateException(node + ": the first unsafe reading was not acknowledged within 10 s");
                }
                String key = "turbidity_unsafe." + node;
                long t0 = System.nanoTime();
                pubs.publishAll(List.of(unsafe(node, 2, t.plus(Duration.ofSeconds(121)))));
                long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
                Long at;
                while ((at = raisedAt.get(key)) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(key + " was not raised within 10 s; see " + gwDir.resolve("gateway.out"));
                    }
                    LockSupport.parkNanos(50_000);
                }
                if (k >= warmup) {
                    latencies.add((at - t0) / 1e6);
                }
            }
            staff.disconnect().waitForCompletion(2_000);
            staff.close();
        }
        Samples s = Samples.of(latencies);
        String how = String.format(Locale.ROOT, "%d alerts (after %d not counted), one node each: an unsafe reading, its ack, "
                + "then the decisive one 2 min later in event time; from its publish to the retained raise reaching a "
                + "subscriber; gateway idle otherwise; min %.1f, max %.1f ms", samples, warmup, s.min(), s.max());
        return List.of(
                new Figure("alert latency p50", s.median(), "ms", "(reported)", Double.NaN, true, how),
                new Figure("alert latency p99", s.percentile(99), "ms", "p99 ≤ 50 ms", s.percentile(99) / ALERT_P99_TARGET_MS,
                        s.percentile(99) <= ALERT_P99_TARGET_MS, how));
    }

    private static TelemetryLoad.Message unsafe(String node, long seq, Instant ts) {
        WellTelemetry body = new WellTelemetry(60, new Summary(6.5, 7.0, 7.5, 6), new Summary(1, 2, 3, 6), 1, 100, 100, "ok", 0);
        String json = WireCodec.encode(Envelope.of(new NodeRef(TelemetryLoad.SITE, node), 1, seq, ts, ClockState.SYNCED), body);
        return new TelemetryLoad.Message(NodeTopic.of(TelemetryLoad.SITE, node, NodeTopic.Kind.TELEMETRY).name(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- outbox drain ------------------------------------------------------------------------------------

    /** A clock that moves 10 s at each reading: a day of a well's telemetry written in a moment. */
    private static final class SteppingClock extends Clock {
        private final AtomicLong millis;

        SteppingClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndAdd(10_000));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    List<Figure> outboxDrain() throws Exception {
        List<Double> drain = new ArrayList<>();
        List<Double> warmDrain = new ArrayList<>();
        List<Double> paho = new ArrayList<>();
        List<PipelineCpu> coldCpu = new ArrayList<>();
        List<PipelineCpu> warmCpu = new ArrayList<>();
        // the node's side as on a site: a node has been running for days, sending while online, when its
        // uplink goes; its link's sending code is warm (here: this JVM's), only the broker and gateway are new.
        // Three days: after one, this JVM's C2 compiler was still at the link's code through the first timed runs (a
        // third to a half of a core, taken from the gateway measured); after three it mostly compiles the fills' code
        freshBroker();
        try (GatewayUnderTest gw = GatewayUnderTest.start(dir.resolve("drain-0").resolve("gateway"), broker.url())) {
            for (int day = 1; day <= WARM_UP_DAYS; day++) {
                NodeRef before = new NodeRef(TelemetryLoad.SITE, "yesterdays-well-" + day);
                drainOnce(before, fillOffline(before, dir.resolve("drain-0").resolve("node-" + day)), gw);
            }
        }
        for (int r = 1; r <= runs; r++) {
            Path run = dir.resolve("drain-" + r);
            NodeRef cold = new NodeRef(TelemetryLoad.SITE, "drained-well");
            NodeRef warm = new NodeRef(TelemetryLoad.SITE, "drained-well-2");
            Path coldData = fillOffline(cold, run.resolve("node"));
            Path warmData = fillOffline(warm, run.resolve("node-2"));
            freshBroker();
            try (GatewayUnderTest gw = GatewayUnderTest.start(run.resolve("gateway"), broker.url())) {
                Drained c = drainOnce(cold, coldData, gw);
                // the same day from a second well into the gateway that has just drained the first: its JIT is warm
                Drained w = drainOnce(warm, warmData, gw);
                drain.add(c.rate());
                warmDrain.add(w.rate());
                coldCpu.add(c.cpu());
                warmCpu.add(w.cpu());
                progress("drain run %d/%d, CPU: cold %s; warm %s", r, runs, c.cpu().line(), w.cpu().line());
            }
            paho.add(bareInFlight10(cold));
            progress("drain run %d/%d: outbox %.0f msg/s (then %.0f into the warm gateway), bare Paho %.0f msg/s", r, runs,
                    drain.get(r - 1), warmDrain.get(r - 1), paho.get(r - 1));
        }
        double d = Samples.of(drain).median();
        double w = Samples.of(warmDrain).median();
        double p = Samples.of(paho).median();
        return List.of(
                new Figure("bare Paho QoS 1, 10 in flight (anchor)", p, "msg/s", "(the anchor)", Double.NaN, true,
                        runs + " runs, 8,640 telemetry payloads from memory to a topic nobody reads, until the last PUBACK, "
                                + "after the same day untimed; runs "
                                + rates(paho)),
                new Figure("outbox drain", d, "msg/s", "≥ 10,000 msg/s", d / p, d >= DRAIN_TARGET,
                        runs + " runs; a node link's outbox holding a day at 10 s (8,640 messages written offline), reopened "
                                + "once broker and gateway (own JVM as scripts/gateway starts it, just started: cold) are up; the "
                                + "node link's code warm, as a node's that ran online before; from its connection until the gateway "
                                + "acknowledged all; "
                                + "ratio to bare Paho; runs " + rates(drain) + "; CPU, medians: " + PipelineCpu.median(coldCpu).line()),
                new Figure("outbox drain, warm gateway", w, "msg/s", "(reported)", w / p, true,
                        "right after each run above, a second node's day into the same gateway, whose JIT the first day warmed: "
                                + "what the cold start costs; ratio to bare Paho; runs " + rates(warmDrain) + "; CPU, medians: "
                                + PipelineCpu.median(warmCpu).line()));
    }

    /** A node link's outbox holding a day at 10 s, written offline (a broker address nobody listens on; never started). */
    private Path fillOffline(NodeRef ref, Path nodeData) throws Exception {
        URI nowhere = URI.create("tcp://127.0.0.1:" + FreePorts.next());
        NodeLinkOptions offline = NodeLinkOptions.of(ref, nodeData, nowhere)
                .withMessageClock(new SteppingClock(scheduler.now().minus(Duration.ofDays(2))));
        try (NodeLink link = NodeLink.open(offline, scheduler)) {
            for (int i = 1; i <= DAY_AT_10_S; i++) {
                double avg = 0.3 + (i % 20) / 100.0;
                link.send(new WellTelemetry(10, new Summary(avg - 0.05, avg, avg + 0.05, 6), new Summary(1, 2, 3, 6), 0.3,
                        1000 + i * 0.3, 100 + i * 0.3, "ok", 0));
            }
            link.commit();
        }
        return nodeData;
    }

    /** A drain's rate and what it cost each party. */
    private record Drained(double rate, PipelineCpu cpu) {}

    /**
     * Reopens the outbox online; msg/s from its connection (as the anchor is timed: a connect's cost is not the drain's)
     * until all are acknowledged, and the CPU each party spent meanwhile.
     */
    private Drained drainOnce(NodeRef ref, Path nodeData, GatewayUnderTest gw) throws Exception {
        NodeLinkOptions online = NodeLinkOptions.of(ref, nodeData, URI.create(broker.url())).withReconnectMax(Duration.ofSeconds(1));
        try (NodeLink link = NodeLink.open(online, scheduler)) {
            long held = link.stats().unacknowledged();
            if (held != DAY_AT_10_S) {
                throw new IllegalStateException("the outbox holds " + held + " unacknowledged messages, expected " + DAY_AT_10_S);
            }
            long started = System.nanoTime();
            link.start();
            long deadline = started + TimeUnit.SECONDS.toNanos(120);
            while (!link.stats().connected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the node link did not connect to " + broker.url() + " within 120 s");
                }
                LockSupport.parkNanos(100_000);
            }
            PipelineCpu.Meter cpu = PipelineCpu.Meter.start(gw.pid(), broker.pid());
            long t0 = System.nanoTime();
            while (link.stats().unacknowledged() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(link.stats().unacknowledged() + " messages still unacknowledged after 120 s");
                }
                LockSupport.parkNanos(1_000_000); // a millisecond in a drain of about one second: 0.1 %, and the poll costs the cores little
            }
            double rate = DAY_AT_10_S / ((System.nanoTime() - t0) / 1e9);
            return new Drained(rate, cpu.stop(DAY_AT_10_S));
        }
    }

    private double bareInFlight10(NodeRef ref) throws Exception {
        List<TelemetryLoad.Message> messages = new ArrayList<>(DAY_AT_10_S);
        Instant t = scheduler.now().minus(Duration.ofDays(2));
        for (int i = 1; i <= DAY_AT_10_S; i++) {
            WellTelemetry body = new WellTelemetry(10, new Summary(0.25, 0.3, 0.35, 6), new Summary(1, 2, 3, 6), 0.3,
                    1000 + i * 0.3, 100 + i * 0.3, "ok", 0);
            messages.add(new TelemetryLoad.Message("bench/anchor/telemetry", WireCodec.encode(Envelope.of(ref, 1, i,
                    t.plusSeconds(10L * i), ClockState.SYNCED), body).getBytes(StandardCharsets.UTF_8)));
        }
        try (Publishers pubs = Publishers.connect(broker.url(), 1, 10, "bench-anchor")) {
            // warm-up, not timed: a whole day, as the node link is warmed with three (500 left Paho's code half
            // compiled once the node link no longer ran on Paho, and the anchor fell from about 18,000 to 9,500-15,300)
            pubs.publishAll(messages);
            long t0 = System.nanoTime();
            pubs.publishAll(messages);
            return DAY_AT_10_S / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
