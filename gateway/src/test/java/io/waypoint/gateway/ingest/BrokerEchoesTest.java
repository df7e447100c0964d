package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.Publication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerEchoesTest {
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";

    @TempDir
    Path dir;

    private static Publication row(long id, String json) {
        return new Publication(id, EVENTS, json.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void aRowIsTakenOnlyWhenItsOwnTopicAndPayloadCameBack() {
        BrokerEchoes echoes = BrokerEchoes.inMemory(10);
        echoes.seen(EVENTS, "{\"key\":\"a\",\"state\":\"raised\"}".getBytes(StandardCharsets.UTF_8), false);
        List<Publication> pending = List.of(row(1, "{\"key\":\"a\",\"state\":\"raised\"}"), row(2, "{\"key\":\"a\",\"state\":\"resolved\"}"),
                new Publication(3, "wp/v1/other/alerts/events", "{\"key\":\"a\",\"state\":\"raised\"}".getBytes(StandardCharsets.UTF_8), false));
        assertThat(echoes.takenFrom(pending)).extracting(Publication::id).containsExactly(1L);
    }

    @Test
    void theEchoOfAnEarlierResolvesClearDoesNotPassALaterOneOffAsTakenButALaterRowsEchoDoes() {
        String active = "wp/v1/la-gloria/alerts/active/turbidity_unsafe.well-01";
        BrokerEchoes echoes = BrokerEchoes.durable(dir.resolve("echoes"), 10);
        echoes.seen(active, new byte[0], false); // the first resolve's clear came back
        Publication laterClear = new Publication(7, active, new byte[0], true);
        assertThat(echoes.takenFrom(List.of(laterClear))).isEmpty();
        assertThat(echoes.size()).isZero();
        // but a raise of the same key after the clear came back: the broker took the clear before it
        String raisedAgain = "{\"key\":\"turbidity_unsafe.well-01\",\"state\":\"raised\",\"at\":\"2026-11-27T13:00:00Z\"}";
        echoes.seen(active, raisedAgain.getBytes(StandardCharsets.UTF_8), false);
        Publication raise = new Publication(8, active, raisedAgain.getBytes(StandardCharsets.UTF_8), true);
        assertThat(echoes.takenFrom(List.of(laterClear, raise, row(9, "{\"n\":9}")))).extracting(Publication::id).containsExactly(7L, 8L);
    }

    @Test
    void whatAnEarlierLifeSawCountsAfterARestartButRetainedCopiesAreNotWritten() {
        Path file = dir.resolve("alert-echoes");
        BrokerEchoes first = BrokerEchoes.durable(file, 10);
        first.seen(EVENTS, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), false);
        first.seen(EVENTS, "{\"n\":2}".getBytes(StandardCharsets.UTF_8), true);
        first.close();

        BrokerEchoes next = BrokerEchoes.durable(file, 10);
        assertThat(next.takenFrom(List.of(row(1, "{\"n\":1}"), row(2, "{\"n\":2}")))).extracting(Publication::id).containsExactly(1L);
    }

    @Test
    void forgetsTheOldestFirstAndKeepsItsFileWithinTwiceItsCapacity() throws Exception {
        Path file = dir.resolve("alert-echoes");
        BrokerEchoes echoes = BrokerEchoes.durable(file, 3);
        for (int i = 1; i <= 20; i++) {
            echoes.seen(EVENTS, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), false);
        }
        echoes.close();
        assertThat(echoes.size()).isEqualTo(3);
        assertThat(Files.readAllLines(file).size()).isLessThanOrEqualTo(6);
        BrokerEchoes next = BrokerEchoes.durable(file, 3);
        assertThat(next.takenFrom(List.of(row(17, "{\"n\":17}")))).as("forgotten").isEmpty();
        assertThat(next.takenFrom(List.of(row(18, "{\"n\":18}"), row(20, "{\"n\":20}")))).extracting(Publication::id)
                .containsExactly(18L, 20L);
    }

    @Test
    void aLineCutShortByAPowerCutCostsOnlyThatProof() throws Exception {
        Path file = dir.resolve("alert-echoes");
        BrokerEchoes first = BrokerEchoes.durable(file, 10);
        first.seen(EVENTS, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), false);
        first.close();
        Files.writeString(file, "0123abc", java.nio.file.StandardOpenOption.APPEND);

        BrokerEchoes next = BrokerEchoes.durable(file, 10);
        assertThat(next.size()).isEqualTo(1);
        assertThat(next.takenFrom(List.of(row(1, "{\"n\":1}")))).hasSize(1);
        next.seen(EVENTS, "{\"n\":2}".getBytes(StandardCharsets.UTF_8), false); // on a line of its own
        next.close();
        assertThat(BrokerEchoes.durable(file, 10).takenFrom(List.of(row(1, "{\"n\":1}"), row(2, "{\"n\":2}")))).hasSize(2);
    }
}
