package io.waypoint.bench.jmh;

import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A node's outbox taking one telemetry message (written to the OS before it returns; group commits
 * fsync on the scheduler's thread as in the field). The gateway acknowledges every 1,000th message
 * 500 behind, so the outbox stays the size of a node that is online and files get deleted.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OutboxAppendBenchmark {
    private Path dir;
    private Scheduler scheduler;
    private Outbox outbox;
    private byte[] payload;
    private long seq;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("outbox-bench");
        scheduler = Scheduler.system("outbox-bench");
        outbox = Outbox.open(dir, OutboxOptions.defaults(), scheduler);
        payload = Telemetry.wellBytes(1);
        seq = 0;
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        outbox.close();
        scheduler.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long appendTelemetry() {
        seq++;
        outbox.append(new OutboxMessage(1, seq, Telemetry.WELL_TOPIC, payload));
        if (seq % 1_000 == 0) {
            outbox.acknowledge(1, seq - 500);
        }
        return seq;
    }
}
