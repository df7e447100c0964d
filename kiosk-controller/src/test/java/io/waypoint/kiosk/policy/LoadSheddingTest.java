package io.waypoint.kiosk.policy;

import static io.waypoint.kiosk.policy.ShedLevel.ALL;
import static io.waypoint.kiosk.policy.ShedLevel.CHARGING;
import static io.waypoint.kiosk.policy.ShedLevel.NONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadSheddingTest {
    private static final Instant T0 = Instant.parse("2026-11-27T18:00:00Z");
    private final LoadShedding shedding = LoadShedding.leadAcid12V();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Readings every 5 s from {@code from} up to and including {@code to}; returns the last level. */
    private ShedLevel hold(int from, int to, double volts) {
        ShedLevel level = shedding.level();
        for (int s = from; s <= to; s += 5) {
            level = shedding.reading(at(s), volts);
        }
        return level;
    }

    @Test
    void aHealthyBatteryShedsNothing() {
        assertThat(hold(0, 3600, 12.7)).isEqualTo(NONE);
        assertThat(shedding.warning()).isFalse();
    }

    @Test
    void chargingIsShedOnlyAfterSixtySecondsBelowElevenEight() {
        hold(0, 60, 12.4);
        assertThat(hold(65, 120, 11.7)).isEqualTo(NONE); // 55 s below
        assertThat(shedding.reading(at(125), 11.7)).isEqualTo(CHARGING); // 60 s below
        assertThat(shedding.level().chargingAllowed()).isFalse();
        assertThat(shedding.level().callsAndWifiAllowed()).isTrue();
    }

    @Test
    void oneReadingAboveTheThresholdRestartsTheWait() {
        hold(0, 30, 12.4);
        hold(35, 85, 11.7);
        shedding.reading(at(90), 11.85);
        assertThat(hold(95, 150, 11.7)).isEqualTo(NONE);
        assertThat(hold(155, 160, 11.7)).isEqualTo(CHARGING);
    }

    @Test
    void everythingIsShedAfterNinetySecondsBelowElevenOne() {
        hold(0, 30, 12.4);
        assertThat(hold(35, 120, 11.0)).isEqualTo(CHARGING); // 60 s below 11.8 first
        assertThat(hold(125, 120 + 5, 11.0)).isEqualTo(ALL); // 90 s below 11.1 at 125
        assertThat(shedding.level().callsAndWifiAllowed()).isFalse();
    }

    @Test
    void callsAndWifiComeBackAboveTwelveForThirtySecondsAndChargingAboveTwelveSixForFiveMinutes() {
        shedding.reading(at(0), 10.9); // start-up on a flat battery: ALL at once
        assertThat(shedding.level()).isEqualTo(ALL);
        assertThat(hold(5, 30, 12.3)).isEqualTo(ALL); // 25 s above 12.0
        assertThat(hold(35, 35, 12.3)).isEqualTo(CHARGING); // 30 s
        assertThat(hold(40, 40 + 3600, 12.5)).isEqualTo(CHARGING); // an hour at 12.5: not enough for charging
        int from = 3645;
        assertThat(hold(from, from + 295, 12.7)).isEqualTo(CHARGING);
        assertThat(hold(from + 300, from + 300, 12.7)).isEqualTo(NONE);
        assertThat(shedding.warning()).isFalse();
    }

    @Test
    void aLongRecoveryAboveTwelveSixGoesFromAllToNone() {
        shedding.reading(at(0), 11.0);
        assertThat(hold(5, 300, 12.8)).isEqualTo(CHARGING);
        assertThat(hold(305, 305, 12.8)).isEqualTo(NONE); // 300 s above 12.6, counted from the first reading above it
    }

    @Test
    void startingOnALowBatteryShedsAtOnce() {
        assertThat(shedding.reading(at(0), 11.5)).isEqualTo(CHARGING);
        assertThat(shedding.warning()).isTrue();
        LoadShedding other = LoadShedding.leadAcid12V();
        assertThat(other.reading(at(0), 12.3)).isEqualTo(NONE);
    }

    @Test
    void aVoltageOscillatingAroundTheShedThresholdNeverFlaps() {
        List<ShedLevel> seen = new ArrayList<>();
        shedding.reading(at(0), 12.4);
        // 11.75 / 11.85, flipping every 20 s, for six hours: never 60 s below 11.8
        for (int s = 5; s < 6 * 3600; s += 5) {
            seen.add(shedding.reading(at(s), (s / 20) % 2 == 0 ? 11.75 : 11.85));
        }
        assertThat(seen).containsOnly(NONE);
    }

    @Test
    void aVoltageOscillatingAroundTheRestoreThresholdsNeverFlaps() {
        shedding.reading(at(0), 11.5); // CHARGING at once
        List<ShedLevel> seen = new ArrayList<>();
        // under load the battery swings 12.5 / 12.7 every two minutes: never 5 min above 12.6
        for (int s = 5; s < 6 * 3600; s += 5) {
            seen.add(shedding.reading(at(s), (s / 120) % 2 == 0 ? 12.5 : 12.7));
        }
        assertThat(seen).containsOnly(CHARGING);
        assertThat(shedding.warning()).isTrue();
    }

    @Test
    void aSlowSwingAcrossTheWholeBandChangesLevelOnlyOncePerSwing() {
        shedding.reading(at(0), 12.4);
        List<ShedLevel> changes = new ArrayList<>();
        ShedLevel before = shedding.level();
        // a 20-minute swing between 11.6 and 12.4 V: below 11.8 long enough to shed charging,
        // never above 12.6 to restore it: one change, then steady
        for (int s = 5; s < 4 * 3600; s += 5) {
            double volts = 12.0 + 0.4 * Math.sin(2 * Math.PI * s / 1200.0);
            ShedLevel now = shedding.reading(at(s), volts);
            if (now != before) {
                changes.add(now);
                before = now;
            }
        }
        assertThat(changes).containsExactly(CHARGING);
    }

    @Test
    void implausibleReadingsAreIgnoredAndRestartTheWait() {
        shedding.reading(at(0), 12.4);
        hold(5, 55, 11.7);
        assertThat(shedding.reading(at(60), 0.0)).isEqualTo(NONE); // a lost VE.Direct line
        assertThat(shedding.reading(at(61), Double.NaN)).isEqualTo(NONE);
        assertThat(hold(65, 120, 11.7)).isEqualTo(NONE); // the wait started again at 65
        assertThat(hold(125, 125, 11.7)).isEqualTo(CHARGING);
        // zero volts for ever never sheds everything
        LoadShedding other = LoadShedding.leadAcid12V();
        for (int s = 0; s < 3600; s += 5) {
            assertThat(other.reading(at(s), 0.0)).isEqualTo(NONE);
        }
    }

    @Test
    void warnsBelowTwelveAfterAMinuteWithoutShedding() {
        shedding.reading(at(0), 12.4);
        assertThat(hold(5, 60, 11.95)).isEqualTo(NONE);
        assertThat(shedding.warning()).isFalse();
        hold(65, 65, 11.95);
        assertThat(shedding.warning()).isTrue();
        assertThat(shedding.level()).isEqualTo(NONE);
    }

    @Test
    void anOlderReadingIsIgnored() {
        shedding.reading(at(100), 12.4);
        assertThat(shedding.reading(at(0), 10.0)).isEqualTo(NONE);
        assertThat(shedding.reading(at(200), 10.0)).isEqualTo(NONE);
    }

    @Test
    void refusesThresholdsInTheWrongOrder() {
        assertThatThrownBy(() -> new ShedThresholds(12.0, 11.1, Duration.ofSeconds(60), 11.8, Duration.ofSeconds(90),
                12.0, Duration.ofSeconds(30), 12.6, Duration.ofMinutes(5), 8, 17))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shed all 11.8");
    }

    @Test
    void wireNamesAreWhatTelemetryExpects() {
        assertThat(List.of(NONE.wireName(), CHARGING.wireName(), ALL.wireName()))
                .isEqualTo(io.waypoint.wire.KioskTelemetry.Power.SHEDDING);
    }
}
