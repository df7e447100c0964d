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
}
