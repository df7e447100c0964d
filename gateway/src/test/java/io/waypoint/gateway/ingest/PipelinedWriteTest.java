package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest thread builds the next batch while the store's thread writes the last: what a node is
 * told is stored must still be only what is written.
 */
class PipelinedWriteTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TOPIC = "wp/v1/la-gloria/well-01/telemetry";
    private static final String ACKS = "wp/v1/la-gloria/well-01/ack";
    @TempDir
    Path dir;
    private final Scheduler scheduler = Scheduler.system("pipelined-write-test");
    private final KeepingUplink uplink = new KeepingUplink();

    /** Its first write waits for {@link #release}, then succeeds or fails as told; later writes go straight through. */
    private static final class HeldFirstWrite extends DelegatingStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        final AtomicLong firstBatchTopSeq = new AtomicLong();
        private final boolean fail;

        HeldFirstWrite(GatewayStore store, boolean fail) {
            super(store);
            this.fail = fail;
        }

        @Override
        public boolean[] write(Batch batch) {
            if (writes.incrementAndGet() == 1) {
                batch.messages().forEach(m -> firstBatchTopSeq.accumulateAndGet(m.seq(), Math::max));
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (fail) {
                    throw new StoreException("the card refused the write (staged by the test)", null);
                }
            }
            return super.write(batch);
        }
    }

    @AfterEach
    void tearDown() {
        scheduler.close();
    }

    private static byte[] telemetry(long seq) {
        return ("{\"v\":1,\"site\":\"la-gloria\",\"node\":\"well-01\",\"boot\":1,\"seq\":" + seq + ",\"first_seq\":1"
                + ",\"ts\":\"2026-11-27T12:40:00.000Z\",\"clock\":\"synced\",\"interval_s\":60,\"litres\":1,\"total_litres\":2,"
                + "\"cartridge_litres\":3,\"sensor\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Seqs 1..3, then (once the store holds their write) 4..6, offered as a node sends them. 1..3 are queued before
     * the ingest starts, so its first batch is all three: offered to a running ingest, a slow machine let it take seq
     * 1 alone and 2..3 with 4..6 after the held write had failed, which stores them, rightly, on the reloaded state.
     */
    private static void startAndSendSixWhileTheFirstWriteIsHeld(GatewayIngest ingest, HeldFirstWrite store)
            throws InterruptedException {
        for (long seq = 1; seq <= 3; seq++) {
            ingest.offer(TOPIC, telemetry(seq));
        }
        ingest.start();
        assertThat(store.entered.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(store.firstBatchTopSeq.get()).as("the first batch holds 1..3").isEqualTo(3);
        for (long seq = 4; seq <= 6; seq++) {
            ingest.offer(TOPIC, telemetry(seq)); // validated and evaluated while the first batch is being written
        }
    }

    private List<Long> ackedSeqs() {
        return uplink.published.stream().filter(o -> o.topic().equals(ACKS)).map(o -> {
            try {
                return WireCodec.decodeAck(o.payload()).seq();
            } catch (io.waypoint.wire.WireFormatException e) {
                throw new AssertionError("the gateway sent an ack its own codec cannot read", e);
            }
        }).toList();
    }

    @Test
    void aBatchIsAcknowledgedOnlyOnceWrittenThoughTheNextWasBuiltMeanwhile() throws Exception {
        try (GatewayStore sqlite = GatewayStore.sqlite(dir)) {
            HeldFirstWrite store = new HeldFirstWrite(sqlite, false);
            GatewayIngest ingest = new GatewayIngest("gw-1", store, RuleBook.defaults(), uplink, scheduler, dir.resolve("echoes"));
            try {
                startAndSendSixWhileTheFirstWriteIsHeld(ingest, store);
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> ackedSeqs().isEmpty());

                store.release.countDown();
                await().atMost(WAIT).until(() -> ackedSeqs().contains(6L));
                assertThat(ackedSeqs().get(0)).as("the first ack covers the first written batch, not what was built after it")
                        .isEqualTo(store.firstBatchTopSeq.get());
                assertThat(sqlite.countMessages("la-gloria", "well-01")).isEqualTo(6);
            } finally {
                ingest.close();
            }
        }
    }

    @Test
    void aFailedWriteAcknowledgesNeitherItNorTheBatchBuiltMeanwhileAndTheResendsAreStored() throws Exception {
        try (GatewayStore sqlite = GatewayStore.sqlite(dir)) {
            HeldFirstWrite store = new HeldFirstWrite(sqlite, true);
            GatewayIngest ingest = new GatewayIngest("gw-1", store, RuleBook.defaults(), uplink, scheduler, dir.resolve("echoes"));
            try {
                startAndSendSixWhileTheFirstWriteIsHeld(ingest, store);
                store.release.countDown();
                await().atMost(WAIT).until(() -> ingest.stats().counters().get("store_failures") == 1);
                ingest.flush(WAIT);
                assertThat(ackedSeqs()).as("nothing acknowledged: neither the failed batch nor the one built on it").isEmpty();
                // seqs 4..6 may be written after the failure, if the ingest took them after it: they wait, unacknowledged,
                // for 1..3; none of 1..3 is written
                assertThat(sqlite.messages("la-gloria", "well-01", "telemetry")).allMatch(m -> m.seq() >= 4);

                for (long seq = 1; seq <= 6; seq++) {
                    ingest.offer(TOPIC, telemetry(seq)); // the node resends what it has no ack for
                }
                await().atMost(WAIT).until(() -> ackedSeqs().contains(6L));
                assertThat(sqlite.countMessages("la-gloria", "well-01")).isEqualTo(6);
                assertThat(ingest.stats().counters()).containsEntry("stored", 6L);
            } finally {
                ingest.close();
            }
        }
    }
}
