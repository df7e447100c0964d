package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.sim.site.KioskSite;
import io.waypoint.sim.site.SiteRecord;
import io.waypoint.sim.site.WellSite;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill part of the fault matrix, each against a real Mosquitto and counted: the broker, each
 * kind of node and the gateway SIGKILLed mid-stream, again and again. Nodes run on accelerated
 * clocks (their simulated time runs many times faster than the wall clock), so minutes of a site's
 * life take seconds.
 */
class FaultMatrixTest {
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final String SITE = "la-gloria";
    /** The broker runs on the gateway's box: come back within a second or so of it (the field default is 60 s). */
    private static final List<String> FAST_RECONNECT = List.of("[broker]", "reconnect_max = 1s");

    @TempDir
    Path dir;

    private static long seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    @Test
    void fiveNodesStreamingTenMinutesLoseAndDuplicateNothingThoughTheBrokerIsKilledTenTimes() throws Exception {
        int nodes = 5;
        int perNode = 2_400; // 4 a simulated second for 10 simulated minutes: 30 s of wall time at 20x
        int rate = 80;
        int kills = 10;
        long t0 = System.nanoTime();
        List<NodeProcess> streams = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url(), FAST_RECONNECT).start()) {
            try {
                for (int n = 1; n <= nodes; n++) {
                    streams.add(NodeProcess.start(dir.resolve("node-" + n), broker.url(), SITE, "well-0" + n, perNode, rate, 2000,
                            "--speed", "20", "--reconnect-max-ms", "1000"));
                }
                for (int k = 1; k <= kills; k++) {
                    long at = (long) k * perNode / (kills + 1);
                    await("every node past message " + at).atMost(LONG).until(() ->
                            streams.stream().allMatch(s -> s.lastCommitted() >= at || !s.isAlive()));
                    assertThat(streams).as("nodes still streaming").allMatch(NodeProcess::isAlive);
                    assertThat(streams).as("mid-stream: no node has sent everything yet").noneMatch(NodeProcess::sentAll);
                    broker.kill();
                    Thread.sleep(300); // every client sees its connection reset at once
                    broker.restart();
                }
                await("every node's outbox acknowledged to its last message").atMost(LONG)
                        .until(() -> streams.stream().allMatch(NodeProcess::done));
            } finally {
                for (NodeProcess s : streams) {
                    s.close();
                }
            }
            assertThat(gateway.stop()).as("exit code of a SIGTERMed gateway").isZero();
            try (MqttProbe stats = MqttProbe.connect(broker.url(), "wp/v1/_gateway/+/stats")) {
                System.out.println("gateway after " + kills + " broker kills: " + stats.await(Duration.ofSeconds(10), m -> true).payload());
            }
        }
        for (int n = 1; n <= nodes; n++) {
            Map<Long, List<Long>> stored = GatewayProcess.storedTelemetrySeqs(dir.resolve("gw").resolve("data"), SITE, "well-0" + n);
            assertThat(stored).as("well-0%d: one boot", n).hasSize(1);
            assertThat(stored.values().iterator().next()).as("well-0%d: every seq once, in order", n)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, perNode).boxed().toList());
        }
        System.out.printf("broker killed %d times: %d nodes x %d messages stored exactly once, in %d s%n", kills, nodes, perNode,
                seconds(t0));
    }

    @Test
    void aNodeKilledTenTimesMidStreamLosesNothingItHadCommitted() throws Exception {
        int kills = 10;
        String node = "well-09";
        Random random = new Random();
        Map<Long, Long> committed = new TreeMap<>();
        long t0 = System.nanoTime();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe births = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/" + node + "/state")) {
            for (int life = 1; life <= kills; life++) {
                long boot = life;
                long killAt = 100 + random.nextInt(900);
                Predicate<MqttProbe.Received> birth = m -> m.payload().contains("\"online\":true")
                        && (m.payload().contains("\"boot\":" + boot + ",") || m.payload().contains("\"boot\":" + boot + "}"));
                try (NodeProcess stream = NodeProcess.start(dir.resolve("node"), broker.url(), SITE, node, 6000, 1000, 2000,
                        "--speed", "20")) {
                    // mid-stream: connected (its birth is out, so its will will be) and committed past a random point
                    await("life " + life + " streaming").atMost(LONG).until(() -> (stream.committed().getOrDefault(boot, 0L) >= killAt
                            && !births.received(birth).isEmpty()) || !stream.isAlive());
                    assertThat(stream.isAlive()).as("node streaming: %s", stream.lines()).isTrue();
                    assertThat(stream.sentAll()).as("killed mid-stream").isFalse();
                    stream.kill();
                    committed.putAll(stream.committed());
                }
            }
            try (NodeProcess last = NodeProcess.start(dir.resolve("node"), broker.url(), SITE, node, 200, 0, 2000, "--speed", "20")) {
                await("every boot, old ones included, acknowledged").atMost(LONG).until(last::done);
                committed.putAll(last.committed());
            }
            assertThat(gateway.stop()).isZero();
        }
        Map<Long, List<Long>> stored = GatewayProcess.storedTelemetrySeqs(dir.resolve("gw").resolve("data"), SITE, node);
        assertThat(committed).as("boots that committed").hasSize(kills + 1);
        assertThat(stored.keySet()).as("boots stored").containsExactlyElementsOf(committed.keySet());
        long lostAfterCommit = 0;
        for (Map.Entry<Long, Long> c : committed.entrySet()) {
            List<Long> seqs = stored.get(c.getKey());
            // every committed message arrived; what was appended after the last commit may too (the page cache
            // survives SIGKILL), but never with a hole
            assertThat(seqs).as("boot %d: contiguous from 1, each once", c.getKey())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat((long) seqs.size()).as("boot %d covers its last commit", c.getKey()).isGreaterThanOrEqualTo(c.getValue());
            lostAfterCommit += seqs.size() - c.getValue();
        }
        System.out.printf("node killed %d times mid-stream: committed %s, stored %s (%d more than committed, none missing), in %d s%n",
                kills, committed, stored.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList(), lostAfterCommit,
                seconds(t0));
    }

    // --- the gateway, killed mid-stream and with alerts open ------------------------------------------------

    private static final String EVENTS = "wp/v1/" + SITE + "/alerts/events";

    private static Predicate<MqttProbe.Received> alertEvent(String key, String state) {
        return m -> m.topic().equals(EVENTS) && m.payload().contains("\"key\":\"" + key + "\"")
                && m.payload().contains("\"state\":\"" + state + "\"");
    }

    @Test
    void aGatewayKilledMidStreamAndWithAnAlertOpenLosesNothingAndRaisesAndResolvesEachAlertOnce() throws Exception {
        String node = "well-05";
        String unsafe = "turbidity_unsafe." + node;
        String high = "turbidity_high." + node;
        int count = 400; // a summary every 5 simulated seconds: 33 simulated minutes, 17 s of wall time at 120x
        long t0 = System.nanoTime();
        List<String> killedWhile = new ArrayList<>();
        List<MqttProbe.Received> events;
        List<GatewayStore.AlertRecord> history;
        List<String> notSentAgain;
        Map<Long, List<Long>> stored;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe alerts = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/alerts/#");
             // 7 NTU from minute 5 to minute 25: above 5 NTU for 2 min raises turbidity_unsafe, above 1 NTU for
             // 10 min turbidity_high; then clear water for 5 min resolves both. Raised to resolved is 23 simulated
             // minutes, 11.5 s of wall time: the second kill must find the alert open even on a loaded machine.
             NodeProcess stream = NodeProcess.start(dir.resolve("node"), broker.url(), SITE, node, count, 24, 2000,
                     "--speed", "120", "--unsafe", "60-300")) {
            await("mid-stream, clear water").atMost(LONG).until(() -> stream.lastCommitted() >= 30);
            gateway.kill();
            killedWhile.add("streaming, at message " + stream.lastCommitted());
            gateway.start();
            // the moment the raise reaches staff (polled every millisecond): the gateway has the broker's PUBACK for it
            // but may not have recorded it yet
            await().atMost(LONG).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> !alerts.received(alertEvent(unsafe, "raised")).isEmpty());
            gateway.kill();
            assertThat(alerts.received(alertEvent(unsafe, "resolved"))).as("still open when killed").isEmpty();
            killedWhile.add(unsafe + " open, at message " + stream.lastCommitted());
            gateway.start();
            await("everything the node sent acknowledged").atMost(LONG).until(stream::done);
            alerts.await(LONG, alertEvent(unsafe, "resolved"));
            alerts.await(LONG, alertEvent(high, "resolved"));
            assertThat(gateway.stop()).as("exit code of a SIGTERMed gateway").isZero();
            try (MqttProbe after = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/alerts/active/#", "wp/v1/_gateway/+/stats")) {
                MqttProbe.Received stats = after.await(Duration.ofSeconds(10), m -> m.topic().endsWith("/stats"));
                assertThat(number(stats.payload(), "alerts_active")).as("open alerts at the gateway's stop").isZero();
                Thread.sleep(300); // retained messages come with the subscription: give every one time to arrive
                assertThat(after.received(m -> m.topic().contains("/alerts/active/") && !m.payload().isEmpty()))
                        .as("alerts left open for staff (retained)").isEmpty();
            }
            events = alerts.received(m -> m.topic().equals(EVENTS));
            history = gateway.alertHistory(SITE);
            notSentAgain = gateway.output().lines().filter(l -> l.contains("are not sent again"))
                    .map(l -> l.replaceAll(".*INFO\\s+", "")).toList();
            stored = gateway.storedTelemetrySeqs(SITE, node);
        }
        assertThat(stored).as("one boot").hasSize(1);
        assertThat(stored.values().iterator().next()).as("every message once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
        // each alert raised once and resolved once: in what staff received (subscribed throughout) and in the history
        for (String key : List.of(unsafe, high)) {
            assertThat(events.stream().filter(m -> m.payload().contains("\"key\":\"" + key + "\""))
                    .map(m -> m.payload().replaceAll(".*\"state\":\"([a-z]+)\".*", "$1")).toList())
                    .as("%s events received", key).containsExactly("raised", "resolved");
            assertThat(history.stream().filter(a -> a.key().equals(key)).map(GatewayStore.AlertRecord::state).toList())
                    .as("%s in the alert history", key).containsExactly("raised", "resolved");
        }
        assertThat(events).as("no other alert").hasSize(4);
        System.out.printf("gateway killed twice (%s): %d messages stored once; alert events received %s; history %s;"
                        + " at the restarts %s; in %d s%n",
                String.join("; ", killedWhile), count, events.stream().map(m -> m.payload().replaceAll(
                        ".*\"key\":\"([a-z_.0-9-]+)\".*\"state\":\"([a-z]+)\".*", "$1 $2")).toList(),
                history.stream().map(a -> a.key() + " " + a.state()).toList(), notSentAgain, seconds(t0));
    }

    // --- nodes on hal-sim, killed again and again --------------------------------------------------------

    private static final Pattern JSON_NUMBER = Pattern.compile("\"([a-z_]+)\":(-?[0-9][0-9.eE+-]*)");

    /** The first number {@code key} in a flat-enough JSON payload. */
    private static double number(String json, String key) {
        Matcher m = JSON_NUMBER.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no number " + key + " in " + json);
    }

    private static Predicate<MqttProbe.Received> from(String node, String kind) {
        return m -> m.topic().equals("wp/v1/" + SITE + "/" + node + "/" + kind);
    }

    /** The highest seq the node published in each boot (telemetry and events), as the broker passed them on. */
    private static Map<Long, Long> publishedSeqs(MqttProbe probe, String node) {
        Map<Long, Long> out = new TreeMap<>();
        for (MqttProbe.Received m : probe.received(from(node, "telemetry").or(from(node, "event")))) {
            out.merge((long) number(m.payload(), "boot"), (long) number(m.payload(), "seq"), Math::max);
        }
        return out;
    }

    /** The gateway's acknowledgement watermark of each boot of the node. */
    private static Map<Long, Long> acknowledgedSeqs(MqttProbe probe, String node) {
        Map<Long, Long> out = new TreeMap<>();
        for (MqttProbe.Received m : probe.received(from(node, "ack"))) {
            out.merge((long) number(m.payload(), "boot"), (long) number(m.payload(), "seq"), Math::max);
        }
        return out;
    }

    /** Waits until every message the node ever published, of any boot, is acknowledged by the gateway. */
    private static void awaitEverythingPublishedAcknowledged(MqttProbe probe, String node) {
        await(node + ": every boot acknowledged as far as it was published").atMost(LONG).until(() -> {
            Map<Long, Long> acked = acknowledgedSeqs(probe, node);
            return publishedSeqs(probe, node).entrySet().stream().allMatch(e -> acked.getOrDefault(e.getKey(), 0L) >= e.getValue());
        });
    }

    /**
     * Nothing lost: each boot's stored seqs are 1..N without a gap or a duplicate, and N covers the
     * highest seq of the boot that ever left the node.
     */
    private static void assertEveryBootStoredWhole(Map<Long, List<Long>> stored, Map<Long, Long> published, int boots) {
        assertThat(stored.keySet()).as("boots stored").containsExactlyElementsOf(LongStream.rangeClosed(1, boots).boxed().toList());
        for (Map.Entry<Long, List<Long>> e : stored.entrySet()) {
            List<Long> seqs = e.getValue();
            assertThat(seqs).as("boot %d: contiguous from 1, each once", e.getKey())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat((long) seqs.size()).as("boot %d covers what it published", e.getKey())
                    .isGreaterThanOrEqualTo(published.getOrDefault(e.getKey(), 0L));
        }
    }

    /** From the meter's start line ({@code (saved S L, counted to C L)}): litres counted since the last durable save. */
    private static double unsavedLitresAtStart(String output) {
        Matcher m = Pattern.compile("\\(saved ([0-9.E-]+) L, counted to ([0-9.E-]+) L\\)").matcher(output);
        double last = 0;
        while (m.find()) {
            last = Math.max(0, Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1)));
        }
        return last;
    }

    @Test
    void aWellKilledTenTimesWhileWaterIsDrawnRestartsWithinALitreOfEveryPulseItsMeterMade() throws Exception {
        int kills = 10;
        double kFactor = 450; // the node's default: pulses per litre
        // the morning queue at a busy well: the tap is hardly ever at rest
        Path scenario = dir.resolve("morning-queue.conf");
        Files.writeString(scenario, """
                [scenario]
                start = 07:00
                seed  = 7
                [well]
                people_per_day = 1500
                """);
        String[] config = {"[sim]", "start = 2026-03-02T07:00:00Z"};
        Path nodeDir = dir.resolve("well");
        Path record = SimNodeProcess.recordDir(nodeDir);
        Random random = new Random();
        long t0 = System.nanoTime();
        double unsavedAtStart = 0; // litres each start found counted but not yet saved: what the kills would have cost
        double restored;
        long truePulses;
        Map<Long, Long> published;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/well-01/+")) {
            List<Double> litresPerLife = new ArrayList<>();
            for (int life = 1; life <= kills; life++) {
                long before = SiteRecord.count(record, WellSite.FLOW_PULSES);
                String boot = "\"boot\":" + life + ",";
                try (SimNodeProcess well = SimNodeProcess.well(nodeDir, broker.url(), "well-01", scenario.toString(), 240, config)) {
                    // mid-stream: it sent telemetry of this boot, and its meter made 3 L of pulses while it listened
                    await("life " + life + " counting water and reporting").atMost(LONG).until(() ->
                            (SiteRecord.count(record, WellSite.FLOW_PULSES) > before + 3 * kFactor
                                    && !probe.received(m -> from("well-01", "telemetry").test(m) && m.payload().contains(boot)).isEmpty())
                                    || !well.isAlive());
                    assertThat(well.isAlive()).as("well running: %s", well.output()).isTrue();
                    Thread.sleep(random.nextInt(300)); // a kill anywhere between two saves of the total
                    well.kill();
                    unsavedAtStart += unsavedLitresAtStart(well.output());
                }
                litresPerLife.add((SiteRecord.count(record, WellSite.FLOW_PULSES) - before) / kFactor);
            }
            truePulses = SiteRecord.count(record, WellSite.FLOW_PULSES);
            try (SimNodeProcess well = SimNodeProcess.well(nodeDir, broker.url(), "well-01", scenario.toString(), 240, config)) {
                String boot = "\"boot\":" + (kills + 1) + ",";
                MqttProbe.Received first = probe.await(LONG, m -> from("well-01", "telemetry").test(m) && m.payload().contains(boot));
                // the first summary of a boot counts from the total the node restored at its start
                restored = number(first.payload(), "total_litres") - number(first.payload(), "litres");
                await().atMost(LONG).until(() -> well.output().contains("flow meter on GPIO"));
                unsavedAtStart += unsavedLitresAtStart(well.output());
                awaitEverythingPublishedAcknowledged(probe, "well-01");
                assertThat(well.stop()).as("exit code of a SIGTERMed well").isZero();
            }
            published = publishedSeqs(probe, "well-01");
            assertThat(gateway.stop()).isZero();
            System.out.printf("well killed %d times while drawing %s L: the meter handed the node %d pulses (%.3f L at %s p/L), the"
                    + " node restored %.3f L: %.3f L apart (the durable saves alone would have lost %.3f L), in %d s%n", kills,
                    litresPerLife.stream().map(l -> String.format("%.1f", l)).toList(), truePulses, truePulses / kFactor, kFactor,
                    restored, truePulses / kFactor - restored, unsavedAtStart, seconds(t0));
            assertEveryBootStoredWhole(gateway.storedSeqs(SITE, "well-01"), published, kills + 1);
        }
        assertThat(restored).as("flow total after %d kills, against the pulses made while the node counted", kills)
                .isCloseTo(truePulses / kFactor, org.assertj.core.data.Offset.offset(1.0));
    }

    /** The relay of each port, 1..8, by its BCM pin. */
    private static final Map<Integer, Integer> PORT_OF_RELAY_PIN = new LinkedHashMap<>();

    static {
        for (int port = 1; port <= KioskSite.RELAY_PINS.size(); port++) {
            PORT_OF_RELAY_PIN.put(KioskSite.RELAY_PINS.get(port - 1), port);
        }
    }

    private static boolean relayDrive(SiteRecord.Line l) {
        return l.is("out") && PORT_OF_RELAY_PIN.containsKey(Integer.parseInt(l.words().get(1)));
    }

    private static boolean relayOn(SiteRecord.Line l) {
        return relayDrive(l) && l.words().get(2).equals("high");
    }

    /** The site record's lines of one life (one process), in order. */
    private static List<SiteRecord.Line> lifeOf(Path record, long pid) {
        return SiteRecord.read(record).stream().filter(l -> l.life() == pid).toList();
    }

    /** The relays on at the end of a life's lines, by port. */
    private static List<Integer> relaysOn(List<SiteRecord.Line> life) {
        Map<Integer, Boolean> on = new TreeMap<>();
        life.stream().filter(FaultMatrixTest::relayDrive).forEach(l ->
                on.put(PORT_OF_RELAY_PIN.get(Integer.parseInt(l.words().get(1))), l.words().get(2).equals("high")));
        return on.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    @Test
    void aKioskKilledTenTimesWhilePortsChargeStartsEveryTimeWithAllRelaysOffUntilItDecides() throws Exception {
        int kills = 10;
        // the morning peak of a busy day, a few minutes before someone comes to charge (at 09:10 on this day)
        Instant start = Instant.parse("2026-03-02T09:04:00Z");
        String[] config = {"[sim]", "start = " + start};
        Path nodeDir = dir.resolve("kiosk");
        Path record = SimNodeProcess.recordDir(nodeDir);
        Random random = new Random();
        long t0 = System.nanoTime();
        List<Long> lives = new ArrayList<>();
        List<List<Integer>> chargingAtKill = new ArrayList<>();
        Map<Long, Long> published;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/kiosk-01/+")) {
            for (int life = 1; life <= kills; life++) {
                String boot = "\"boot\":" + life + ",";
                try (SimNodeProcess kiosk = SimNodeProcess.kiosk(nodeDir, broker.url(), "kiosk-01", "busy-kiosk", 240, config)) {
                    lives.add(kiosk.pid());
                    // mid-stream and charging: it sent telemetry of this boot, and a port's relay is on
                    await("life " + life + " charging and reporting").atMost(LONG).until(() ->
                            (!relaysOn(lifeOf(record, kiosk.pid())).isEmpty()
                                    && !probe.received(m -> from("kiosk-01", "telemetry").test(m) && m.payload().contains(boot)).isEmpty())
                                    || !kiosk.isAlive());
                    assertThat(kiosk.isAlive()).as("kiosk running: %s", kiosk.output()).isTrue();
                    Thread.sleep(random.nextInt(300));
                    kiosk.kill();
                    chargingAtKill.add(relaysOn(lifeOf(record, kiosk.pid())));
                }
            }
            try (SimNodeProcess kiosk = SimNodeProcess.kiosk(nodeDir, broker.url(), "kiosk-01", "busy-kiosk", 240, config)) {
                lives.add(kiosk.pid());
                String boot = "\"boot\":" + (kills + 1) + ",";
                probe.await(LONG, m -> from("kiosk-01", "telemetry").test(m) && m.payload().contains(boot));
                awaitEverythingPublishedAcknowledged(probe, "kiosk-01");
                assertThat(kiosk.stop()).as("exit code of a SIGTERMed kiosk").isZero();
            }
            published = publishedSeqs(probe, "kiosk-01");
            assertThat(gateway.stop()).isZero();
            assertEveryBootStoredWhole(gateway.storedSeqs(SITE, "kiosk-01"), published, kills + 1);
        }
        assertThat(chargingAtKill).as("ports charging at each kill").hasSize(kills).allMatch(on -> !on.isEmpty());
        int relaysOnBeforeADecision = 0;
        for (long pid : lives) {
            List<SiteRecord.Line> life = lifeOf(record, pid);
            List<SiteRecord.Line> actions = life.stream().filter(l -> l.is("out") || l.is("opened")).toList();
            // before anything else the kiosk does to its board: every relay driven off
            assertThat(actions.subList(0, PORT_OF_RELAY_PIN.size())).as("life %d: its first hardware actions", pid)
                    .allMatch(l -> relayDrive(l) && l.words().get(2).equals("low"))
                    .extracting(l -> Integer.parseInt(l.words().get(1)))
                    .containsExactlyInAnyOrderElementsOf(PORT_OF_RELAY_PIN.keySet());
            // and a relay goes on only once someone pressed that port's button in this life: the controller decided
            for (SiteRecord.Line on : life.stream().filter(FaultMatrixTest::relayOn).toList()) {
                int port = PORT_OF_RELAY_PIN.get(Integer.parseInt(on.words().get(1)));
                boolean decided = life.stream().anyMatch(l -> l.is("press " + port) && !l.at().isAfter(on.at()));
                if (!decided) {
                    relaysOnBeforeADecision++;
                }
            }
        }
        assertThat(relaysOnBeforeADecision).as("relays switched on with no press of their port in that life").isZero();
        System.out.printf("kiosk killed %d times with ports charging %s: at each of %d starts all %d relays off before anything else,"
                + " %d relay switch-ons all after a press, in %d s%n", kills, chargingAtKill, lives.size(), PORT_OF_RELAY_PIN.size(),
                lives.stream().mapToLong(pid -> lifeOf(record, pid).stream().filter(FaultMatrixTest::relayOn).count()).sum(), seconds(t0));
    }
}
