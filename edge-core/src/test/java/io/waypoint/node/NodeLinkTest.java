package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.storage.StorageProblem;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.EventBody;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node link against a real Mosquitto, with the test playing the gateway's part (or not). */
class NodeLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final NodeRef NODE = new NodeRef("la-gloria", "well-01");
    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private final Scheduler scheduler = Scheduler.system("link-test");

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        broker.close();
    }

    private NodeLinkOptions options() {
        return NodeLinkOptions.of(NODE, dir.resolve("node"), URI.create(broker.url()));
    }

    @Test
    void sendsEachMessageWithItsFloorAndForgetsItWhenTheGatewayAcknowledges() throws Exception {
        try (MqttProbe gateway = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/telemetry", "wp/v1/la-gloria/well-01/event");
             NodeLink link = NodeLink.open(options(), scheduler).start()) {
            link.send(EventBody.calibration("turbidity"));
            link.send(EventBody.calibration("flow"));
            await().atMost(WAIT).until(() -> gateway.received().size() == 2);
            assertThat(gateway.received().get(0).payload()).startsWith("{\"first_seq\":1,").contains("\"seq\":1,");
            assertThat(link.stats().unacknowledged()).isEqualTo(2);

            gateway.publish("wp/v1/la-gloria/well-01/ack", "{\"boot\":" + link.boot() + ",\"seq\":1}", false);
            await().atMost(WAIT).until(() -> link.stats().unacknowledged() == 1);
            link.send(EventBody.calibration("flow"));
            // seq 1 is gone from the outbox: the floor moved up
            await().atMost(WAIT).until(() -> gateway.received().size() == 3);
            assertThat(gateway.received().get(2).payload()).startsWith("{\"first_seq\":2,").contains("\"seq\":3,");
        }
    }

    @Test
    void overPahoAsOverOurOwnClientTheLinkSendsAndForgetsWhatTheGatewayAcknowledges() throws Exception {
        for (boolean paho : new boolean[] {false, true}) {
            NodeRef node = new NodeRef("la-gloria", paho ? "well-paho" : "well-direct");
            NodeLinkOptions o = NodeLinkOptions.of(node, dir.resolve(node.node()), URI.create(broker.url())).withPahoClient(paho);
            try (MqttProbe gateway = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/" + node.node() + "/telemetry");
                 NodeLink link = NodeLink.open(o, scheduler).start()) {
                link.send(new WellTelemetry(60, new Summary(0.2, 0.3, 0.4, 6),
                        new Summary(1, 2, 3, 6), 0.3, 1000, 100, "ok", 0));
                await().atMost(WAIT).until(() -> gateway.received().size() == 1);
                // Paho's threads are named for the client: the option chose the client
                assertThat(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().contains("MQTT Call: la-gloria."
                        + node.node()))).as("Paho's threads with paho=" + paho).isEqualTo(paho);
                gateway.publish("wp/v1/la-gloria/" + node.node() + "/ack", "{\"boot\":" + link.boot() + ",\"seq\":1}", false);
                await().atMost(WAIT).until(() -> link.stats().unacknowledged() == 0);
            }
        }
    }

    @Test
    void aSilentGatewayGetsResendsBackingOffNotAFlood() throws Exception {
        NodeLinkOptions o = options().withAckTimeout(Duration.ofMillis(200), Duration.ofMillis(800));
        try (MqttProbe watcher = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/event");
             NodeLink link = NodeLink.open(o, scheduler).start()) {
            link.send(EventBody.calibration("turbidity"));
            await().atMost(WAIT).until(() -> link.stats().resends() >= 3);
            long resendsAt = link.stats().resends();
            Thread.sleep(2_000);
            // at a fixed 200 ms this would be ~10 more; backing off to 800 ms it is ~2-3
            assertThat(link.stats().resends() - resendsAt).isBetween(1L, 5L);
            assertThat(watcher.received()).allMatch(m -> m.payload().contains("\"seq\":1,"));
        }
    }

    @Test
    void aMessageTheOutboxRefusesUsesNoSeqSoTheGatewaySeesNoHole() throws Exception {
        try (NodeLink link = NodeLink.open(options(), scheduler)) {
            String huge = "x".repeat(2 * 1024 * 1024);
            assertThatThrownBy(() -> link.send(new EventBody("fault", Map.of("part", "turbidity", "reason", huge))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(link.send(EventBody.calibration("turbidity"))).isEqualTo(1);
        }
    }

    private static long seqOf(String payload) {
        int i = payload.indexOf("\"seq\":") + 6;
        int j = i;
        while (Character.isDigit(payload.charAt(j))) {
            j++;
        }
        return Long.parseLong(payload.substring(i, j));
    }

    @Test
    void aDiskThatRefusesMessagesMakesTheLinkHoldThemInMemorySendThemAndSaySoOnce() throws Exception {
        Outbox real = Outbox.open(dir.resolve("node").resolve("outbox"), OutboxOptions.defaults(), scheduler);
        RefusingOutbox outbox = new RefusingOutbox(real);
        try (MqttProbe gateway = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/telemetry", "wp/v1/la-gloria/well-01/event");
             NodeLink link = NodeLink.open(options(), scheduler, outbox).start()) {
            link.send(EventBody.calibration("turbidity")); // 1, on disk
            outbox.refusing = StorageProblem.FULL;
            link.send(EventBody.calibration("flow"));      // 2 in memory, 3 the fault event
            link.send(EventBody.calibration("flow"));      // 4 in memory, no second fault event
            assertThat(link.stats().storage()).isEqualTo("disk_full");
            assertThat(link.stats().inMemory()).isEqualTo(3);
            await().atMost(WAIT).until(() -> gateway.received().size() == 4);
            assertThat(gateway.received()).extracting(m -> seqOf(m.payload())).containsExactly(1L, 2L, 3L, 4L);
            assertThat(gateway.received().get(2).payload()).contains("\"type\":\"fault\"").contains("\"part\":\"storage\"")
                    .contains("\"reason\":\"disk_full\"");
            // the floor covers what is in memory: nothing below 1 is missing
            assertThat(gateway.received()).allMatch(m -> m.payload().startsWith("{\"first_seq\":1,"));

            gateway.publish("wp/v1/la-gloria/well-01/ack", "{\"boot\":" + link.boot() + ",\"seq\":3}", false);
            await().atMost(WAIT).until(() -> link.stats().unacknowledged() == 1);
            assertThat(link.stats().inMemory()).isEqualTo(1);

            outbox.refusing = null; // space again
            link.send(EventBody.calibration("turbidity")); // 5 on disk, 6 fault_cleared
            await().atMost(WAIT).until(() -> gateway.received().size() == 6);
            assertThat(gateway.received().get(5).payload()).contains("\"type\":\"fault_cleared\"").contains("\"part\":\"storage\"");
            assertThat(link.stats().storage()).isEqualTo("ok");
            // 4 is still only in memory and unacknowledged: the floor says so
            assertThat(gateway.received().get(5).payload()).startsWith("{\"first_seq\":4,");
        }
    }

    @Test
    void anOutboxThatCannotBeOpenedLeavesTheNodeRunningOnMemoryAndReportingIt() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("node"));
        java.nio.file.Files.writeString(dir.resolve("node").resolve("outbox"), "a file where the outbox directory should be");
        try (MqttProbe gateway = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/event");
             NodeLink link = NodeLink.open(options(), scheduler).start()) {
            link.send(EventBody.calibration("turbidity"));
            await().atMost(WAIT).until(() -> gateway.received().size() == 2);
            assertThat(gateway.received().get(0).payload()).contains("\"type\":\"calibration\"");
            assertThat(gateway.received().get(1).payload()).contains("\"part\":\"storage\"").contains("\"reason\":\"io_error\"");
        }
    }

    @Test
    void aWatermarkStuckAtAHoleTheNodeCannotFillMakesItSendTheRestAgainAtOnceWithTheNewFloor() throws Exception {
        // boot 1 left 1-4 and 6-10 (seq 5 was in a damaged record): the gateway can only acknowledge up to 4
        try (Outbox outbox = Outbox.open(dir.resolve("node").resolve("outbox"), OutboxOptions.defaults(), scheduler)) {
            for (long seq = 1; seq <= 10; seq++) {
                if (seq != 5) {
                    outbox.append(io.waypoint.outbox.OutboxMessage.of(1, seq, "wp/v1/la-gloria/well-01/event",
                            "{\"v\":1,\"seq\":" + seq + "}"));
                }
            }
        }
        try (MqttProbe gateway = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/event");
             NodeLink link = NodeLink.open(options(), scheduler).start()) {
            await().atMost(WAIT).until(() -> gateway.received().size() == 9);
            assertThat(gateway.received()).allMatch(m -> m.payload().startsWith("{\"first_seq\":1,"));
            gateway.clear();
            long t0 = System.nanoTime();
            gateway.publish("wp/v1/la-gloria/well-01/ack", "{\"boot\":1,\"seq\":4}", false);
            // long before the 30 s ack timeout, 6-10 come again saying that nothing below 6 is held
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.received().size() >= 5);
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
            assertThat(gateway.received()).extracting(m -> seqOf(m.payload())).startsWith(6L, 7L, 8L, 9L, 10L);
            assertThat(gateway.received()).allMatch(m -> m.payload().startsWith("{\"first_seq\":6,"));
            // the same watermark again does not send them a third time
            gateway.clear();
            gateway.publish("wp/v1/la-gloria/well-01/ack", "{\"boot\":1,\"seq\":4}", false);
            Thread.sleep(1000);
            assertThat(gateway.received()).isEmpty();
        }
    }

    /** What a client subscribing now gets as the retained state, or "" when nothing is retained. */
    private String retainedState() {
        try (MqttProbe p = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/state")) {
            try {
                return p.await(Duration.ofSeconds(1), m -> m.retained()).payload();
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                return "";
            }
        }
    }

    @Test
    void bootCountsUpAcrossOpensAndBirthAndDeathAreRetained() throws Exception {
        long first;
        try (NodeLink link = NodeLink.open(options(), scheduler).start()) {
            first = link.boot();
            await().atMost(WAIT).until(() -> retainedState().contains("\"online\":true"));
            assertThat(retainedState()).contains("\"boot\":" + first + ",").contains("\"seq\":0,");
        }
        assertThat(retainedState()).contains("\"online\":false").contains("\"boot\":" + first + ",");
        try (NodeLink link = NodeLink.open(options(), scheduler)) {
            assertThat(link.boot()).isEqualTo(first + 1);
        }
    }

    @Test
    void answersCommandsOnTheirResultTopic() throws Exception {
        try (MqttProbe staff = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-01/cmd/+/result");
             NodeLink link = NodeLink.open(options(), scheduler).start()) {
            link.onCommand("selftest", payload -> "{\"ok\":true,\"sensors\":\"fine\"}");
            await().atMost(WAIT).until(() -> link.stats().connected());
            Thread.sleep(200); // the subscriptions follow the connect
            staff.publish("wp/v1/la-gloria/well-01/cmd/selftest", "{}", false);
            staff.publish("wp/v1/la-gloria/well-01/cmd/explode", "{}", false);
            List<MqttProbe.Received> results = List.of(
                    staff.awaitTopic(WAIT, "wp/v1/la-gloria/well-01/cmd/selftest/result"),
                    staff.awaitTopic(WAIT, "wp/v1/la-gloria/well-01/cmd/explode/result"));
            assertThat(results.get(0).payload()).isEqualTo("{\"ok\":true,\"sensors\":\"fine\"}");
            assertThat(results.get(1).payload()).contains("\"ok\":false").contains("unknown command");
        }
    }
}
