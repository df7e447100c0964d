package io.waypoint.outbox;

import static io.waypoint.outbox.TestMessages.msg;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a day of a well node's traffic costs the SD card, connected and offline. */
class OutboxFootprintTest {
    static final int DAY = 8_640; // one message every 10 s
    /** Connected, every message costs two fsyncs (its commit, its ack): an hour shows the rate. */
    static final int HOUR = DAY / 24;
    static final int PAYLOAD = 400;

    @TempDir
    Path dir;
    final ManualScheduler scheduler = TestMessages.scheduler();

    @Test
    void writesLessThanTwiceThePayloadPerMessageWhenConnected() throws IOException {
        try (Outbox outbox = Outbox.open(dir, OutboxOptions.defaults(), scheduler)) {
            for (long seq = 1; seq <= HOUR; seq++) {
                outbox.append(msg(1, seq, PAYLOAD));
                scheduler.advance(Duration.ofMillis(100)); // its group commit
                assertThat(outbox.nextBatch(10)).hasSize(1);
                outbox.acknowledge(1, seq); // the gateway's ack, each one saved within a second
                scheduler.advance(Duration.ofMillis(9_900));
            }
            OutboxStats stats = outbox.stats();
            double ratio = (double) stats.bytesWritten() / ((long) HOUR * PAYLOAD);
            System.out.printf("connected: %d bytes written for %d payload bytes: %.3f per payload byte, "
                    + "%d commits%n", stats.bytesWritten(), (long) HOUR * PAYLOAD, ratio, stats.commits());

            assertThat(ratio).isLessThanOrEqualTo(2.0);
            assertThat(stats.commits()).isEqualTo(HOUR); // one fsync per message at this rate, never more
            assertThat(stats.unacknowledged()).isZero();
        }
    }

    @Test
    void writesLessThanTwiceThePayloadPerMessageWhenOfflineThenDrainsTheDayInOrder() throws IOException {
        try (Outbox outbox = Outbox.open(dir, OutboxOptions.defaults(), scheduler)) {
            for (long seq = 1; seq <= DAY; seq++) {
                outbox.append(msg(1, seq, PAYLOAD));
                if (seq % 60 == 0) {
                    // a commit per ten minutes rather than per message: an fsync adds no bytes of its
                    // own to the count, and 8,640 real fsyncs would only make the test slow
                    scheduler.advance(Duration.ofMinutes(10));
                }
            }
            long expected = 1;
            while (true) {
                List<OutboxMessage> batch = outbox.nextBatch(100);
                if (batch.isEmpty()) {
                    break;
                }
                for (OutboxMessage m : batch) {
                    assertThat(m).isEqualTo(msg(1, expected++, PAYLOAD));
                }
                outbox.acknowledge(1, batch.get(batch.size() - 1).seq());
                scheduler.advance(Duration.ofMillis(200));
            }
            scheduler.advance(Duration.ofSeconds(1));
            OutboxStats stats = outbox.stats();
            double ratio = (double) stats.bytesWritten() / ((long) DAY * PAYLOAD);
            System.out.printf("offline day then drain: %.3f bytes written per payload byte%n", ratio);

            assertThat(expected - 1).isEqualTo(DAY);
            assertThat(ratio).isLessThanOrEqualTo(2.0);
            assertThat(stats.unacknowledged()).isZero();
            // acknowledged files are gone: only the newest remains
            assertThat(stats.bytesHeld()).isLessThanOrEqualTo(SegmentLogOutbox.segmentBytes(OutboxOptions.defaults().maxBytes()));
        }
    }
}
