package io.waypoint.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqRunsTest {

    @Test
    void countsAndFindsSeqsAcrossGaps() {
        SeqRuns runs = new SeqRuns(7);
        for (long s : new long[] {3, 4, 5, 9, 10, 20}) {
            runs.add(s);
        }

        assertThat(runs.count()).isEqualTo(6);
        assertThat(runs.last()).isEqualTo(20);
        assertThat(runs.countAbove(-1)).isEqualTo(6);
        assertThat(runs.countAbove(4)).isEqualTo(4);
        assertThat(runs.countIn(4, 9)).isEqualTo(2);
        assertThat(runs.countAbove(20)).isZero();
        assertThat(runs.firstAbove(-1)).isEqualTo(3);
        assertThat(runs.firstAbove(5)).isEqualTo(9);
        assertThat(runs.firstAbove(9)).isEqualTo(10);
        assertThat(runs.firstAbove(20)).isEqualTo(-1);
    }
}
