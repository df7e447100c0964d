package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StandInScriptTest {
    @Test
    void rainMakesTheWaterUnsafeForLongerThanTheCriticalRuleNeedsThenItClears() {
        StandInScript s = new StandInScript("turbid-after-rain");
        long unsafeMinutes = 0;
        for (int m = 0; m < 60; m++) {
            if (s.turbidity(Duration.ofMinutes(m)) > 5) {
                unsafeMinutes++;
            }
        }
        assertThat(unsafeMinutes).isBetween(5L, 15L);
        assertThat(s.turbidity(Duration.ofMinutes(40))).isLessThan(1);
    }

    @Test
    void aNormalDayStaysGood() {
        StandInScript s = new StandInScript("normal-day");
        for (int m = 0; m < 24 * 60; m += 7) {
            assertThat(s.turbidity(Duration.ofMinutes(m))).isLessThan(1);
        }
    }

    @Test
    void totalsOnlyGrow() {
        StandInScript s = new StandInScript("normal-day");
        double a = s.interval(Duration.ofMinutes(1), Duration.ofMinutes(1)).totalLitres();
        double b = s.interval(Duration.ofMinutes(2), Duration.ofMinutes(1)).totalLitres();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void anUnknownScenarioIsRefused() {
        assertThatThrownBy(() -> new StandInScript("flood")).isInstanceOf(IllegalArgumentException.class);
    }
}
