package io.waypoint.outbox;

import static io.waypoint.outbox.TestMessages.drain;
import static io.waypoint.outbox.TestMessages.msg;
import static io.waypoint.outbox.TestMessages.range;
import static io.waypoint.outbox.TestMessages.seqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;
    final ManualScheduler scheduler = TestMessages.scheduler();
    final List<Outbox> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Outbox::close);
    }

    Outbox open(OutboxOptions options) throws IOException {
        Outbox o = Outbox.open(dir, options, scheduler);
        opened.add(o);
        return o;
    }

    Outbox open() throws IOException {
        return open(OutboxOptions.defaults());
    }

    @Test
    void handsOutMessagesOldestFirstEachOnce() throws IOException {
        Outbox outbox = open();
        for (long seq = 1; seq <= 10; seq++) {
            outbox.append(msg(1, seq));
        }

        assertThat(outbox.nextBatch(4)).containsExactly(msg(1, 1), msg(1, 2), msg(1, 3), msg(1, 4));
        assertThat(seqs(outbox.nextBatch(100))).isEqualTo(range(5, 10));
        assertThat(outbox.nextBatch(100)).isEmpty();

        outbox.append(msg(1, 11));
        assertThat(outbox.nextBatch(100)).containsExactly(msg(1, 11));
    }

    @Test
    void skipsAcknowledgedMessages() throws IOException {
        Outbox outbox = open();
        for (long seq = 1; seq <= 10; seq++) {
            outbox.append(msg(1, seq));
        }
        outbox.acknowledge(1, 3);

        assertThat(seqs(drain(outbox))).isEqualTo(range(4, 10));
        assertThat(outbox.stats().unacknowledged()).isEqualTo(7);
    }

    @Test
    void rewindResendsExactlyTheUnacknowledged() throws IOException {
        Outbox outbox = open();
        for (long seq = 1; seq <= 10; seq++) {
            outbox.append(msg(1, seq));
        }
        assertThat(outbox.nextBatch(10)).hasSize(10);
        assertThat(outbox.stats().handedOut()).isEqualTo(10);

        outbox.acknowledge(1, 6);
        assertThat(outbox.stats().handedOut()).isEqualTo(4);
        assertThat(outbox.nextBatch(10)).isEmpty();

        outbox.rewind();
        assertThat(outbox.stats().handedOut()).isZero();
        assertThat(seqs(drain(outbox))).isEqualTo(range(7, 10));
    }

    @Test
    void ignoresAnAcknowledgementBelowTheWatermark() throws IOException {
        Outbox outbox = open();
        for (long seq = 1; seq <= 10; seq++) {
            outbox.append(msg(1, seq));
        }
        outbox.acknowledge(1, 8);
        outbox.acknowledge(1, 3);

        assertThat(seqs(drain(outbox))).containsExactly(9L, 10L);
    }

    @Test
    void acknowledgingOneBootLeavesAnotherBootsMessagesHeld() throws IOException {
        Outbox outbox = open();
        for (long seq = 1; seq <= 5; seq++) {
            outbox.append(msg(1, seq));
        }
        for (long seq = 1; seq <= 5; seq++) {
            outbox.append(msg(2, seq));
        }

        outbox.acknowledge(2, 5);

        assertThat(drain(outbox)).extracting(OutboxMessage::boot).containsExactly(1L, 1L, 1L, 1L, 1L);
        assertThat(outbox.stats().unacknowledged()).isEqualTo(5);
        assertThat(outbox.firstHeldSeq(1)).hasValue(1);
        assertThat(outbox.firstHeldSeq(2)).isEmpty();
    }

    @Test
    void firstHeldSeqFollowsTheWatermark() throws IOException {
        Outbox outbox = open();
        assertThat(outbox.firstHeldSeq(4)).isEmpty();
        for (long seq = 10; seq <= 20; seq++) {
            outbox.append(msg(4, seq));
        }
        assertThat(outbox.firstHeldSeq(4)).hasValue(10);

        outbox.acknowledge(4, 14);
        assertThat(outbox.firstHeldSeq(4)).hasValue(15);

        outbox.acknowledge(4, 20);
        assertThat(outbox.firstHeldSeq(4)).isEmpty();
    }

    @Test
    void refusesMessagesOutOfOrder() throws IOException {
        Outbox outbox = open();
        outbox.append(msg(3, 5));

        assertThatThrownBy(() -> outbox.append(msg(3, 5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.append(msg(3, 4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.append(msg(2, 9))).isInstanceOf(IllegalArgumentException.class);
        outbox.append(msg(4, 1));
        assertThat(drain(outbox)).containsExactly(msg(3, 5), msg(4, 1));
    }

    @Test
    void reopenAfterCleanCloseKeepsUnacknowledgedAndForgetsAcknowledged() throws IOException {
        Outbox first = open();
        for (long seq = 1; seq <= 10; seq++) {
            first.append(msg(1, seq));
        }
        first.acknowledge(1, 4);
        first.close();

        Outbox second = open();
        assertThat(second.stats().unacknowledged()).isEqualTo(6);
        assertThat(second.firstHeldSeq(1)).hasValue(5);
        assertThat(drain(second)).isEqualTo(List.of(msg(1, 5), msg(1, 6), msg(1, 7), msg(1, 8), msg(1, 9),
                msg(1, 10)));
        // order is checked against what the last run appended
        assertThatThrownBy(() -> second.append(msg(1, 10))).isInstanceOf(IllegalArgumentException.class);
        second.append(msg(2, 1));
    }

    @Test
    void remembersTheHighestBootEvenWhenEverythingWasAcknowledged() throws IOException {
        Outbox first = open();
        assertThat(first.highestBoot()).isZero();
        first.append(msg(7, 1));
        first.append(msg(7, 2));
        first.acknowledge(7, 2);
        first.close();

        Outbox second = open();
        assertThat(second.highestBoot()).isEqualTo(7);
    }

    @Test
    void deletesFilesOnceEveryMessageInThemIsAcknowledged() throws IOException {
        Outbox outbox = open(OutboxOptions.defaults().withMaxBytes(64 * 1024)); // 16 KiB segments
        for (long seq = 1; seq <= 1000; seq++) {
            outbox.append(msg(1, seq));
        }
        assertThat(segmentFiles()).hasSizeGreaterThan(3);

        outbox.acknowledge(1, 500);
        long half = outbox.stats().bytesHeld();
        outbox.acknowledge(1, 1000);

        assertThat(segmentFiles()).hasSize(1); // the newest stays: appends continue there
        assertThat(outbox.stats().bytesHeld()).isLessThan(half);
        assertThat(outbox.stats().unacknowledged()).isZero();
        assertThat(drain(outbox)).isEmpty();
    }

    @Test
    void appendReachesTheFileBeforeReturning() throws IOException {
        Outbox outbox = open();
        outbox.append(msg(1, 1, 300));

        // no commit has run: the bytes are in the OS page cache, which a killed process cannot lose
        assertThat(outbox.stats().commits()).isZero();
        byte[] file = Files.readAllBytes(segmentFiles().get(0));
        assertThat(new String(file, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("\"seq\":1,");
    }

    @Test
    void commitsAtMostOncePerIntervalUnlessTheBatchFills() throws IOException {
        Outbox outbox = open(OutboxOptions.defaults().withCommitInterval(Duration.ofMillis(100)).withCommitBatch(256));
        outbox.append(msg(1, 1));
        scheduler.advance(Duration.ofMillis(99));
        assertThat(outbox.stats().commits()).isZero();
        scheduler.advance(Duration.ofMillis(1));
        assertThat(outbox.stats().commits()).isEqualTo(1);

        // one message every 10 ms for a second: one commit per 100 ms, not one per message
        for (long seq = 2; seq <= 101; seq++) {
            outbox.append(msg(1, seq));
            scheduler.advance(Duration.ofMillis(10));
        }
        assertThat(outbox.stats().commits()).isEqualTo(11);

        // a full batch commits without waiting for the interval
        for (long seq = 102; seq < 102 + 256; seq++) {
            outbox.append(msg(1, seq));
        }
        scheduler.runDue();
        assertThat(outbox.stats().commits()).isEqualTo(12);
        scheduler.advance(Duration.ofMillis(100)); // nothing left for the interval's commit
        assertThat(outbox.stats().commits()).isEqualTo(12);

        // less than a batch waits for the interval
        for (long seq = 400; seq < 400 + 255; seq++) {
            outbox.append(msg(1, seq));
        }
        scheduler.runDue();
        assertThat(outbox.stats().commits()).isEqualTo(12);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(outbox.stats().commits()).isEqualTo(13);
    }

    @Test
    void tellsListenersTheNewestMessageEachCommitMadeDurable() throws IOException {
        Outbox outbox = open();
        List<OutboxMessage> committed = new ArrayList<>();
        outbox.onCommit(committed::add);
        outbox.append(msg(1, 1));
        outbox.append(msg(1, 2));
        scheduler.advance(Duration.ofMillis(100));
        outbox.append(msg(1, 3));
        outbox.commit();
        outbox.commit(); // nothing new: no call

        assertThat(committed).containsExactly(msg(1, 2), msg(1, 3));
    }

    @Test
    void appendAfterCloseFailsNamingTheDirectory() throws IOException {
        Outbox outbox = open();
        outbox.close();

        assertThatThrownBy(() -> outbox.append(msg(1, 1)))
                .isInstanceOf(OutboxException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("closed");
        outbox.close(); // twice is harmless
    }

    @Test
    void appendOnAReadOnlyDirectoryFailsNamingTheDirectoryAndHoldsNothing() throws IOException {
        Path readOnly = readOnlyDirectory();
        try (Outbox outbox = Outbox.open(readOnly, OutboxOptions.defaults(), scheduler)) {
            assertThatThrownBy(() -> outbox.append(msg(1, 1)))
                    .isInstanceOf(OutboxException.class)
                    .hasMessageContaining(readOnly.toString());
            assertThat(outbox.stats().messagesHeld()).isZero();
            assertThat(outbox.nextBatch(10)).isEmpty();
        } finally {
            if (readOnly.startsWith(dir)) {
                Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void refusesASecondOpenOfTheSameDirectory() throws IOException {
        open();
        assertThatThrownBy(() -> Outbox.open(dir, OutboxOptions.defaults(), scheduler))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.toString());
    }

    /**
     * A directory this process cannot create files in. Root ignores permission bits, so when the
     * chmod does not bite, /proc/self/fdinfo (read-only for everyone) stands in.
     */
    private Path readOnlyDirectory() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createFile(ro.resolve("probe")));
        } catch (IOException e) {
            return ro;
        }
        Path proc = Path.of("/proc/self/fdinfo");
        assumeTrue(Files.isDirectory(proc), "no read-only directory available");
        return proc;
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }
}
