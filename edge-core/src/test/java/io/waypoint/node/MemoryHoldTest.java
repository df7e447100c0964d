package io.waypoint.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.outbox.OutboxMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryHoldTest {
    private static OutboxMessage msg(long seq) {
        return OutboxMessage.of(3, seq, "wp/v1/la-gloria/well-01/telemetry", "x".repeat(340));
    }

    private static List<Long> seqs(List<OutboxMessage> ms) {
        return ms.stream().map(OutboxMessage::seq).toList();
    }

    @Test
    void handsOutInOrderOnceUntilRewoundAndForgetsWhatIsAcknowledged() {
        MemoryHold hold = new MemoryHold(1 << 20);
        for (long s = 1; s <= 5; s++) {
            hold.add(msg(s));
        }
        assertThat(seqs(hold.next(3))).containsExactly(1L, 2L, 3L);
        assertThat(hold.handedOut()).isEqualTo(3);
        assertThat(seqs(hold.next(10))).containsExactly(4L, 5L);
        assertThat(hold.next(10)).isEmpty();

        hold.acknowledge(2);
        assertThat(hold.first()).hasValue(3);
        assertThat(hold.handedOut()).isEqualTo(3);
        hold.rewind();
        assertThat(hold.handedOut()).isZero();
        assertThat(seqs(hold.next(10))).containsExactly(3L, 4L, 5L);
        hold.acknowledge(5);
        assertThat(hold.size()).isZero();
        assertThat(hold.first()).isEmpty();
    }

    @Test
    void dropsTheOldestBeyondItsBytesAndCountsThem() {
        MemoryHold hold = new MemoryHold(10 * 1024); // about 17 of these messages
        for (long s = 1; s <= 100; s++) {
            hold.add(msg(s));
        }
        long kept = hold.size();
        assertThat(kept).isBetween(10L, 20L);
        assertThat(hold.first()).hasValue(100 - kept + 1);
        assertThat(hold.takeDropped()).isEqualTo(100 - kept);
        assertThat(hold.takeDropped()).isZero();
        assertThat(hold.droppedTotal()).isEqualTo(100 - kept);
    }
}
