package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private final SequenceTracker t = new SequenceTracker();
    private final SequenceTracker.Key k = new SequenceTracker.Key("la-gloria", "well-01", 3);

    @Test
    void watermarkFollowsContiguousSeqs() {
        assertThat(t.stored(k, 1)).isTrue();
        assertThat(t.stored(k, 2)).isTrue();
        assertThat(t.watermark(k)).isEqualTo(2);
        assertThat(t.isStored(k, 2)).isTrue();
        assertThat(t.isStored(k, 3)).isFalse();
    }

    @Test
    void seqsUpToTheLargestLongNeitherWrapTheWatermarkNorCountLossesAgain() {
        // found by the fuzz harness: a watermark at Long.MAX_VALUE wrapped "contiguous + 1", and the next
        // first_seq counted a negative number of losses and moved the watermark back
        long max = Long.MAX_VALUE;
        assertThat(t.floor(k, max - 1)).isEqualTo(max - 2);
        assertThat(t.stored(k, max)).isFalse();
        assertThat(t.stored(k, max - 1)).isTrue();
        assertThat(t.watermark(k)).isEqualTo(max);
        assertThat(t.floor(k, max)).isZero();
        assertThat(t.isStored(k, max)).isTrue();
        assertThat(t.stored(k, 5)).as("a seq given up as lost, arriving after all").isFalse();
        assertThat(t.lost(k)).isEqualTo(max - 3);
        assertThat(t.watermark(k)).isEqualTo(max);
    }

    @Test
    void aHoleHoldsTheWatermarkUntilItFills() {
        t.stored(k, 1);
        assertThat(t.stored(k, 3)).isFalse();
        assertThat(t.stored(k, 4)).isFalse();
        assertThat(t.watermark(k)).isEqualTo(1);
        assertThat(t.pendingAbove(k)).isEqualTo(2);
        assertThat(t.isStored(k, 3)).isTrue();

        assertThat(t.stored(k, 2)).isTrue();
        assertThat(t.watermark(k)).isEqualTo(4);
        assertThat(t.pendingAbove(k)).isZero();
    }

    @Test
    void theNodesFloorGivesUpTheHolesBelowItAndCountsThemOnce() {
        t.stored(k, 1);
        t.stored(k, 4);
        t.stored(k, 7);
        // the node dropped 1..9 from its full outbox: 2, 3, 5, 6, 8, 9 will never come
        assertThat(t.floor(k, 10)).isEqualTo(6);
        assertThat(t.watermark(k)).isEqualTo(9);
        assertThat(t.lost(k)).isEqualTo(6);
        assertThat(t.floor(k, 10)).isZero();
        assertThat(t.isStored(k, 5)).isFalse();
        assertThat(t.isStored(k, 4)).isTrue();
    }

    @Test
    void aSeqGivenUpThatArrivesAfterAllIsStoredAndUncounted() {
        t.floor(k, 6); // 1..5 lost
        t.stored(k, 3);
        assertThat(t.lost(k)).isEqualTo(4);
        assertThat(t.isStored(k, 3)).isTrue();
        assertThat(t.isStored(k, 2)).isFalse();
        assertThat(t.isStored(k, 4)).isFalse();
    }

    @Test
    void aFloorAtOrBelowTheWatermarkChangesNothing() {
        t.stored(k, 1);
        t.stored(k, 2);
        assertThat(t.floor(k, 2)).isZero();
        assertThat(t.floor(k, 3)).isZero();
        assertThat(t.watermark(k)).isEqualTo(2);
    }

    @Test
    void bootsAreIndependent() {
        SequenceTracker.Key next = new SequenceTracker.Key("la-gloria", "well-01", 4);
        t.stored(k, 1);
        t.stored(next, 1);
        t.stored(next, 2);
        assertThat(t.watermark(k)).isEqualTo(1);
        assertThat(t.watermark(next)).isEqualTo(2);
    }

    @Test
    void reportsWhichBootsChangedForPersisting() {
        t.stored(k, 1);
        t.stored(k, 3);
        assertThat(t.takeChanged()).containsExactly(k);
        assertThat(t.takeChanged()).isEmpty();
        t.stored(k, 3);
        assertThat(t.takeChanged()).isEmpty();
    }

    @Test
    void restoredWatermarkAnswersDuplicatesAfterARestart() {
        t.restore(k, 500, 2);
        assertThat(t.isStored(k, 499)).isTrue();
        assertThat(t.isStored(k, 501)).isFalse();
        assertThat(t.lost(k)).isEqualTo(2);
        assertThat(t.stored(k, 501)).isTrue();
    }
}
