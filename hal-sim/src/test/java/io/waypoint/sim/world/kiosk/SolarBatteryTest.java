package io.waypoint.sim.world.kiosk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SolarBatteryTest {
    private static final Instant MIDNIGHT = Instant.parse("2025-03-01T00:00:00Z");

    private static KioskWorld world(String text) {
        KioskScenario s = KioskScenario.parse("t", "t.conf", text);
        return s.world(s.startOn(LocalDate.of(2025, 3, 1)));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-01T" + hhmm + ":00Z");
    }

    @Test
    void restingVoltageFollowsTheLeadAcidTable() {
        assertThat(SolarBattery.restingVolts(1)).isEqualTo(12.7);
        assertThat(SolarBattery.restingVolts(0.5)).isEqualTo(12.06);
        assertThat(SolarBattery.restingVolts(0)).isEqualTo(10.5);
        assertThat(SolarBattery.restingVolts(0.25)).isCloseTo((11.58 + 11.75) / 2, within(1e-9));
    }

    @Test
    void theSunRisesPeaksAtNoonAndSetsAndCloudsAndOvercastDimIt() {
        KioskWorld clear = world("[sun]\nclouds = 0\npanel_w = 200\n");
        assertThat(clear.irradianceWm2(at("05:59"))).isZero();
        assertThat(clear.irradianceWm2(at("12:00"))).isCloseTo(1000, within(1e-6));
        assertThat(clear.panelW(at("12:00"))).isCloseTo(170, within(1e-6));
        assertThat(clear.irradianceWm2(at("09:00"))).isBetween(500.0, 750.0);
        assertThat(clear.irradianceWm2(at("18:30"))).isZero();

        KioskWorld cloudy = world("[sun]\nclouds = 0.3\n[event overcast]\nat = 14:00\nfor = 2h\nlight = 0.1\n");
        double mean = 0;
        for (int m = 0; m < 120; m++) {
            mean += cloudy.irradianceWm2(at("11:00").plus(Duration.ofMinutes(m))) / clear.irradianceWm2(at("11:00").plus(Duration.ofMinutes(m))) / 120;
        }
        assertThat(mean).isBetween(0.4, 0.95);
        assertThat(cloudy.irradianceWm2(at("15:00"))).isLessThanOrEqualTo(0.1 * clear.irradianceWm2(at("15:00")));
    }

    @Test
    void moreSunThanLoadChargesTheBatteryAndRaisesItsVoltage() {
        KioskWorld w = world("[sun]\nclouds = 0\n[battery]\ncapacity_ah = 100\ncharge = 0.4\n");
        SolarBattery b = w.newBattery();
        PowerReading dawn = b.advance(at("06:30"), 15);
        PowerReading noon = b.advance(at("12:00"), 15);
        assertThat(noon.stateOfCharge()).isGreaterThan(dawn.stateOfCharge() + 0.2);
        assertThat(noon.batteryV()).isGreaterThan(dawn.batteryV()).isGreaterThan(12.6).isLessThanOrEqualTo(14.4);
        assertThat(noon.batteryA()).isPositive();
        assertThat(noon.solarW()).isGreaterThan(15);
        assertThat(noon.charger()).isIn(ChargerState.BULK, ChargerState.ABSORPTION);
        PowerReading evening = b.advance(at("17:00"), 15);
        assertThat(evening.charger()).isEqualTo(ChargerState.FLOAT);
        assertThat(evening.batteryV()).isEqualTo(13.6);
        assertThat(b.advance(at("22:00"), 15).charger()).isEqualTo(ChargerState.OFF);
    }

    @Test
    void atNightTheChargeDrawnIsTheLoadOverTheVoltageAndTheVoltageSagsUnderLoad() {
        KioskWorld w = world("[scenario]\nstart = 19:00\n[battery]\ncapacity_ah = 80\ncharge = 0.8\n");
        SolarBattery b = w.newBattery();
        PowerReading start = b.reading();
        PowerReading after = b.advance(at("19:00").plus(Duration.ofHours(8)), 30);
        double ahDrawn = (start.stateOfCharge() - after.stateOfCharge()) * 80;
        double meanVolts = (start.batteryV() + after.batteryV()) / 2;
        assertThat(ahDrawn).isCloseTo(30 * 8 / meanVolts, within(0.3));
        assertThat(after.batteryA()).isCloseTo(-30 / after.batteryV(), within(1e-6));
        assertThat(after.batteryV()).isLessThan(SolarBattery.restingVolts(after.stateOfCharge()));
        PowerReading rested = b.advance(at("19:00").plus(Duration.ofHours(8)), 0);
        assertThat(rested.batteryV()).isEqualTo(SolarBattery.restingVolts(after.stateOfCharge()));
        assertThat(after.harvestedWh()).isZero();
    }

    @Test
    void overADayTheStoredEnergyIsWhatTheControllerTookLessTheLoad() {
        KioskWorld w = world("[battery]\ncapacity_ah = 200\ncharge = 0.3\n");
        SolarBattery b = w.newBattery();
        double storedAh = 0;
        double drawnAh = 0;
        Instant t = w.start();
        PowerReading r = b.reading();
        for (int m = 0; m < 24 * 60; m++) {
            t = t.plusSeconds(60);
            double before = r.stateOfCharge();
            r = b.advance(t, 20);
            double delta = (r.stateOfCharge() - before) * 200;
            if (delta > 0) {
                storedAh += delta;
            } else {
                drawnAh -= delta;
            }
        }
        // 20 W all day and night; what the sun gave beyond the load went in at 90 %
        assertThat(r.harvestedWh()).isGreaterThan(1000);
        double loadWh = 20 * 24;
        double intoBatteryWh = r.harvestedWh() - loadWh;
        assertThat(storedAh / 0.9 * 12.9 - drawnAh * 12.3).isCloseTo(intoBatteryWh, within(0.1 * r.harvestedWh()));
    }

    @Test
    void anEmptyBatteryGivesNothingAndStaysAtZero() {
        KioskWorld w = world("[scenario]\nstart = 18:30\n[battery]\ncapacity_ah = 10\ncharge = 0.1\n");
        SolarBattery b = w.newBattery();
        PowerReading r = b.advance(at("18:30").plus(Duration.ofHours(5)), 20);
        assertThat(r.stateOfCharge()).isZero();
        assertThat(r.empty()).isTrue();
        assertThat(r.batteryV()).isLessThanOrEqualTo(10.5);
        assertThatThrownBy(() -> b.advance(r.at(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cloudyDaysRunTheBatteryDownThroughTwelveAndElevenPointOneVoltsAndTheSunBringsItBack() {
        KioskScenario s = KioskScenario.load("power-outage");
        KioskWorld w = s.world(s.startOn(LocalDate.of(2025, 3, 1)));
        List<SimpleKiosk.Minute> minutes = new SimpleKiosk(w).runTo(w.end(), Duration.ofMinutes(1));
        Instant below12 = null;
        Instant below111 = null;
        Instant backOver126 = null;
        for (SimpleKiosk.Minute m : minutes) {
            double v = m.power().batteryV();
            below12 = below12 == null && v < 12.0 ? m.t() : below12;
            below111 = below111 == null && v < 11.1 ? m.t() : below111;
            backOver126 = below111 != null && backOver126 == null && v > 12.6 ? m.t() : backOver126;
        }
        Instant day2 = MIDNIGHT.plus(Duration.ofDays(1));
        Instant day5 = MIDNIGHT.plus(Duration.ofDays(4));
        assertThat(below12).isBetween(day2, day2.plus(Duration.ofHours(12)));
        assertThat(below111).isBetween(below12.plus(Duration.ofHours(12)), day5);
        assertThat(backOver126).isBetween(day5.plus(Duration.ofHours(6)), day5.plus(Duration.ofHours(10)));
        // nothing below 12.0 V on the sunny first day
        assertThat(minutes).filteredOn(m -> m.t().isBefore(day2)).allSatisfy(m -> assertThat(m.power().batteryV()).isGreaterThan(12.0));
        Instant warned = below12;
        assertThat(minutes).filteredOn(m -> m.t().isAfter(warned) && m.t().isBefore(day5))
                .anySatisfy(m -> assertThat(m.shedding()).isEqualTo(SimpleKiosk.Shedding.ALL));
        assertThat(minutes.get(minutes.size() - 1).power().stateOfCharge()).isGreaterThan(0.5);
    }
}
