package io.waypoint.drivers.turbidity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void oneOutlierDoesNotMoveIt() {
        assertThat(Median.of(3.10, 3.11, 0.02, 3.12, 3.09)).isEqualTo(3.10);
    }

    @Test
    void evenCountsTakeTheMeanOfTheMiddleTwo() {
        assertThat(Median.of(4, 1, 3, 2)).isEqualTo(2.5);
    }

    @Test
    void leavesTheSamplesAlone() {
        double[] samples = {3, 1, 2};
        Median.of(samples);

        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void noSamplesHaveNoMedian() {
        assertThatThrownBy(Median::of).isInstanceOf(IllegalArgumentException.class);
    }
}
