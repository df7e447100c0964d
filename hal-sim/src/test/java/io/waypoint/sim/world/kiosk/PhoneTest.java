package io.waypoint.sim.world.kiosk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PhoneTest {
    private static final Phone SMARTPHONE = new Phone("smartphone", 3000, 1500, 30, 0.2);

    private static Duration min(double m) {
        return Duration.ofMillis(Math.round(m * 60_000));
    }

    @Test
    void drawsItsFullCurrentUpToEightyPercentThenTapersThenTrickles() {
        // 0.6 of 3000 mAh at 1500 mA, 90 % of it stored: 80 min of full current
        assertThat(SMARTPHONE.currentMa(Duration.ZERO)).isEqualTo(1500);
        assertThat(SMARTPHONE.currentMa(min(79))).isEqualTo(1500);
        assertThat(SMARTPHONE.levelAfter(min(80))).isCloseTo(0.8, within(1e-9));
        assertThat(SMARTPHONE.currentMa(min(90))).isBetween(900.0, 1499.0);
        double previous = Double.MAX_VALUE;
        for (double m = 80; m < SMARTPHONE.fullAfter().toMinutes(); m += 2) {
            double ma = SMARTPHONE.currentMa(min(m));
            assertThat(ma).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(SMARTPHONE.terminationMa());
            previous = ma;
        }
        assertThat(SMARTPHONE.fullAfter()).isBetween(min(110), min(150));
        assertThat(SMARTPHONE.currentMa(SMARTPHONE.fullAfter())).isEqualTo(30);
        assertThat(SMARTPHONE.levelAfter(SMARTPHONE.fullAfter().plusHours(5))).isEqualTo(1.0);
    }

    @Test
    void itsLevelRisesSteadilyFromWhereItWasPluggedIn() {
        double previous = 0;
        for (int m = 0; m <= 200; m += 5) {
            double level = SMARTPHONE.levelAfter(min(m));
            assertThat(level).isGreaterThanOrEqualTo(previous).isBetween(0.2, 1.0);
            previous = level;
        }
        assertThat(SMARTPHONE.levelAfter(Duration.ZERO)).isEqualTo(0.2);
    }

    @Test
    void aPhoneNearlyFullStartsInTheTaperAndOneFullDrawsOnlyItsTrickle() {
        Phone nearlyFull = new Phone("smartphone", 3000, 1500, 30, 0.9);
        assertThat(nearlyFull.currentMa(Duration.ZERO)).isCloseTo(750, within(1.0));
        assertThat(nearlyFull.levelAfter(Duration.ZERO)).isCloseTo(0.9, within(1e-9));
        assertThat(nearlyFull.fullAfter()).isLessThan(SMARTPHONE.fullAfter());
        Phone full = new Phone("feature phone", 1000, 500, 20, 1.0);
        assertThat(full.currentMa(Duration.ZERO)).isEqualTo(20);
        assertThat(full.fullAfter()).isZero();
    }

    @Test
    void aDamagedCableDrawsItsShortFromTheFirstMoment() {
        assertThat(new DamagedCable(3500).currentMa(Duration.ZERO)).isEqualTo(3500);
        assertThatThrownBy(() -> new DamagedCable(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
