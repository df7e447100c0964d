package io.waypoint.well;

import static io.waypoint.well.LocalWaterSafety.Verdict.OFF;
import static io.waypoint.well.LocalWaterSafety.Verdict.UNKNOWN;
import static io.waypoint.well.LocalWaterSafety.Verdict.UNSAFE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalWaterSafetyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
    private final LocalWaterSafety rule = LocalWaterSafety.standard();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void warnsOnlyAfterTwoMinutesAboveFiveNtu() {
        assertThat(rule.reading(at(0), 7)).isEqualTo(OFF);
        assertThat(rule.reading(at(110), 7)).isEqualTo(OFF);
        assertThat(rule.reading(at(120), 7)).isEqualTo(UNSAFE);
        assertThat(rule.warn()).isTrue();
    }

    @Test
    void aShortSpikeDoesNotWarn() {
        rule.reading(at(0), 9);
        rule.reading(at(60), 0.5);
        assertThat(rule.reading(at(130), 9)).isEqualTo(OFF);
    }

    @Test
    void clearsOnlyAfterFiveMinutesBelowFourNtu() {
        rule.reading(at(0), 8);
        rule.reading(at(120), 8);
        assertThat(rule.reading(at(130), 3)).isEqualTo(UNSAFE);
        assertThat(rule.reading(at(420), 3)).isEqualTo(UNSAFE);
        assertThat(rule.reading(at(430), 3)).isEqualTo(OFF);
    }

    @Test
    void waterHoveringAroundTheLimitDoesNotMakeTheLightFlicker() {
        rule.reading(at(0), 8);
        rule.reading(at(120), 8);
        List<LocalWaterSafety.Verdict> seen = new ArrayList<>();
        for (int s = 130; s < 3600; s += 10) {
            seen.add(rule.reading(at(s), (s / 10) % 2 == 0 ? 4.6 : 5.4)); // between 4 and 5.4, never below 4
        }
        assertThat(seen).containsOnly(UNSAFE);
    }

    @Test
    void aSensorThatCannotReadForTwoMinutesWarnsThatTheWaterIsUnknown() {
        rule.reading(at(0), 0.5);
        assertThat(rule.noReading(at(10))).isEqualTo(OFF);
        assertThat(rule.noReading(at(130))).isEqualTo(UNKNOWN);
        // readings back and good for five minutes: off
        rule.reading(at(140), 0.5);
        assertThat(rule.reading(at(440), 0.5)).isEqualTo(OFF);
    }

    @Test
    void refusesASafeLevelAboveTheUnsafeOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new LocalWaterSafety(4, Duration.ofMinutes(2), 5, Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
