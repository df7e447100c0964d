package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.time.Scheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain messages wait for a fuller batch before they go to the store (a commit costs the same whatever it
 * holds); what raises an alert, and a full batch, do not wait.
 */
class BatchGatheringTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TOPIC = "wp/v1/la-gloria/well-01/telemetry";
    private static final RuleBook BIG_DRAW = RuleBook.parse("test-rules.conf", """
            [rule big_draw]
            kind     = threshold
            severity = warning
            metric   = litres
            above    = 100
            for      = 0s
            message  = {node} drew {value} L
            """);
    @TempDir
    Path dir;
    private final Scheduler scheduler = Scheduler.system("batch-gathering-test");
    private final KeepingUplink uplink = new KeepingUplink();

    /** Counts the batches that hold messages. */
    private static final class CountingStore extends DelegatingStore {
        final List<Integer> batches = new CopyOnWriteArrayList<>();

        CountingStore(GatewayStore store) {
            super(store);
        }

        @Override
        public boolean[] write(Batch batch) {
            if (!batch.messages().isEmpty()) {
                batches.add(batch.messages().size());
            }
            return super.write(batch);
        }
    }

    private GatewayStore sqlite;
    private CountingStore store;
    private GatewayIngest ingest;

    /** An ingest on SQLite that gathers for an hour, so that only a full batch or an urgent message makes a batch go. */
    @BeforeEach
    void start() {
        sqlite = GatewayStore.sqlite(dir);
        store = new CountingStore(sqlite);
        ingest = new GatewayIngest("gw-1", store, BIG_DRAW, uplink, scheduler, dir.resolve("echoes"));
        ingest.gatherFor(Duration.ofHours(1));
        ingest.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        ingest.close();
        sqlite.close();
        scheduler.close();
    }

    private static byte[] telemetry(long seq, double litres) {
        return ("{\"v\":1,\"site\":\"la-gloria\",\"node\":\"well-01\",\"boot\":1,\"seq\":" + seq
                + ",\"ts\":\"2026-11-27T12:" + String.format("%02d", seq % 60) + ":00.000Z\",\"clock\":\"synced\",\"interval_s\":60,"
                + "\"litres\":" + litres + ",\"total_litres\":2,\"cartridge_litres\":3,\"sensor\":\"ok\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainMessagesWaitForAFullerBatchAndAFlushSendsThemInOne() throws Exception {
        for (long seq = 1; seq <= 3; seq++) {
            ingest.offer(TOPIC, telemetry(seq, 1));
            long taken = seq;
            await().atMost(WAIT).until(() -> ingest.stats().counters().get("accepted") >= taken);
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(store.batches::isEmpty);
        ingest.flush(WAIT);
        assertThat(store.batches).containsExactly(3);
        assertThat(sqlite.countMessages("la-gloria", "well-01")).isEqualTo(3);
    }

    @Test
    void aMessageThatRaisesAnAlertIsWrittenAtOnceWithWhatWaitedBeforeIt() {
        ingest.offer(TOPIC, telemetry(1, 1));
        await().atMost(WAIT).until(() -> ingest.stats().counters().get("accepted") == 1);
        ingest.offer(TOPIC, telemetry(2, 500));
        await().atMost(WAIT).until(() -> !store.batches.isEmpty());
        assertThat(store.batches).containsExactly(2);
        await().atMost(WAIT).until(() -> uplink.published.stream().anyMatch(o -> o.topic().equals(
                "wp/v1/la-gloria/alerts/active/big_draw.well-01")));
    }

    @Test
    void aFullBatchGoesWithoutWaiting() {
        int full = 1_000;
        for (long seq = 1; seq <= full; seq++) {
            ingest.offer(TOPIC, telemetry(seq, 1));
        }
        await().atMost(WAIT).until(() -> store.batches.stream().mapToInt(Integer::intValue).sum() >= full);
        assertThat(store.batches).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(full));
    }
}
