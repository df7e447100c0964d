package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.wire.WellTelemetry.Summary;
import org.junit.jupiter.api.Test;

class IntervalSummaryTest {
    @Test
    void summarisesAndStartsAfresh() {
        IntervalSummary s = new IntervalSummary();
        s.add(2);
        s.add(4);
        s.add(9);
        assertThat(s.takeSummary()).isEqualTo(new Summary(2, 5, 9, 3));
        assertThat(s.takeSummary()).isNull();
        s.add(1);
        assertThat(s.takeSummary()).isEqualTo(new Summary(1, 1, 1, 1));
    }

    @Test
    void refusesNaN() {
        assertThatThrownBy(() -> new IntervalSummary().add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
