package io.waypoint.outbox;

import static io.waypoint.outbox.TestMessages.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application thread appends while the uplink's thread drains, acknowledges and rewinds. */
class OutboxConcurrencyTest {
    static final long N = 50_000;

    @TempDir
    Path dir;

    @Test
    void deliversEverythingInOrderWhileAppendsCommitsAndAcksRace() throws Exception {
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong newestCommitted = new AtomicLong();
        try (Scheduler scheduler = Scheduler.system("outbox-test");
                Outbox outbox = Outbox.open(dir, OutboxOptions.defaults().withMaxBytes(32L << 20), scheduler)) {
            outbox.onCommit(m -> newestCommitted.accumulateAndGet(m.seq(), Math::max));
            Thread appender = new Thread(() -> {
                for (long seq = 1; seq <= N; seq++) {
                    outbox.append(msg(1, seq));
                }
            }, "appender");
            Thread uplink = new Thread(() -> {
                long acked = 0;
                long expected = 1;
                int batches = 0;
                while (acked < N && errors.isEmpty()) {
                    List<OutboxMessage> batch = outbox.nextBatch(64);
                    if (batch.isEmpty()) {
                        Thread.yield();
                        continue;
                    }
                    for (OutboxMessage m : batch) {
                        if (m.seq() != expected) {
                            errors.add("expected seq " + expected + ", got " + m);
                        }
                        expected = m.seq() + 1;
                    }
                    acked = batch.get(batch.size() - 1).seq();
                    outbox.acknowledge(1, acked);
                    if (++batches % 37 == 0) {
                        outbox.rewind(); // as after a reconnect: resume right after the watermark
                        expected = acked + 1;
                    }
                }
            }, "uplink");
            appender.start();
            uplink.start();
            appender.join(120_000);
            uplink.join(120_000);

            assertThat(errors).isEmpty();
            assertThat(appender.isAlive() || uplink.isAlive()).as("threads finished").isFalse();
            outbox.commit();
            OutboxStats stats = outbox.stats();
            assertThat(stats.unacknowledged()).isZero();
            assertThat(stats.bytesHeld()).isLessThanOrEqualTo(SegmentLogOutbox.segmentBytes(32L << 20));
            assertThat(newestCommitted.get()).isEqualTo(N);
        }
    }
}
