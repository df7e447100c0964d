package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.FiledBy;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board without RTC boots in 1970 and NTP sets its clock later: the node says {@code unsynced}
 * until then, and the gateway stores every reading, none under 1970, each on the real day, in the
 * order it was made. Twice: a boot that reports live, and one that was offline until after the
 * jump, whose backlog then arrives all at once.
 */
class ClockJumpTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final int COUNT = 100;
    private static final int JUMP_AFTER = 50;
    private static final int RATE = 25;

    @TempDir
    Path dir;

    @Test
    void aBoardThatBootsIn1970IsFiledOnTheRealDayReportingLiveAndAfterAnOfflineStretch() throws Exception {
        Instant testStart = Instant.now();
        Instant liveJump;
        Instant offlineJump;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start()) {
            try (NodeProcess live = NodeProcess.start(dir.resolve("node"), broker.url(), "la-gloria", "well-09", COUNT, RATE, 2000,
                    "clock_1970_until=" + JUMP_AFTER)) {
                await("boot 1 acknowledged").atMost(LONG).until(live::done);
                liveJump = Instant.parse(live.after("clock jumped after seq " + JUMP_AFTER + " at").orElseThrow());
            }
            broker.kill();
            try (NodeProcess offline = NodeProcess.start(dir.resolve("node"), broker.url(), "la-gloria", "well-09", COUNT, RATE, 2000,
                    "clock_1970_until=" + JUMP_AFTER)) {
                await("boot 2 held offline").atMost(LONG).until(() -> offline.after("outbox dropped").isPresent());
                offlineJump = Instant.parse(offline.after("clock jumped after seq " + JUMP_AFTER + " at").orElseThrow());
                Thread.sleep(1500); // offline a while after the jump: arrival alone would file the backlog late
                broker.restart();
                await("boot 2 acknowledged").atMost(LONG).until(offline::done);
            }
            assertThat(gateway.stop()).isZero();
        }
        Instant testEnd = Instant.now();

        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw").resolve("data"))) {
            Map<Long, List<StoredMessage>> boots = store.messages("la-gloria", "well-09", "telemetry").stream()
                    .collect(Collectors.groupingBy(StoredMessage::boot, TreeMap::new, Collectors.toList()));
            assertThat(boots).hasSize(2);
            List<List<StoredMessage>> runs = List.copyOf(boots.values());
            List<Instant> jumps = List.of(liveJump, offlineJump);
            List<FiledBy> unsyncedFiledBy = List.of(FiledBy.ARRIVAL, FiledBy.NEXT_SYNCED);
            for (int b = 0; b < 2; b++) {
                List<StoredMessage> run = runs.get(b);
                assertThat(run).as("boot %d: every reading stored", b + 1).hasSize(COUNT);
                for (StoredMessage m : run) {
                    boolean beforeJump = m.seq() <= JUMP_AFTER;
                    assertThat(m.synced()).as("seq %d", m.seq()).isEqualTo(!beforeJump);
                    assertThat(m.body()).contains(beforeJump ? "\"clock\":\"unsynced\"" : "\"clock\":\"synced\"");
                    if (beforeJump) {
                        assertThat(m.ts()).as("the node's own stamp").isBefore(Instant.parse("1970-01-02T00:00:00Z"));
                        assertThat(m.filedBy()).isEqualTo(unsyncedFiledBy.get(b));
                    }
                    assertThat(m.filedAt()).as("boot %d seq %d filed in the test's time", b + 1, m.seq())
                            .isBetween(testStart.minusSeconds(1), testEnd);
                }
                for (int i = 1; i < run.size(); i++) {
                    assertThat(run.get(i).filedAt()).as("boot %d filed in the order made", b + 1).isAfterOrEqualTo(run.get(i - 1).filedAt());
                }
                // the last unsynced reading was made just before the jump: filed within a second of it
                Instant lastUnsynced = run.get(JUMP_AFTER - 1).filedAt();
                System.out.printf("boot %d: last unsynced reading filed %d ms from the jump, by %s%n", b + 1,
                        Duration.between(jumps.get(b), lastUnsynced).toMillis(), run.get(0).filedBy());
                assertThat(Duration.between(jumps.get(b), lastUnsynced).abs()).isLessThan(Duration.ofSeconds(1));
            }
            assertThat(store.countFiled("la-gloria", "telemetry", Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z")))
                    .as("nothing under 1970").isZero();
            assertThat(store.countFiled("la-gloria", "telemetry", testStart.minusSeconds(1), testEnd)).isEqualTo(2L * COUNT);
        }
    }
}
