package io.waypoint.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPinTest {
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    @Test
    void aPinThatChangesForWeeksKeepsOnlyItsNewestChangesInOrder() {
        OutputPin row = new OutputPin(21, "keypad row 1");
        int changes = 5 * OutputPin.KEPT + 17;
        for (int i = 0; i < changes; i++) {
            assertThat(row.drive(T0.plusMillis(i), i % 2 == 0)).isTrue();
        }
        List<OutputPin.Change> kept = row.history();
        assertThat(kept.size()).isBetween(OutputPin.KEPT, 2 * OutputPin.KEPT);
        assertThat(kept.get(kept.size() - 1)).isEqualTo(new OutputPin.Change(T0.plusMillis(changes - 1), (changes - 1) % 2 == 0));
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i).at()).isEqualTo(kept.get(i - 1).at().plusMillis(1));
            assertThat(kept.get(i).high()).isNotEqualTo(kept.get(i - 1).high());
        }
        assertThat(row.high()).contains((changes - 1) % 2 == 0);
        assertThat(row.highAt(T0)).as("older than the changes kept").isEmpty();
    }

    @Test
    void aRepeatOfTheLevelIsNoChange() {
        OutputPin light = new OutputPin(27, "do-not-drink light");
        assertThat(light.drive(T0, true)).isTrue();
        assertThat(light.drive(T0.plusSeconds(1), true)).isFalse();
        assertThat(light.history()).containsExactly(new OutputPin.Change(T0, true));
    }
}
