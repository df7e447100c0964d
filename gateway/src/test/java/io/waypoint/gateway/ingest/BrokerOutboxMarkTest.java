package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.Publication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerOutboxMarkTest {
    private static Publication row(long id, String payload) {
        return new Publication(id, "wp/v1/la-gloria/alerts/events", payload.getBytes(StandardCharsets.UTF_8), false);
    }

    private final List<Publication> pending = List.of(row(7, "{\"state\":\"raised\"}"), row(8, "{\"state\":\"raised\",\"x\":1}"),
            row(9, "{\"state\":\"resolved\"}"));

    @Test
    void readsBackWhatItPublishes() {
        BrokerOutboxMark mark = BrokerOutboxMark.after(pending.get(1));
        assertThat(BrokerOutboxMark.parse(mark.payload())).contains(mark);
        assertThat(mark.through()).isEqualTo(8);
    }

    @Test
    void theBrokerTookEveryPendingRowUpToTheMarkedOne() {
        assertThat(BrokerOutboxMark.after(pending.get(1)).takenFrom(pending)).extracting(Publication::id).containsExactly(7L, 8L);
    }

    @Test
    void aMarkWhoseRowIsNotPendingOrIsAnotherRowTakesNothing() {
        BrokerOutboxMark mark = BrokerOutboxMark.after(pending.get(1));
        // the row was confirmed and deleted since: anything still pending below it is not the mark's to drop
        assertThat(mark.takenFrom(List.of(pending.get(0), pending.get(2)))).isEmpty();
        // a new store (data dir replaced, same gateway id) reuses the id for another alert
        assertThat(mark.takenFrom(List.of(row(7, "{}"), row(8, "{\"state\":\"acknowledged\"}")))).isEmpty();
    }

    @Test
    void anythingElseOnTheTopicIsNoMark() {
        assertThat(BrokerOutboxMark.parse(new byte[0])).isEmpty();
        assertThat(BrokerOutboxMark.parse("{\"through\":8}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(BrokerOutboxMark.parse("{\"through\":-1,\"digest\":\"ab\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
