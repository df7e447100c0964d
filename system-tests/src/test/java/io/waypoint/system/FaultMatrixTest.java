package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        int perNode = 2_400; // 4 a simulated second for 10 simulated minutes: 40 s of wall time at 15x
        int rate = 60;
        int kills = 10;
        long t0 = System.nanoTime();
        List<NodeProcess> streams = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url(), FAST_RECONNECT).start()) {
            try {
                for (int n = 1; n <= nodes; n++) {
                    streams.add(NodeProcess.start(dir.resolve("node-" + n), broker.url(), SITE, "well-0" + n, perNode, rate, 2000,
                            "--speed", "15", "--reconnect-max-ms", "1000"));
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
}
