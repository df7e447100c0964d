package io.waypoint.bench.jmh;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.wire.NodeTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The gateway's SQLite store taking one batch as its ingest writes it under load: {@value #PER_BATCH}
 * telemetry messages, five from each of {@value #NODES} nodes, with their boots' watermarks and the
 * nodes' states, in one transaction (fsync'd: the gateway acknowledges only what is on disk). The
 * score is per message; the file grows over the iteration as a busy gateway's does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GatewayStoreBenchmark {
    private static final int NODES = 40;
    private static final int PER_BATCH = 200;
    private static final String SITE = "la-gloria";

    private Path dir;
    private GatewayStore store;
    private long seq;
    private final List<String> nodes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("store-bench");
        store = GatewayStore.sqlite(dir);
        seq = 0;
        nodes.clear();
        for (int n = 0; n < NODES; n++) {
            nodes.add("well-" + n);
        }
        bodies.clear();
        for (int i = 0; i < 10; i++) {
            bodies.add(Telemetry.wellBytes(i + 1));
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(PER_BATCH)
    public boolean[] writeBatch() {
        List<StoredMessage> messages = new ArrayList<>(PER_BATCH);
        List<SequenceState> sequences = new ArrayList<>(NODES);
        List<NodeState> states = new ArrayList<>(NODES);
        Instant received = Telemetry.T0.plusSeconds(seq * 10);
        for (int k = 0; k < PER_BATCH / NODES; k++) {
            seq++;
            Instant ts = Telemetry.T0.plusSeconds(seq * 10);
            for (String node : nodes) {
                String body = new String(bodies.get((int) (seq % bodies.size())), StandardCharsets.UTF_8);
                messages.add(new StoredMessage(SITE, node, 3, seq, NodeTopic.Kind.TELEMETRY.segment(), ts, received, body));
            }
        }
        for (String node : nodes) {
            sequences.add(new SequenceState(SITE, node, 3, seq, 0));
            states.add(new NodeState(SITE, node, 3, true, received, received));
        }
        boolean[] fresh = store.write(new Batch(messages, sequences, states, List.of(), List.of(), null));
        if (!fresh[fresh.length - 1]) {
            throw new IllegalStateException("the benchmark's messages were taken for duplicates");
        }
        return fresh;
    }
}
