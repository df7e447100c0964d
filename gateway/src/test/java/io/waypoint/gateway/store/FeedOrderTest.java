package io.waypoint.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.FeedOrder.Ordered;
import io.waypoint.gateway.store.SharedGatewayStore.FeedItem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedOrderTest {
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

    /** A reading of well-01's boot 1, written in transaction {@code xid}; its id names it in the result. */
    private static Ordered reading(long seq, long xid, boolean settled) {
        return new Ordered(new FeedItem(seq, "wp/v1/la-gloria/well-01/telemetry", new byte[0], T, T), xid, settled,
                "la-gloria/well-01/1", seq);
    }

    private static Ordered other(long id, long xid) {
        return new Ordered(new FeedItem(id, "wp/v1/la-gloria/alerts/ack", new byte[0], T, null), xid, true, null, 0);
    }

    private static List<Long> ids(List<FeedItem> items) {
        return items.stream().map(FeedItem::id).toList();
    }

    @Test
    void aBootsReadingsGoInSeqOrderThoughTheLaterOnesWereWrittenFirst() {
        // seqs 4 and 5 by the gateway that began writing first (xid 10), 2 and 3 by the other (xid 11)
        List<Ordered> readings = List.of(reading(2, 11, true), reading(3, 11, true), reading(4, 10, true), reading(5, 10, true));
        assertThat(ids(FeedOrder.merge(List.of(), readings, 100))).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void aBootWaitsAtItsFirstReadingWhoseTransactionHasNotSettled() {
        List<Ordered> readings = List.of(reading(2, 10, true), reading(3, 12, false), reading(4, 9, true));
        assertThat(ids(FeedOrder.merge(List.of(), readings, 100))).containsExactly(2L);
    }

    @Test
    void otherInputsKeepCommitOrderAndInterleaveWithReadingsByTheirTransactions() {
        List<Ordered> others = List.of(other(100, 5), other(101, 20));
        List<Ordered> readings = List.of(reading(1, 10, true), reading(2, 30, true));
        assertThat(ids(FeedOrder.merge(others, readings, 100))).containsExactly(100L, 1L, 101L, 2L);
    }

    @Test
    void atMostMaxItemsAreHandedOver() {
        List<Ordered> readings = List.of(reading(1, 10, true), reading(2, 11, true), reading(3, 12, true));
        assertThat(ids(FeedOrder.merge(List.of(other(100, 1)), readings, 2))).containsExactly(100L, 1L);
    }
}
