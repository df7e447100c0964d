package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against a real Mosquitto, fed by a node link standing in for a well node. */
class GatewayBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final NodeRef WELL = new NodeRef("la-gloria", "well-01");

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private Scheduler scheduler;
    private Gateway gateway;
    private MqttProbe probe;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        scheduler = Scheduler.system("gw-test");
        gateway = Gateway.start(config(), scheduler);
        await().atMost(WAIT).until(gateway::isConnected);
        probe = MqttProbe.connect(broker.url(), "wp/v1/+/alerts/#", "wp/v1/_gateway/#");
    }

    private GatewayConfig config() {
        return new GatewayConfig("gw-test", URI.create(broker.url()), false, null, null, null, dir.resolve("gateway"), null,
                Duration.ofMillis(500), Duration.ofSeconds(1), "info", false, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        probe.close();
        gateway.close();
        scheduler.close();
        broker.close();
    }

    private static WellTelemetry well(double ntu) {
        return new WellTelemetry(60, new Summary(ntu, ntu, ntu, 6), new Summary(10, 12, 14, 6), 12, 1000, 500, "ok", 0);
    }

    @Test
    void aCriticalTurbidityAlertIsRaisedAndResolvedOnTheRightTopics() throws Exception {
        ManualScheduler world = new ManualScheduler(Instant.now().minus(Duration.ofHours(2)));
        try (NodeLink node = NodeLink.open(NodeLinkOptions.of(WELL, dir.resolve("node"), URI.create(broker.url()))
                .withMessageClock(world.clock()), scheduler).start()) {
            double[] ntu = {0.5, 0.5, 7.2, 7.2, 7.2, 7.2, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0};
            for (double v : ntu) {
                node.send(well(v));
                world.advance(Duration.ofMinutes(1));
            }
            String active = "wp/v1/la-gloria/alerts/active/turbidity_unsafe.well-01";
            MqttProbe.Received resolvedEvent = probe.await(WAIT, r -> r.topic().equals("wp/v1/la-gloria/alerts/events")
                    && r.payload().contains("\"key\":\"turbidity_unsafe.well-01\"") && r.payload().contains("\"state\":\"resolved\""));
            List<MqttProbe.Received> events = probe.received(r -> r.topic().equals("wp/v1/la-gloria/alerts/events")
                    && r.payload().contains("turbidity_unsafe.well-01"));
            assertThat(events).extracting(r -> r.payload().contains("\"state\":\"raised\"")).containsExactly(true, false);
            assertThat(events.get(0).payload()).contains("\"severity\":\"critical\"").contains("Water unsafe at well-01")
                    .contains("7.2 NTU above 5 NTU");
            assertThat(resolvedEvent.retained()).isFalse();
            // retained: first the alert, then cleared with an empty payload
            List<MqttProbe.Received> states = probe.received(r -> r.topic().equals(active));
            assertThat(states).hasSize(2);
            assertThat(states.get(0).payload()).contains("\"state\":\"raised\"");
            assertThat(states.get(1).payload()).isEmpty();
            try (MqttProbe late = MqttProbe.connect(broker.url(), active)) {
                await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> late.received().isEmpty());
            }
            // the node's outbox empties: everything was acknowledged end to end
            await().atMost(WAIT).until(() -> node.stats().unacknowledged() == 0);
            assertThat(gateway.store().countMessages("la-gloria", "well-01")).isEqualTo(ntu.length);
        }
    }

    @Test
    void staffAcknowledgeAnAlertOverMqttAndItSurvivesAGatewayRestartUntilResolved() throws Exception {
        ManualScheduler world = new ManualScheduler(Instant.now().minus(Duration.ofHours(2)));
        NodeLinkOptions options = NodeLinkOptions.of(WELL, dir.resolve("node"), URI.create(broker.url())).withMessageClock(world.clock());
        String events = "wp/v1/la-gloria/alerts/events";
        try (NodeLink node = NodeLink.open(options, scheduler).start()) {
            for (double v : new double[] {7.0, 7.0, 7.0, 7.0}) {
                node.send(well(v));
                world.advance(Duration.ofMinutes(1));
            }
            probe.await(WAIT, r -> r.topic().equals(events) && r.payload().contains("\"state\":\"raised\""));
            probe.publish("wp/v1/la-gloria/alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"maria\"}", false);
            probe.await(WAIT, r -> r.topic().equals(events) && r.payload().contains("\"state\":\"acknowledged\"")
                    && r.payload().contains("\"by\":\"maria\""));
            await().atMost(WAIT).until(() -> node.stats().unacknowledged() == 0);
        }

        gateway.close(); // the alert is open and acknowledged; a new gateway process must know it
        gateway = Gateway.start(config(), scheduler);
        await().atMost(WAIT).until(gateway::isConnected);
        probe.clear();
        try (NodeLink node = NodeLink.open(options, scheduler).start()) {
            for (int i = 0; i < 8; i++) {
                node.send(well(0.5));
                world.advance(Duration.ofMinutes(1));
            }
            MqttProbe.Received resolved = probe.await(WAIT, r -> r.topic().equals(events) && r.payload().contains("\"state\":\"resolved\""));
            assertThat(resolved.payload()).contains("turbidity_unsafe.well-01");
        }
        // raised once, acknowledged once, resolved once: never raised again across the restart
        assertThat(probe.received(r -> r.topic().equals(events) && r.payload().contains("\"state\":\"raised\""))).isEmpty();
        assertThat(gateway.store().alertHistory("la-gloria")).extracting(GatewayStore.AlertRecord::state)
                .containsSubsequence("raised", "acknowledged", "resolved")
                .filteredOn("raised"::equals).hasSize(1);
    }

    @Test
    void aThousandMalformedPayloadsAreRejectedAndCountedAndTheNextValidOneIsStored() throws Exception {
        Random r = new Random(7);
        String topic = "wp/v1/la-gloria/well-02/telemetry";
        for (int i = 0; i < 1000; i++) {
            byte[] junk;
            switch (i % 5) {
                case 0 -> { junk = new byte[r.nextInt(200)]; r.nextBytes(junk); }
                case 1 -> junk = "{\"v\":1,\"site\":\"la-gloria\"".getBytes(StandardCharsets.UTF_8);
                case 2 -> junk = ("{\"v\":2,\"site\":\"la-gloria\",\"node\":\"well-02\",\"boot\":1,\"seq\":" + (i + 1)
                        + ",\"ts\":\"2026-01-01T00:00:00Z\",\"clock\":\"synced\"}").getBytes(StandardCharsets.UTF_8);
                case 3 -> junk = new byte[70_000];
                default -> junk = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            }
            probe.publish(topic, junk, false);
        }
        await().atMost(WAIT).until(() -> gateway.stats().counters().get("rejected") == 1000);
        assertThat(gateway.stats().counters().get("stored")).isZero();

        try (NodeLink node = NodeLink.open(NodeLinkOptions.of(new NodeRef("la-gloria", "well-02"), dir.resolve("node"),
                URI.create(broker.url())), scheduler).start()) {
            node.send(well(0.4));
            await().atMost(WAIT).until(() -> gateway.store().countMessages("la-gloria", "well-02") == 1);
        }
        MqttProbe.Received reject = probe.await(WAIT, m -> m.topic().equals("wp/v1/_gateway/gw-test/rejects"));
        assertThat(reject.payload()).contains("\"reasons\"");
        await().atMost(WAIT).until(() -> probe.received(m -> m.topic().equals("wp/v1/_gateway/gw-test/stats")
                && m.payload().contains("\"rejected\":1000")).size() > 0);
    }

    @Test
    void theSameMessageSentTwiceIsStoredOnce() throws Exception {
        String body = "{\"first_seq\":17,\"v\":1,\"site\":\"la-gloria\",\"node\":\"well-03\",\"boot\":4,\"seq\":17,\"ts\":\""
                + Instant.now().minusSeconds(30) + "\",\"clock\":\"synced\",\"interval_s\":60,"
                + "\"metrics\":{\"turbidity_ntu\":{\"min\":0.2,\"avg\":0.3,\"max\":0.4,\"n\":6}},"
                + "\"litres\":1,\"total_litres\":10,\"cartridge_litres\":5,\"sensor\":\"ok\"}";
        try (MqttProbe node = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-03/ack")) {
            node.publish("wp/v1/la-gloria/well-03/telemetry", body, false);
            node.publish("wp/v1/la-gloria/well-03/telemetry", body, false);
            await().atMost(WAIT).until(() -> gateway.stats().counters().get("duplicates") == 1);
            assertThat(gateway.store().countMessages("la-gloria", "well-03")).isEqualTo(1);
            // both copies are acknowledged: the second means the node did not hear the first ack
            node.await(WAIT, m -> m.payload().equals("{\"boot\":4,\"seq\":17}"));
        }
    }
}
