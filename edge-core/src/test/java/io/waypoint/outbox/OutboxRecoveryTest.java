package io.waypoint.outbox;

import static io.waypoint.outbox.TestMessages.drain;
import static io.waypoint.outbox.TestMessages.msg;
import static io.waypoint.outbox.TestMessages.range;
import static io.waypoint.outbox.TestMessages.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a power cut or a failing card leaves, the outbox opens and keeps what can be read. */
class OutboxRecoveryTest {
    static final OutboxOptions OPTIONS = OutboxOptions.defaults();
    /** Every test message is this long on disk: 10 frame + 18 fixed + 33 topic + 100 payload. */
    static final int RECORD = RecordCodec.encode(msg(1, 1)).remaining();
    static final long HEADER = RecordCodec.HEADER;

    @TempDir
    Path dir;
    final ManualScheduler scheduler = TestMessages.scheduler();

    @Test
    void cutsATornWriteAtTheEndOfTheNewestFileAndKeepsEverythingBefore() throws IOException {
        write(1, 20);
        Path segment = segments().get(0);
        long cleanSize = Files.size(segment);
        ByteBuffer record21 = RecordCodec.encode(msg(1, 21));
        appendBytes(segment, record21.array(), record21.remaining() / 2); // the power went mid-write

        try (Outbox outbox = open()) {
            assertThat(seqs(drain(outbox))).isEqualTo(range(1, 20));
            assertThat(outbox.stats().corruptFilesMovedAside()).isZero();
            assertThat(Files.size(segment)).isEqualTo(cleanSize);
            outbox.append(msg(1, 21));
        }
        try (Outbox outbox = open()) {
            assertThat(seqs(drain(outbox))).isEqualTo(range(1, 21));
        }
        assertThat(dir.resolve("corrupt")).doesNotExist();
    }

    @Test
    void copiesAFileDamagedInTheMiddleAsideAndKeepsEveryReadableRecord() throws IOException {
        write(1, 50);
        Path segment = segments().get(0);
        overwrite(segment, HEADER + 24L * RECORD + 70, junk(10)); // inside message 25's payload
        byte[] damaged = Files.readAllBytes(segment);

        try (Outbox outbox = open()) {
            List<Long> expected = range(1, 50);
            expected.remove(Long.valueOf(25));
            assertThat(seqs(drain(outbox))).isEqualTo(expected);
            assertThat(outbox.stats().corruptFilesMovedAside()).isEqualTo(1);
            assertThat(outbox.stats().unacknowledged()).isEqualTo(49);
            // reported for the node to put on the wire: which part, where the copy is, what was kept, what to do
            assertThat(outbox.damage()).singleElement().satisfies(d -> {
                assertThat(d.part()).isEqualTo("outbox");
                assertThat(d.file()).isEqualTo(segments().get(0));
                assertThat(d.keptAside()).isEqualTo(dir.resolve("corrupt").resolve(segments().get(0).getFileName() + ".1"));
                assertThat(d.kept()).contains("49 readable messages");
                assertThat(d.whatToDo()).contains("counts the unreadable messages as lost");
            });
            // the gateway can skip 25 once 24 is stored
            outbox.acknowledge(1, 24);
            assertThat(outbox.firstHeldSeq(1)).hasValue(26);
        }
        Path copy = dir.resolve("corrupt").resolve(segment.getFileName() + ".1");
        assertThat(Files.readAllBytes(copy)).isEqualTo(damaged);
        try (Outbox outbox = open()) {
            // repaired in place: nothing is copied aside a second time
            assertThat(outbox.stats().corruptFilesMovedAside()).isZero();
            assertThat(seqs(drain(outbox))).startsWith(26L, 27L).endsWith(50L).hasSize(25);
        }
    }

    @Test
    void keepsTheRecordsOfAnOlderFileAroundItsDamage() throws IOException {
        OutboxOptions small = OPTIONS.withMaxBytes(64 * 1024); // 16 KiB segments, 100 records each
        try (Outbox outbox = Outbox.open(dir, small, scheduler)) {
            for (long seq = 1; seq <= 300; seq++) {
                outbox.append(msg(1, seq));
            }
        }
        List<Path> files = segments();
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        overwrite(files.get(0), HEADER + 10L * RECORD + 6, junk(4)); // message 11's CRC
        truncateBy(files.get(1), 30); // an older file's tail lost: not the newest, so damage

        try (Outbox outbox = Outbox.open(dir, small, scheduler)) {
            List<Long> got = seqs(drain(outbox));
            long lastOfSecond = 2 * ((16 * 1024 - HEADER) / RECORD);
            List<Long> expected = range(1, 300);
            expected.remove(Long.valueOf(11));
            expected.remove(Long.valueOf(lastOfSecond));
            assertThat(got).isEqualTo(expected);
            assertThat(outbox.stats().corruptFilesMovedAside()).isEqualTo(2);
        }
        assertThat(corruptCopies()).hasSize(2);
    }

