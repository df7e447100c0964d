package io.waypoint.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.gateway.store.SharedGatewayStore.FeedEntry;
import io.waypoint.gateway.store.SharedGatewayStore.FeedItem;
import io.waypoint.gateway.store.SharedGatewayStore.Lead;
import io.waypoint.gateway.store.SharedGatewayStore.Touched;
import io.waypoint.gateway.store.SharedGatewayStore.Written;
import io.waypoint.testkit.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways sharing one PostgreSQL store (two stores on one database are two sessions, as two
 * gateway processes are): the store decides duplicates, watermarks, the feed and the lead.
 */
class SharedGatewayStoreTest {
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    @TempDir
    static Path serverDir;
    private static PostgresServer postgres;
    private String url;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start(serverDir.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        url = postgres.freshDatabase();
    }

    private SharedGatewayStore open() {
        return GatewayStore.postgres(url, PostgresServer.USER, PostgresServer.PASSWORD.toCharArray());
    }

    private static StoredMessage msg(String node, long seq) {
        return new StoredMessage("la-gloria", node, 1, seq, "telemetry", T.plusSeconds(seq), T, "{\"seq\":" + seq + "}");
    }

    /** What one gateway writes for these messages of one boot: each fed to the engine if new. */
    private static Written receive(SharedGatewayStore s, long firstHeld, StoredMessage... m) {
        List<FeedEntry> feed = new ArrayList<>();
        List<Touched> touched = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            feed.add(new FeedEntry("wp/v1/la-gloria/" + m[i].node() + "/telemetry", m[i].body().getBytes(StandardCharsets.UTF_8),
                    T, m[i].filedAt(), i));
            touched.add(new Touched(m[i].site(), m[i].node(), m[i].boot(), firstHeld));
        }
        return s.writeShared(new Batch(List.of(m), List.of(), List.of(), List.of(), List.of(), null), touched, feed);
    }

    private static long watermark(Written w, String node) {
        return w.sequences().stream().filter(s -> s.node().equals(node)).mapToLong(SequenceState::watermark).findFirst().orElseThrow();
    }

    @Test
    void theWatermarkComesFromWhatTheStoreHoldsNeverFromOneGatewaysShare() {
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            assertThat(watermark(receive(a, 0, msg("well-01", 1), msg("well-01", 3)), "well-01")).isEqualTo(1); // 2 not stored anywhere
            assertThat(watermark(receive(b, 0, msg("well-01", 2)), "well-01")).isEqualTo(3); // b sees a's 3
            assertThat(watermark(receive(a, 0, msg("well-01", 5)), "well-01")).isEqualTo(3);
            assertThat(a.sequences()).containsExactly(new SequenceState("la-gloria", "well-01", 1, 3, 0));
        }
    }

    @Test
    void aResendThatReachesTheOtherGatewayIsADuplicateAndFeedsTheEngineOnce() {
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            assertThat(receive(a, 0, msg("well-01", 1)).fresh()).containsExactly(true);
            Written again = receive(b, 0, msg("well-01", 1), msg("well-01", 2));
            assertThat(again.fresh()).containsExactly(false, true);
            assertThat(watermark(again, "well-01")).isEqualTo(2);
            assertThat(a.countMessages()).isEqualTo(2);
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.feed(100)).extracting(f -> new String(f.payload(), StandardCharsets.UTF_8))
                    .containsExactly("{\"seq\":1}", "{\"seq\":2}");
        }
    }

    @Test
    void seqsANodeGaveUpAreCountedLostOnceAndUncountedWhenTheyArriveAfterAll() {
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            receive(a, 0, msg("well-01", 1));
            // the node's outbox overflowed: it holds nothing below 5 any more; 3 is still on its way
            Written w = receive(b, 5, msg("well-01", 5));
            assertThat(w.sequences()).containsExactly(new SequenceState("la-gloria", "well-01", 1, 5, 3));
            Written late = receive(a, 5, msg("well-01", 3));
            assertThat(late.fresh()).containsExactly(true);
            assertThat(late.sequences()).containsExactly(new SequenceState("la-gloria", "well-01", 1, 5, 2));
        }
    }

    @Test
    void twoGatewaysWritingOneInterleavedStreamAtOnceStoreEverySeqOnceAndAckToTheEnd() throws Exception {
        int nodes = 4;
        int perNode = 400;
        Random random = new Random(7);
        // every message goes to one gateway or the other, a tenth of them to both (a resend), in batches of up to 20
        List<List<StoredMessage>> toA = new ArrayList<>();
        List<List<StoredMessage>> toB = new ArrayList<>();
        List<StoredMessage> all = new ArrayList<>();
        for (int seq = 1; seq <= perNode; seq++) {
            for (int n = 0; n < nodes; n++) {
                all.add(msg("well-0" + n, seq));
            }
        }
        List<StoredMessage> batchA = new ArrayList<>();
        List<StoredMessage> batchB = new ArrayList<>();
        for (StoredMessage m : all) {
            int to = random.nextInt(10);
            if (to == 0 || to % 2 == 0) {
                batchA.add(m);
            }
            if (to == 0 || to % 2 == 1) {
                batchB.add(m);
            }
            if (batchA.size() >= 1 + random.nextInt(20)) {
                Collections.shuffle(batchA, random); // a batch's messages come in any order
                toA.add(batchA);
                batchA = new ArrayList<>();
            }
            if (batchB.size() >= 1 + random.nextInt(20)) {
                Collections.shuffle(batchB, random);
                toB.add(batchB);
                batchB = new ArrayList<>();
            }
        }
        toA.add(batchA);
        toB.add(batchB);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            Callable<Long> runA = () -> feedAll(a, toA);
            Callable<Long> runB = () -> feedAll(b, toB);
            Future<Long> freshA = pool.submit(runA);
            Future<Long> freshB = pool.submit(runB);
            assertThat(freshA.get() + freshB.get()).isEqualTo(all.size()); // each stored once, by one of them
            assertThat(a.countMessages()).isEqualTo(all.size());
            // the last writer of each boot saw every seq the other had committed
            assertThat(a.sequences()).extracting(SequenceState::watermark).containsOnly((long) perNode).hasSize(nodes);
            // one more resend of each node's last message, as a node whose ack was lost sends it: acked to the end
            for (int n = 0; n < nodes; n++) {
                assertThat(watermark(receive(b, 0, msg("well-0" + n, perNode)), "well-0" + n)).isEqualTo(perNode);
            }
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            List<FeedItem> feed = a.feed(10_000);
            assertThat(feed).hasSize(all.size()); // the engine hears each message once
        } finally {
            pool.shutdownNow();
        }
    }

    private static long feedAll(SharedGatewayStore s, List<List<StoredMessage>> batches) {
        long fresh = 0;
        for (List<StoredMessage> batch : batches) {
            for (boolean f : receive(s, 0, batch.toArray(StoredMessage[]::new)).fresh()) {
                fresh += f ? 1 : 0;
            }
        }
        return fresh;
    }

    @Test
    void oneGatewayLeadsAtATimeAndTheNextTakesOverWhenItsSessionEnds() {
        try (SharedGatewayStore b = open()) {
            SharedGatewayStore a = open();
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.lead()).isEqualTo(Lead.LEADING);
            assertThat(b.lead()).isEqualTo(Lead.FOLLOWING);
            receive(b, 0, msg("well-01", 1));
            List<Long> ids = a.feed(10).stream().map(FeedItem::id).toList();
            assertThatThrownBy(() -> b.writeLed(snapshot("{\"by\":\"b\"}"), ids)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("no longer holds the alert lead");
            a.close(); // the process died: its session ends, a moment later at the server
            org.awaitility.Awaitility.await("the lead free once the server ended a's session").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> b.lead() == Lead.TOOK_OVER);
            assertThat(b.lead()).isEqualTo(Lead.LEADING);
            assertThat(b.feed(10)).extracting(FeedItem::id).isEqualTo(ids); // nothing was consumed by the refused write
            b.writeLed(snapshot("{\"by\":\"b\"}"), ids);
            assertThat(b.feed(10)).isEmpty();
            assertThat(b.engineSnapshot()).contains("{\"by\":\"b\"}");
        }
    }

    private static Batch snapshot(String s) {
        return new Batch(List.of(), List.of(), List.of(), List.of(), List.of(), s);
    }

    @Test
    void theFeedWaitsForAnEarlierTransactionStillWritingSoTheLeadReadsInCommitOrder() throws Exception {
        try (SharedGatewayStore a = open(); Connection slow = DriverManager.getConnection("jdbc:" + url, PostgresServer.USER, "")) {
            a.feed(1); // creates the tables
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                // a gateway whose transaction began writing first and commits last
                s.executeUpdate("INSERT INTO engine_feed (topic, payload, received) VALUES ('first', '\\x00', '" + T + "')");
            }
            receive(a, 0, msg("well-01", 1));
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.feed(10)).as("a later commit is held back until the earlier transaction ends").isEmpty();
            slow.commit();
            assertThat(a.feed(10)).extracting(FeedItem::topic).containsExactly("first", "wp/v1/la-gloria/well-01/telemetry");
        }
    }

    @Test
    void aNodesReadingsReachTheLeadInSeqOrderThoughTheGatewayHoldingTheLaterOnesCommitsFirst() {
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            receive(a, 0, msg("well-01", 1));
            // b's share of the stream holds the later seqs and begins writing first; a is still building its batch
            receive(b, 0, msg("well-01", 4), msg("well-01", 5));
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.feed(100)).as("4 and 5 wait until 2 and 3 are stored").extracting(FeedItem::payload)
                    .extracting(p -> new String(p, StandardCharsets.UTF_8)).containsExactly("{\"seq\":1}");
            receive(a, 0, msg("well-01", 2), msg("well-01", 3));
            assertThat(a.feed(100)).extracting(FeedItem::payload).extracting(p -> new String(p, StandardCharsets.UTF_8))
                    .containsExactly("{\"seq\":1}", "{\"seq\":2}", "{\"seq\":3}", "{\"seq\":4}", "{\"seq\":5}");
        }
    }

    @Test
    void readingsAboveSeqsTheNodeGaveUpAreNotHeldBackForThem() {
        try (SharedGatewayStore a = open(); SharedGatewayStore b = open()) {
            receive(a, 0, msg("well-01", 1));
            receive(b, 0, msg("well-01", 4));
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.feed(100)).hasSize(1);
            receive(b, 4, msg("well-01", 5)); // the node holds nothing below 4 any more: 2 and 3 will never come
            assertThat(a.feed(100)).extracting(FeedItem::payload).extracting(p -> new String(p, StandardCharsets.UTF_8))
                    .containsExactly("{\"seq\":1}", "{\"seq\":4}", "{\"seq\":5}");
        }
    }

    @Test
    void aFeedMadeBeforeItsRowsNamedTheirReadingGainsTheColumnsAndKeepsItsRowsInCommitOrder() throws Exception {
        try (Connection old = DriverManager.getConnection("jdbc:" + url, PostgresServer.USER, ""); Statement s = old.createStatement()) {
            s.execute("CREATE TABLE engine_feed (id BIGSERIAL PRIMARY KEY, xid XID8 NOT NULL DEFAULT pg_current_xact_id(), "
                    + "topic TEXT NOT NULL, payload BYTEA NOT NULL, received TEXT NOT NULL, filed_at TEXT)");
            s.executeUpdate("INSERT INTO engine_feed (topic, payload, received, filed_at) VALUES "
                    + "('wp/v1/la-gloria/well-01/telemetry', '\\x7b7d', '" + T + "', '" + T + "')");
        }
        try (SharedGatewayStore a = open()) {
            receive(a, 0, msg("well-01", 1));
            assertThat(a.lead()).isEqualTo(Lead.TOOK_OVER);
            assertThat(a.feed(100)).extracting(FeedItem::payload).extracting(p -> new String(p, StandardCharsets.UTF_8))
                    .containsExactly("{}", "{\"seq\":1}");
        }
    }

    @Test
    void gatewaysStartingTogetherOnAnEmptyDatabaseAllOpenIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String empty = postgres.freshDatabase();
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<Future<Long>> opened = new ArrayList<>();
                for (int g = 0; g < 4; g++) {
                    opened.add(pool.submit(() -> {
                        go.await();
                        try (SharedGatewayStore s = GatewayStore.postgres(empty, PostgresServer.USER, null)) {
                            return s.countMessages();
                        }
                    }));
                }
                go.countDown();
                for (Future<Long> f : opened) {
                    assertThat(f.get()).isZero();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWrongLoginNamesTheDatabaseAndUserNeverThePassword() {
        String wrongDb = url.substring(0, url.lastIndexOf('/')) + "/no_such_db";
        assertThatThrownBy(() -> GatewayStore.postgres(wrongDb, "waypoint", "s3cret-pw".toCharArray()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(wrongDb).hasMessageContaining("waypoint").hasMessageContaining("check store.url")
                .hasMessageNotContaining("s3cret-pw");
    }

    @Test
    void anUrlThatIsNotPostgresqlIsRefusedWithWhatItMustBe() {
        assertThatThrownBy(() -> GatewayStore.postgres("mysql://h/db", null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://").hasMessageContaining("mysql://h/db");
    }
}
