package io.waypoint.outbox;

import static io.waypoint.outbox.TestMessages.drain;
import static io.waypoint.outbox.TestMessages.msg;
import static io.waypoint.outbox.TestMessages.range;
import static io.waypoint.outbox.TestMessages.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is bounded by bytes and drops its oldest messages, counting them. */
class OutboxFullTest {
    static final OutboxOptions SMALL = OutboxOptions.defaults().withMaxBytes(16 * 1024); // 4 KiB segments

    @TempDir
    Path dir;
    final ManualScheduler scheduler = TestMessages.scheduler();

    @Test
    void dropsOldestWhenFullAndCountsExactlyWhatWasLost() throws IOException {
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            for (long seq = 1; seq <= 1000; seq++) {
                outbox.append(msg(1, seq));
            }
            OutboxStats stats = outbox.stats();
            long held = stats.unacknowledged();
            long dropped = 1000 - held;

            assertThat(stats.bytesHeld()).isLessThanOrEqualTo(SMALL.maxBytes());
            assertThat(dropped).isPositive();
            assertThat(stats.droppedTotal()).isEqualTo(dropped);
            // the newest survive, without a gap, and the gateway is told where they start
            assertThat(seqs(drain(outbox))).isEqualTo(range(dropped + 1, 1000));
            assertThat(outbox.firstHeldSeq(1)).hasValue(dropped + 1);
            assertThat(outbox.takeDropped()).isEqualTo(dropped);
            assertThat(outbox.takeDropped()).isZero();
            assertThat(outbox.stats().droppedTotal()).isEqualTo(dropped);
        }
    }

    @Test
    void doesNotCountAcknowledgedMessagesAsDropped() throws IOException {
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            for (long seq = 1; seq <= 100; seq++) {
                outbox.append(msg(1, seq));
            }
            outbox.acknowledge(1, 10); // the first file is only partly acknowledged: it stays
            for (long seq = 101; seq <= 1000; seq++) {
                outbox.append(msg(1, seq));
            }

            long held = outbox.stats().unacknowledged();
            assertThat(outbox.firstHeldSeq(1)).isPresent();
            assertThat(outbox.firstHeldSeq(1).getAsLong()).isGreaterThan(11);
            assertThat(outbox.takeDropped()).isEqualTo(1000 - 10 - held);
        }
    }

    @Test
    void keepsTheDropCountUntilTakenAcrossCrashesAndRestarts() throws IOException {
        long dropped;
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            for (long seq = 1; seq <= 1000; seq++) {
                outbox.append(msg(1, seq));
            }
            dropped = 1000 - outbox.stats().unacknowledged();
            // on disk before any close or timer: a crash now would not lose the report
            assertThat(AckState.read(dir).droppedPending()).isEqualTo(dropped);
        }
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            assertThat(outbox.takeDropped()).isEqualTo(dropped);
        }
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            assertThat(outbox.takeDropped()).isZero();
            assertThat(outbox.stats().droppedTotal()).isEqualTo(dropped);
        }
    }

    @Test
    void staysWithinMaxBytesWhateverIsAppended() throws IOException {
        OutboxOptions options = OutboxOptions.defaults().withMaxBytes(64 * 1024);
        try (Outbox outbox = Outbox.open(dir, options, scheduler)) {
            for (long seq = 1; seq <= 100_000; seq++) {
                outbox.append(msg(1, seq, 20 + (int) (seq % 40)));
            }
            OutboxStats stats = outbox.stats();

            assertThat(stats.bytesHeld()).isLessThanOrEqualTo(options.maxBytes());
            assertThat(bytesOnDisk()).isLessThanOrEqualTo(options.maxBytes());
            assertThat(stats.messagesHeld() + stats.droppedTotal()).isEqualTo(100_000);
            assertThat(seqs(drain(outbox))).isEqualTo(range(100_000 - stats.messagesHeld() + 1, 100_000));
        }
    }

    @Test
    void aSmallerMaxBytesTakesEffectAtOpen() throws IOException {
        try (Outbox outbox = Outbox.open(dir, OutboxOptions.defaults().withMaxBytes(64 * 1024), scheduler)) {
            for (long seq = 1; seq <= 300; seq++) { // about 48 KiB
                outbox.append(msg(1, seq));
            }
            assertThat(outbox.takeDropped()).isZero();
        }
        try (Outbox outbox = Outbox.open(dir, SMALL, scheduler)) {
            assertThat(outbox.stats().bytesHeld()).isLessThanOrEqualTo(SMALL.maxBytes());
            assertThat(outbox.takeDropped()).isEqualTo(300 - outbox.stats().unacknowledged()).isPositive();
        }
    }

    private long bytesOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.toString().endsWith(".seg")).toList();
            long n = 0;
            for (Path p : segments) {
                n += Files.size(p);
            }
            return n;
        }
    }
}
