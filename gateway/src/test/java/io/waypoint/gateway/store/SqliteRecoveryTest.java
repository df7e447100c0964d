package io.waypoint.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.BootClock;
import io.waypoint.gateway.store.GatewayStore.FiledBy;
import io.waypoint.gateway.store.GatewayStore.Refile;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway database damaged (garbage, truncated) or from an older release: the gateway opens, keeps what it can, says so. */
class SqliteRecoveryTest {
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    @TempDir
    Path dir;

    private static StoredMessage msg(long seq) {
        return new StoredMessage("la-gloria", "well-01", 1, seq, "telemetry", T.plusSeconds(seq), T.plusSeconds(seq),
                "{\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(300) + "\"}");
    }

    private void fill(int count) {
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            List<StoredMessage> batch = new ArrayList<>();
            for (int seq = 1; seq <= count; seq++) {
                batch.add(msg(seq));
            }
            s.write(new Batch(batch, List.of(new SequenceState("la-gloria", "well-01", 1, count, 0)), List.of(), List.of(),
                    List.of(), "{\"alerts\":[]}"));
        }
    }

    private List<Path> corruptCopies() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("gateway.db.corrupt-")).sorted().toList();
        }
    }

    @Test
    void aGarbageFileIsMovedAsideWholeAndAFreshDatabaseStarts() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new Random(9).nextBytes(garbage);
        Files.write(dir.resolve("gateway.db"), garbage);

        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            GatewayStore.Recovery r = s.recovery().orElseThrow();
            assertThat(r.problem()).contains("not a database");
            assertThat(r.salvaged("messages")).isZero();
            assertThat(Files.readAllBytes(r.movedTo())).isEqualTo(garbage);
            assertThat(s.countMessages()).isZero();
            assertThat(s.write(new Batch(List.of(msg(1)), List.of(), List.of(), List.of(), List.of(), null))).containsExactly(true);
        }
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            assertThat(s.recovery()).as("the fresh database is whole: nothing to recover the next time").isEmpty();
            assertThat(s.countMessages()).isEqualTo(1);
        }
        assertThat(corruptCopies()).hasSize(1);
    }

    @Test
    void aTruncatedFileIsMovedAsideAndEveryRowBeforeTheCutIsKept() throws Exception {
        fill(3000);
        Path db = dir.resolve("gateway.db");
        long size = Files.size(db);
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.truncate(size * 6 / 10);
        }
        long truncated = Files.size(db);

        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            GatewayStore.Recovery r = s.recovery().orElseThrow();
            assertThat(r.problem()).startsWith("truncated: " + truncated + " bytes");
            assertThat(Files.size(r.movedTo())).isEqualTo(truncated);
            long kept = r.salvaged("messages");
            System.out.printf("truncated to 60 %%: %d of 3000 messages salvaged, %d watermark(s)%n", kept, r.salvaged("sequences"));
            assertThat(kept).isPositive().isLessThan(3000);
            assertThat(s.countMessages()).isEqualTo(kept);
            // what was kept is whole, and filed
            List<StoredMessage> stored = s.messages("la-gloria", "well-01", "telemetry");
            assertThat(stored).allSatisfy(m -> {
                assertThat(m.body()).isEqualTo(msg(m.seq()).body());
                assertThat(m.filedAt()).isEqualTo(m.ts());
            });
        }
    }

    @Test
    void aDatabaseOfTheFirstReleaseGainsTheFilingColumnsAndKeepsItsRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE messages (site TEXT NOT NULL, node TEXT NOT NULL, boot INTEGER NOT NULL, seq INTEGER NOT NULL, "
                    + "kind TEXT NOT NULL, ts TEXT NOT NULL, received TEXT NOT NULL, body TEXT NOT NULL, "
                    + "PRIMARY KEY (site, node, boot, seq)) WITHOUT ROWID");
            s.execute("INSERT INTO messages VALUES ('la-gloria','well-01',1,1,'telemetry','2026-11-27T12:00:01Z','2026-11-27T12:00:02Z','{}')");
        }
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            assertThat(s.recovery()).isEmpty();
            assertThat(s.messages("la-gloria", "well-01", "telemetry")).singleElement().satisfies(m -> {
                assertThat(m.synced()).isTrue();
                assertThat(m.filedAt()).isEqualTo(Instant.parse("2026-11-27T12:00:01Z"));
                assertThat(m.filedBy()).isEqualTo(FiledBy.NODE_CLOCK);
            });
        }
    }

    @Test
    void aDatabaseWithTheIndexByTsLosesItAndReadsByFilingTimeThroughItsIndex() throws Exception {
        fill(10);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX messages_by_time ON messages (site, kind, ts)"); // as every release before this one made it
        }
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            assertThat(s.countMessages()).isEqualTo(10);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' "
                    + "AND sql IS NOT NULL")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertThat(indexes).containsExactly("messages_by_filing");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + StoredRows.COUNT_FILED.replace("?", "'x'"))) {
                while (rs.next()) {
                    plan.append(rs.getString("detail"));
                }
            }
            assertThat(plan.toString()).contains("messages_by_filing");
        }
    }

    @Test
    void refilingMovesAllUnsyncedMessagesOfTheBootAndOnlyThose() {
        Instant epoch = Instant.EPOCH;
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            List<StoredMessage> batch = new ArrayList<>();
            for (int seq = 1; seq <= 3; seq++) {
                Instant ts = epoch.plusSeconds(60L * seq);
                batch.add(new StoredMessage("la-gloria", "well-01", 4, seq, "telemetry", ts, T, "{}", false, T, FiledBy.ARRIVAL));
            }
            batch.add(new StoredMessage("la-gloria", "well-01", 4, 4, "telemetry", T.minusSeconds(60), T, "{}"));
            long offset = java.time.Duration.between(epoch, T.minusSeconds(300)).toMillis();
            s.write(new Batch(batch, List.of(), List.of(), List.of(), List.of(), null,
                    List.of(new BootClock("la-gloria", "well-01", 4, 1, 3, 180_000, 4, T.minusSeconds(60).toEpochMilli(), offset, offset)),
                    List.of(new Refile("la-gloria", "well-01", 4, offset, FiledBy.NEXT_SYNCED))));

            List<StoredMessage> stored = s.messages("la-gloria", "well-01", "telemetry");
            assertThat(stored).extracting(StoredMessage::filedAt).containsExactly(T.minusSeconds(240), T.minusSeconds(180),
                    T.minusSeconds(120), T.minusSeconds(60));
            assertThat(stored).extracting(StoredMessage::filedBy).containsExactly(FiledBy.NEXT_SYNCED, FiledBy.NEXT_SYNCED,
                    FiledBy.NEXT_SYNCED, FiledBy.NODE_CLOCK);
            assertThat(s.countFiled("la-gloria", "telemetry", T.minusSeconds(3600), T)).isEqualTo(4);
            assertThat(s.countFiled("la-gloria", "telemetry", Instant.EPOCH, Instant.parse("1971-01-01T00:00:00Z"))).isZero();
            assertThat(s.bootClocks()).singleElement().extracting(BootClock::lastUnsyncedSeq).isEqualTo(3L);
        }
    }
}
