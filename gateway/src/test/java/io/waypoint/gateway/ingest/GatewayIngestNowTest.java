package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.time.ManualScheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.wire.Reject;
import io.waypoint.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest driven on the test's thread, without a broker: what one message does to its counters. */
class GatewayIngestNowTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:45:00Z");

    private static byte[] telemetry(String node, String seq, String firstSeq) {
        return ("{\"v\":1,\"site\":\"la-gloria\",\"node\":\"" + node + "\",\"boot\":1,\"seq\":" + seq + ",\"first_seq\":" + firstSeq
                + ",\"ts\":\"2026-11-27T12:40:00.000Z\",\"clock\":\"synced\",\"interval_s\":60,\"litres\":1,\"total_litres\":2,"
                + "\"cartridge_litres\":3,\"sensor\":\"ok\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageOfThousandsOfBadMembersGetsARejectItsOwnCodecReads(@TempDir Path dir) throws Exception {
        // found by the fuzz harness: the reject repeated a 25 kB key and every reason, 154 kB in all
        StringBuilder payload = new StringBuilder("{\"bo" + "\u0007".repeat(25_000) + "ot\":{\"d\":-1e999}");
        for (int i = 0; i < 2_000; i++) {
            payload.append(",\"phone_").append(i).append("\":1");
        }
        payload.append('}');
        try (GatewayStore store = GatewayStore.sqlite(dir)) {
            KeepingUplink uplink = new KeepingUplink();
            GatewayIngest ingest = new GatewayIngest("gw-1", store, RuleBook.defaults(), uplink, new ManualScheduler(NOW), 1);
            ingest.ingestNow("wp/v1/la-gloria/well-01/telemetry", payload.toString().getBytes(StandardCharsets.UTF_8));
            Outgoing reject = uplink.published.stream().filter(o -> o.topic().equals("wp/v1/_gateway/gw-1/rejects")).findFirst()
                    .orElseThrow();
            assertThat(reject.payload().length).isLessThan(8 * 1024);
            assertThat(WireCodec.decodeReject(reject.payload()).reasons()).hasSize(Reject.MAX_REASONS);
        }
    }

    @Test
    void gapsClaimedBeyondWhatALongCountsStopTheCounterAtItsTopNotBelowZero(@TempDir Path dir) {
        // found by the fuzz harness: first_seq 9223372036854775806 counted that many lost, the next gap wrapped
        // the counter negative, and stats() (so every stats publication) threw from then on
        try (GatewayStore store = GatewayStore.sqlite(dir)) {
            KeepingUplink uplink = new KeepingUplink();
            GatewayIngest ingest = new GatewayIngest("gw-1", store, RuleBook.defaults(), uplink, new ManualScheduler(NOW), 1);
            ingest.ingestNow("wp/v1/la-gloria/well-01/telemetry", telemetry("well-01", "9223372036854775807", "9223372036854775806"));
            ingest.ingestNow("wp/v1/la-gloria/well-02/telemetry", telemetry("well-02", "9", "8"));
            assertThat(ingest.stats().counters()).containsEntry("gaps", Long.MAX_VALUE).containsEntry("accepted", 2L);
            ingest.publishStats();
            assertThat(uplink.published).anyMatch(o -> o.topic().equals("wp/v1/_gateway/gw-1/stats"));
        }
    }
}
