package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill things mid-stream and count what arrived. The broker runs without persistence, so a SIGKILL
 * loses everything it held: only the nodes' outboxes and end-to-end acknowledgements save the data.
 */
class FaultTest {
    private static final Duration LONG = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theGatewayStoresAllFiveThousandExactlyOnceThoughTheBrokerIsKilledThreeTimes() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             NodeProcess node = NodeProcess.start(dir.resolve("node"), broker.url(), "la-gloria", "well-01", 5000, 400, 2000)) {
            for (long at : new long[] {1000, 2500, 4000}) {
                await().atMost(LONG).until(() -> node.lastCommitted() >= at);
                broker.kill();
                Thread.sleep(700); // down long enough for every client to notice
                broker.restart();
            }
            await("the node's outbox acknowledged to the last message").atMost(LONG).until(node::done);
            assertThat(gateway.stop()).as("exit code of a SIGTERMed gateway").isZero();
            // for the record: how the node and the gateway lived through the kills
            node.lines().stream().filter(l -> l.contains("lost") || l.contains("again") || l.contains("connected")).forEach(System.out::println);
            assertThat(node.lines()).as("the node noticed the broker dying").anyMatch(l -> l.contains("connection to") && l.contains("lost"));
        }
        Map<Long, List<Long>> stored = GatewayProcess.storedTelemetrySeqs(dir.resolve("gw").resolve("data"), "la-gloria", "well-01");
        assertThat(stored).hasSize(1);
        List<Long> seqs = stored.values().iterator().next();
        assertThat(seqs).hasSize(5000).doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isEqualTo(1);
        assertThat(seqs.get(4999)).isEqualTo(5000);
    }

    @Test
    void aDayOfBacklogBufferedOfflineDrainsOnceTheBrokerAndGatewayReturn() throws Exception {
        int port = io.waypoint.testkit.FreePorts.next();
        String url = "tcp://127.0.0.1:" + port;
        int day = 8640; // a message every 10 s
        try (NodeProcess node = NodeProcess.start(dir.resolve("node"), url, "la-gloria", "well-03", day, 0, 5000)) {
            await("a day buffered offline").atMost(LONG).until(() -> node.lastCommitted() >= day);
            try (MosquittoBroker broker = MosquittoBroker.startOn(port, dir.resolve("broker"), false, List.of());
                 GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), url).start()) {
                long t0 = System.nanoTime();
                await("backlog acknowledged").atMost(LONG).pollInterval(Duration.ofMillis(50)).until(node::done);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("a day of backlog (%d messages) drained and acknowledged in %.1f s after the gateway connected%n",
                        day, seconds);
                assertThat(gateway.stop()).isZero();
            }
        }
        List<Long> seqs = GatewayProcess.storedTelemetrySeqs(dir.resolve("gw").resolve("data"), "la-gloria", "well-03").values().iterator().next();
        assertThat(seqs).hasSize(day).doesNotHaveDuplicates();
    }

    @Test
    void aNodeKilledMidStreamLosesNothingItHadCommittedAndItsWillAnnouncesIt() throws Exception {
        Random random = new Random();
        Map<Long, Long> committed = new HashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/well-02/state")) {
            for (int round = 0; round < 3; round++) {
                long killAt = 300 + random.nextInt(1500);
                probe.clear();
                try (NodeProcess node = NodeProcess.start(dir.resolve("node"), broker.url(), "la-gloria", "well-02", 3000, 2000, 2000)) {
                    // killed mid-stream, and connected: a node that never reached the broker has no will to publish
                    await().atMost(LONG).until(() -> (node.lastCommitted() >= killAt
                            && !probe.received(m -> m.payload().contains("\"online\":true")).isEmpty()) || !node.isAlive());
                    assertThat(node.isAlive()).as("node still streaming when killed: %s", node.lines()).isTrue();
                    probe.clear();
                    node.kill();
                    committed.putAll(node.committed());
                    // the broker publishes the Last Will when the killed node's connection drops
                    probe.await(Duration.ofSeconds(30), m -> m.payload().contains("\"online\":false"));
                }
            }
            try (NodeProcess last = NodeProcess.start(dir.resolve("node"), broker.url(), "la-gloria", "well-02", 200, 0, 2000)) {
                await("everything, old boots included, acknowledged").atMost(LONG).until(last::done);
                committed.putAll(last.committed());
            }
            assertThat(gateway.stop()).isZero();
        }
        Map<Long, List<Long>> stored = GatewayProcess.storedTelemetrySeqs(dir.resolve("gw").resolve("data"), "la-gloria", "well-02");
        assertThat(committed).hasSize(4);
        for (Map.Entry<Long, Long> c : committed.entrySet()) {
            List<Long> seqs = stored.get(c.getKey());
            assertThat(seqs).as("boot %d", c.getKey()).isNotNull().doesNotHaveDuplicates();
            // every committed message arrived; anything appended after the last commit may too (the page cache
            // survives SIGKILL), but never with a hole
            assertThat(seqs.size()).as("boot %d stored", c.getKey()).isGreaterThanOrEqualTo(c.getValue().intValue());
            assertThat(seqs.get(seqs.size() - 1)).as("boot %d contiguous", c.getKey()).isEqualTo(seqs.size());
        }
    }
}
