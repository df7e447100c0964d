package io.waypoint.gateway.store;

import io.waypoint.gateway.store.SharedGatewayStore.FeedItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order the lead of a group is handed the engine's inputs in (see {@link SharedGatewayStore#feed}):
 * pure logic over what the store read, so it is tested without a database.
 *
 * <p>Readings must reach the engine in the order their node made them: the engine judges event time
 * and skips a reading older than the last it judged, so a reading handed over behind a later one is
 * lost to the rules. Commit order does not give that in a group, where each gateway writes its share
 * of one node's stream and either may begin writing first. So each boot's readings go in seq order;
 * everything else (node states, staff acks) in commit order; and the two are interleaved in commit
 * order as far as each keeps its own.
 */
final class FeedOrder {
    private FeedOrder() {}

    /**
     * One row as read.
     *
     * @param xid     its writing transaction
     * @param settled that transaction and every one before it ended: no commit can still precede it
     * @param boot    the reading's node and boot ({@code site/node/boot}); null for an input that is no reading
     * @param seq     the reading's seq within its boot
     */
    record Ordered(FeedItem item, long xid, boolean settled, String boot, long seq) {}

    private static final Comparator<Ordered> COMMIT_ORDER = Comparator.comparingLong(Ordered::xid).thenComparingLong(o -> o.item().id());

    /**
     * @param others   inputs that are no reading, settled, in commit order
     * @param readings readings whose boot's watermark passed them, ordered by boot then seq; of each
     *                 boot only those before its first unsettled one are handed over (the rest wait)
     * @return at most {@code max} items: each boot's readings in seq order, the others in commit order
     */
    static List<FeedItem> merge(List<Ordered> others, List<Ordered> readings, int max) {
        Map<String, List<Ordered>> boots = new LinkedHashMap<>();
        String held = null;
        for (Ordered r : readings) {
            if (r.boot().equals(held)) {
                continue;
            }
            if (!r.settled()) {
                held = r.boot(); // a lower seq cannot go after a higher one: the boot waits here
                continue;
            }
            boots.computeIfAbsent(r.boot(), b -> new ArrayList<>()).add(r);
        }
        record Head(Ordered row, Iterator<Ordered> rest) {}
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::row, COMMIT_ORDER));
        List<List<Ordered>> runs = new ArrayList<>(boots.values());
        runs.add(others);
        for (List<Ordered> run : runs) {
            Iterator<Ordered> it = run.iterator();
            if (it.hasNext()) {
                heads.add(new Head(it.next(), it));
            }
        }
        List<FeedItem> out = new ArrayList<>();
        while (!heads.isEmpty() && out.size() < max) {
            Head h = heads.poll();
            out.add(h.row().item());
            if (h.rest().hasNext()) {
                heads.add(new Head(h.rest().next(), h.rest()));
            }
        }
        return out;
    }
}
