package io.waypoint.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.Publication;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.testkit.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every store promises, run against SQLite and against a real PostgreSQL the test starts. */
class GatewayStoreTest {
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    @TempDir
    static Path serverDir;
    private static PostgresServer postgres;
    @TempDir
    Path dir;

    enum Kind { SQLITE, POSTGRES }

    /** Opens the test's store; each call opens the same data again. */
    private Supplier<GatewayStore> stores(Kind kind) {
        if (kind == Kind.SQLITE) {
            return () -> GatewayStore.sqlite(dir);
        }
        synchronized (GatewayStoreTest.class) {
            if (postgres == null) {
                postgres = PostgresServer.start(serverDir.resolve("pg"));
            }
        }
        String url = postgres.freshDatabase();
        return () -> GatewayStore.postgres(url, PostgresServer.USER, PostgresServer.PASSWORD.toCharArray());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static StoredMessage msg(long boot, long seq) {
        return new StoredMessage("la-gloria", "well-01", boot, seq, "telemetry", T.plusSeconds(seq), T, "{\"seq\":" + seq + "}");
    }

    private static Batch messages(StoredMessage... m) {
        return new Batch(List.of(m), List.of(), List.of(), List.of(), List.of(), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void storesEachMessageOnceAndSaysWhichWereNew(Kind kind) {
        try (GatewayStore s = stores(kind).get()) {
            assertThat(s.write(messages(msg(1, 1), msg(1, 2)))).containsExactly(true, true);
            assertThat(s.write(messages(msg(1, 2), msg(1, 3), msg(2, 2)))).containsExactly(false, true, true);
            assertThat(s.countMessages()).isEqualTo(4);
            assertThat(s.messages("la-gloria", "well-01", "telemetry")).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L, 2L);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everythingSurvivesReopening(Kind kind) {
        Supplier<GatewayStore> store = stores(kind);
        try (GatewayStore s = store.get()) {
            s.write(new Batch(List.of(msg(1, 1)), List.of(new SequenceState("la-gloria", "well-01", 1, 1, 0)),
                    List.of(new NodeState("la-gloria", "well-01", 1, true, T, T)), List.of(),
                    List.of(new Publication(0, "wp/v1/la-gloria/alerts/events", "{}".getBytes(StandardCharsets.UTF_8), false)),
                    "{\"alerts\":[]}"));
        }
        try (GatewayStore s = store.get()) {
            assertThat(s.countMessages("la-gloria", "well-01")).isEqualTo(1);
            assertThat(s.sequences()).containsExactly(new SequenceState("la-gloria", "well-01", 1, 1, 0));
            assertThat(s.nodes()).containsExactly(new NodeState("la-gloria", "well-01", 1, true, T, T));
            assertThat(s.engineSnapshot()).contains("{\"alerts\":[]}");
            List<Publication> pending = s.pendingPublications();
            assertThat(pending).hasSize(1);
            assertThat(new String(pending.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
            s.published(List.of(pending.get(0).id()));
            assertThat(s.pendingPublications()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aNodeStateWithoutMessageTimeKeepsTheLastOne(Kind kind) {
        try (GatewayStore s = stores(kind).get()) {
            s.write(new Batch(List.of(), List.of(), List.of(new NodeState("s", "n", 1, true, T, T)), List.of(), List.of(), null));
            s.write(new Batch(List.of(), List.of(), List.of(new NodeState("s", "n", 1, false, T.plusSeconds(5), null)), List.of(), List.of(), null));
            assertThat(s.nodes()).containsExactly(new NodeState("s", "n", 1, false, T.plusSeconds(5), T));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void alertHistoryIsKeptPerSiteInOrderAndPublicationsOldestFirst(Kind kind) {
        try (GatewayStore s = stores(kind).get()) {
            s.write(new Batch(List.of(), List.of(), List.of(),
                    List.of(new GatewayStore.AlertRecord("a", "k1", "raised", T, "{1}"),
                            new GatewayStore.AlertRecord("b", "k2", "raised", T, "{2}"),
                            new GatewayStore.AlertRecord("a", "k1", "resolved", T.plusSeconds(60), "{3}")),
                    List.of(new Publication(0, "t1", new byte[] {1}, true), new Publication(0, "t2", new byte[0], false)), null));
            assertThat(s.alertHistory("a")).extracting(GatewayStore.AlertRecord::state).containsExactly("raised", "resolved");
            assertThat(s.alertHistory("b")).extracting(GatewayStore.AlertRecord::json).containsExactly("{2}");
            List<Publication> pending = s.pendingPublications();
            assertThat(pending).extracting(Publication::topic).containsExactly("t1", "t2");
            assertThat(pending.get(0).retained()).isTrue();
            assertThat(pending.get(1).payload()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reportsCountByFilingTimeAndRefilingMovesUnsyncedMessages(Kind kind) {
        Instant epoch = Instant.parse("1970-01-01T00:00:10Z");
        StoredMessage unsynced = new StoredMessage("s", "n", 1, 1, "telemetry", epoch, T, "{}", false, epoch,
                GatewayStore.FiledBy.ARRIVAL);
        try (GatewayStore s = stores(kind).get()) {
            s.write(messages(unsynced, new StoredMessage("s", "n", 1, 2, "telemetry", T, T, "{}")));
            assertThat(s.countFiled("s", "telemetry", T.minusSeconds(3600), T.plusSeconds(1))).isEqualTo(1);
            long offset = T.toEpochMilli() - epoch.toEpochMilli() - 5_000;
            s.write(new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(),
                    List.of(new GatewayStore.Refile("s", "n", 1, offset, GatewayStore.FiledBy.NEXT_SYNCED))));
            assertThat(s.countFiled("s", "telemetry", T.minusSeconds(3600), T.plusSeconds(1))).isEqualTo(2);
            StoredMessage refiled = s.messages("s", "n", "telemetry").get(0);
            assertThat(refiled.filedAt()).isEqualTo(T.minusSeconds(5));
            assertThat(refiled.filedBy()).isEqualTo(GatewayStore.FiledBy.NEXT_SYNCED);
            assertThat(refiled.ts()).isEqualTo(epoch);
            assertThat(refiled.synced()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void bootClockEvidenceIsKeptAndReplaced(Kind kind) {
        try (GatewayStore s = stores(kind).get()) {
            GatewayStore.BootClock first = new GatewayStore.BootClock("s", "n", 1, 100, 3, 30, Long.MAX_VALUE, 0, 90, 110);
            GatewayStore.BootClock better = new GatewayStore.BootClock("s", "n", 1, 80, 4, 40, 5, 50, 80, 110);
            s.write(new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(first), List.of()));
            assertThat(s.bootClocks()).containsExactly(first);
            s.write(new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), null, List.of(better), List.of()));
            assertThat(s.bootClocks()).containsExactly(better);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSitesMessagesFiledInAPeriodComeOneKindAtATimeByNodeBootAndSeq(Kind kind) {
        try (GatewayStore s = stores(kind).get()) {
            s.write(messages(
                    new StoredMessage("s", "well-01", 2, 1, "telemetry", T.plusSeconds(30), T, "{\"w2\":1}"),
                    new StoredMessage("s", "well-01", 1, 7, "telemetry", T.plusSeconds(10), T, "{\"w1\":7}"),
                    new StoredMessage("s", "kiosk-01", 1, 1, "telemetry", T, T, "{\"k\":1}"),
                    new StoredMessage("s", "kiosk-01", 1, 2, "event", T.plusSeconds(1), T, "{\"e\":2}"),
                    new StoredMessage("s", "kiosk-01", 1, 3, "telemetry", T.plusSeconds(3600), T, "{\"late\":3}"),
                    new StoredMessage("s", "kiosk-01", 1, 4, "telemetry", T.minusMillis(1), T, "{\"early\":4}"),
                    new StoredMessage("other", "well-01", 1, 1, "telemetry", T, T, "{\"o\":1}")));
            List<StoredMessage> got = new java.util.ArrayList<>();
            s.forEachFiled("s", "telemetry", T, T.plusSeconds(3600), got::add);
            assertThat(got).extracting(StoredMessage::body).containsExactly("{\"k\":1}", "{\"w1\":7}", "{\"w2\":1}");
            assertThat(got.get(1).filedAt()).isEqualTo(T.plusSeconds(10));
        }
    }

    @org.junit.jupiter.api.Test
    void aReadOnlySqliteStoreReadsBesideAWriterAndChangesNothing() {
        try (GatewayStore writer = GatewayStore.sqlite(dir)) {
            writer.write(messages(msg(1, 1)));
            try (GatewayStore reader = GatewayStore.sqliteReadOnly(dir)) {
                writer.write(messages(msg(1, 2))); // committed after the reader opened: it sees it
                List<StoredMessage> got = new java.util.ArrayList<>();
                reader.forEachFiled("la-gloria", "telemetry", T, T.plusSeconds(60), got::add);
                assertThat(got).extracting(StoredMessage::seq).containsExactly(1L, 2L);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.write(messages(msg(1, 3))))
                        .isInstanceOf(StoreException.class);
            }
            assertThat(writer.countMessages()).isEqualTo(2);
        }
    }

    @org.junit.jupiter.api.Test
    void aReadOnlySqliteStoreWhereThereIsNoneNamesTheFileAndTheOption() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatewayStore.sqliteReadOnly(dir.resolve("nothing")))
                .isInstanceOf(StoreException.class).hasMessageContaining("gateway.db").hasMessageContaining("--data");
        assertThat(dir.resolve("nothing")).doesNotExist();
    }
}