    @Test
    void opensWhateverGarbageTheDirectoryHolds() throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("00000000000000000001.seg"), junk(50_000));
        Files.write(dir.resolve("00000000000000000002.seg"), new byte[0]);
        Files.write(dir.resolve("00000000000000000003.seg"), "XY".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("00000000000000000004.seg"), new byte[] {0x57, 0x50, 0x4F});
        Files.write(dir.resolve("acks"), junk(77));
        Files.write(dir.resolve("notes.txt"), "a technician's notes".getBytes(StandardCharsets.UTF_8));
        Files.write(dir.resolve("00000000000000000002.seg.tmp"), junk(10));

        try (Outbox outbox = open()) {
            assertThat(outbox.stats().messagesHeld()).isZero();
            assertThat(outbox.nextBatch(10)).isEmpty();
            assertThat(outbox.stats().corruptFilesMovedAside()).isEqualTo(3); // junk, "XY", acks
            outbox.append(msg(1, 1));
        }
        try (Outbox outbox = open()) {
            assertThat(drain(outbox)).containsExactly(msg(1, 1));
            assertThat(outbox.stats().corruptFilesMovedAside()).isZero();
        }
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void aDamagedAcknowledgementFileOnlyMeansResending() throws IOException {
        try (Outbox outbox = open()) {
            for (long seq = 1; seq <= 10; seq++) {
                outbox.append(msg(1, seq));
            }
            outbox.acknowledge(1, 5);
        }
        Files.write(dir.resolve("acks"), junk(48));

        try (Outbox outbox = open()) {
            assertThat(seqs(drain(outbox))).isEqualTo(range(1, 10));
            assertThat(outbox.stats().corruptFilesMovedAside()).isEqualTo(1);
        }
        assertThat(corruptCopies()).extracting(p -> p.getFileName().toString()).containsExactly("acks.1");
    }

    @Test
    void stepsOverDamageThatAppearsAfterOpen() throws IOException {
        try (Outbox outbox = open()) {
            for (long seq = 1; seq <= 50; seq++) {
                outbox.append(msg(1, seq));
            }
            outbox.commit();
            overwrite(segments().get(0), HEADER + 9L * RECORD + 80, junk(8)); // message 10, behind its back

            List<Long> expected = range(1, 50);
            expected.remove(Long.valueOf(10));
            assertThat(seqs(drain(outbox))).isEqualTo(expected);
            assertThat(outbox.stats().corruptFilesMovedAside()).isEqualTo(1);
            assertThat(outbox.stats().unacknowledged()).isEqualTo(49);
            // reported for the node to put on the wire: which part, where the copy is, what was kept, what to do
            assertThat(outbox.damage()).singleElement().satisfies(d -> {
                assertThat(d.part()).isEqualTo("outbox");
                assertThat(d.file()).isEqualTo(segments().get(0));
                assertThat(d.keptAside()).isEqualTo(dir.resolve("corrupt").resolve(segments().get(0).getFileName() + ".1"));
                assertThat(d.kept()).contains("49 readable messages");
                assertThat(d.whatToDo()).contains("counts the unreadable messages as lost");
            });
            outbox.acknowledge(1, 9);
            assertThat(outbox.firstHeldSeq(1)).hasValue(11);
            // new messages go to a fresh file, not after the damage
            outbox.append(msg(1, 51));
            assertThat(drain(outbox)).containsExactly(msg(1, 51));
        }
        try (Outbox outbox = open()) {
            assertThat(seqs(drain(outbox))).startsWith(11L).endsWith(50L, 51L).hasSize(41);
        }
    }

    @Test
    void restartsANewestFileCutShortWhileBeingCreated() throws IOException {
        write(1, 5);
        Files.write(dir.resolve("00000000000000000002.seg"), new byte[] {0x57, 0x50}); // "WP" of the header

        try (Outbox outbox = open()) {
            assertThat(outbox.stats().corruptFilesMovedAside()).isZero();
            outbox.append(msg(1, 6));
            assertThat(seqs(drain(outbox))).isEqualTo(range(1, 6));
        }
        try (Outbox outbox = open()) {
            assertThat(seqs(drain(outbox))).isEqualTo(range(1, 6));
        }
    }

    private Outbox open() throws IOException {
        return Outbox.open(dir, OPTIONS, scheduler);
    }

    private void write(long boot, int count) throws IOException {
        try (Outbox outbox = open()) {
            for (long seq = 1; seq <= count; seq++) {
                outbox.append(msg(boot, seq));
            }
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    private List<Path> corruptCopies() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("corrupt"))) {
            return new ArrayList<>(files.sorted().toList());
        }
    }

    private static byte[] junk(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), at);
        }
    }

    private static void appendBytes(Path file, byte[] bytes, int n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(bytes, 0, n));
        }
    }

    private static void truncateBy(Path file, long n) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - n);
        }
    }
}
