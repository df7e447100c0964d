package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.testkit.PostgresServer;
import io.waypoint.time.ManualScheduler;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways of one group, in this JVM, against a real Mosquitto and a real PostgreSQL: the
 * shared subscription splits every node's stream between them, and the group still stores each
 * message once, acknowledges every node to the end, and tells staff of each alert transition once.
 */
class GatewayGroupTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private PostgresServer postgres;
    private Scheduler scheduler;
    private Gateway a;
    private Gateway b;
    private MqttProbe probe;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        postgres = PostgresServer.start(dir.resolve("pg"));
        scheduler = Scheduler.system("group-test");
        probe = MqttProbe.connect(broker.url(), "wp/v1/+/alerts/#");
    }

    private void startGroup() {
        a = startGateway("gw-a", "gateways");
        b = startGateway("gw-b", "gateways");
    }

    /** @param group null for a gateway of its own, on PostgreSQL all the same */
    private Gateway startGateway(String id, String group) {
        try {
            Gateway g = Gateway.start(new GatewayConfig(id, URI.create(broker.url()), false, null, null, null, dir.resolve(id), null,
                    Duration.ofMillis(500), Duration.ofSeconds(1), "info", false, Duration.ofSeconds(2), group, postgres.url(),
                    PostgresServer.USER, PostgresServer.PASSWORD.toCharArray(), false), scheduler);
            await().atMost(WAIT).until(g::isConnected);
            return g;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        probe.close();
        for (Gateway g : new Gateway[] {a, b}) {
            if (g != null) {
                g.close();
            }
        }
        scheduler.close();
        postgres.close();
        broker.close();
    }

    private static WellTelemetry well(double ntu, long n) {
        return new WellTelemetry(60, new Summary(ntu, ntu, ntu, 6), new Summary(10, 12, 14, 6), 12, 1000 + n, 500, "ok", 0);
    }

    @Test
    void aLoneGatewayOnPostgresqlStoresAcknowledgesAndAlertsAsOnSqlite() throws Exception {
        a = startGateway("gw-a", null);
        ManualScheduler world = new ManualScheduler(Instant.now().minus(Duration.ofHours(1)));
        try (NodeLink node = NodeLink.open(NodeLinkOptions.of(new NodeRef("la-gloria", "well-01"), dir.resolve("node"),
                URI.create(broker.url())).withMessageClock(world.clock()), scheduler).start()) {
            for (int m = 1; m <= 15; m++) {
                node.send(well(m >= 3 && m < 7 ? 7.2 : 0.4, m));
                world.advance(Duration.ofMinutes(1));
            }
            await("every message acknowledged").atMost(WAIT).until(() -> node.stats().unacknowledged() == 0);
            probe.await(WAIT, r -> r.topic().equals(EVENTS) && r.payload().contains("\"state\":\"resolved\""));
        }
        assertThat(a.stats().counters()).doesNotContainKey("leading");
        assertThat(dir.resolve("gw-a").resolve("alert-echoes")).as("the proofs of what the broker took, kept across restarts")
                .isNotEmptyFile();
        try (GatewayStore store = GatewayStore.postgres(postgres.url(), PostgresServer.USER, null)) {
            assertThat(store.messages("la-gloria", "well-01", "telemetry")).extracting(GatewayStore.StoredMessage::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 15).boxed().toList());
            assertThat(store.sequences()).extracting(GatewayStore.SequenceState::watermark).containsExactly(15L);
            assertThat(store.alertHistory("la-gloria")).extracting(GatewayStore.AlertRecord::state).containsExactly("raised", "resolved");
        }
    }

    @Test
    void twoGatewaysSplitTheStreamsStoreEachMessageOnceAndRaiseEachAlertOnce() throws Exception {
        startGroup();
        ManualScheduler world = new ManualScheduler(Instant.now().minus(Duration.ofHours(3)));
        List<NodeRef> wells = List.of(new NodeRef("la-gloria", "well-01"), new NodeRef("la-gloria", "well-02"));
        int perNode = 60;
        NodeLink[] links = new NodeLink[wells.size()];
        for (int i = 0; i < links.length; i++) {
            links[i] = NodeLink.open(NodeLinkOptions.of(wells.get(i), dir.resolve("node" + i), URI.create(broker.url()))
                    .withMessageClock(world.clock()), scheduler).start();
        }
        try {
            for (int m = 1; m <= perNode; m++) {
                // minutes 10 to 19 of well-01 unsafe: raised once after 2 min, resolved after 5 min below 4 NTU
                for (int i = 0; i < links.length; i++) {
                    links[i].send(well(i == 0 && m >= 10 && m < 20 ? 7.2 : 0.4, m));
                }
                world.advance(Duration.ofMinutes(1));
                if (m == 15) {
                    // staff acknowledge it: the ack reaches one gateway of the group, and the lead acts on it once
                    probe.await(WAIT, r -> r.topic().equals(EVENTS) && r.payload().contains("\"state\":\"raised\""));
                    probe.publish("wp/v1/la-gloria/alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"maria\"}", false);
                    probe.await(WAIT, r -> r.topic().equals(EVENTS) && r.payload().contains("\"state\":\"acknowledged\""));
                }
            }
            for (NodeLink l : links) {
                await("every message acknowledged").atMost(WAIT).until(() -> l.stats().unacknowledged() == 0);
            }
            probe.await(WAIT, r -> r.topic().equals(EVENTS) && r.payload().contains("\"state\":\"resolved\""));
        } finally {
            for (NodeLink l : links) {
                l.close();
            }
        }
        a.flush();
        b.flush();
        long storedA = a.stats().counters().get("stored");
        long storedB = b.stats().counters().get("stored");
        assertThat(storedA).as("gw-a's share").isPositive();
        assertThat(storedB).as("gw-b's share").isPositive();
        assertThat(storedA + storedB).isEqualTo(perNode * wells.size());
        assertThat(a.stats().counters().get("leading") + b.stats().counters().get("leading")).isEqualTo(1);
        GatewayStore store = a.store();
        for (NodeRef w : wells) {
            assertThat(store.messages(w.site(), w.node(), "telemetry")).extracting(GatewayStore.StoredMessage::seq)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, perNode).boxed().toList());
        }
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> probe.received(r -> r.topic().equals(EVENTS)).size() == 3);
        List<MqttProbe.Received> events = probe.received(r -> r.topic().equals(EVENTS));
        assertThat(events).allMatch(r -> r.payload().contains("\"key\":\"turbidity_unsafe.well-01\""))
                .extracting(r -> r.payload().replaceAll(".*\"state\":\"([a-z]+)\".*", "$1"))
                .containsExactly("raised", "acknowledged", "resolved");
        assertThat(store.alertHistory("la-gloria")).extracting(GatewayStore.AlertRecord::state)
                .containsExactly("raised", "acknowledged", "resolved");
        assertThat(a.stats().counters().get("staff_acks") + b.stats().counters().get("staff_acks")).isEqualTo(1);
    }
}
