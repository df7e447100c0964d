package io.waypoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(Samples.of(9, 1, 5).median()).isEqualTo(5);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Samples.of(4, 1, 3, 2).median()).isEqualTo(2.5);
    }

    @Test
    void percentileIsNearestRankSoP99OfTwoHundredIsTheSecondLargest() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }
        Samples s = Samples.of(values);
        assertThat(s.percentile(99)).isEqualTo(198);
        assertThat(s.percentile(50)).isEqualTo(100);
        assertThat(s.percentile(100)).isEqualTo(200);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(200);
    }

    @Test
    void p99OfFewerThanAHundredSamplesIsTheLargest() {
        assertThat(Samples.of(3, 50, 7).percentile(99)).isEqualTo(50);
    }

    @Test
    void refusesNoSamplesAndPercentilesOutsideTheRange() {
        assertThatThrownBy(Samples::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallersArrayIsNotSortedInPlace() {
        double[] values = {3, 1, 2};
        Samples.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }
}
