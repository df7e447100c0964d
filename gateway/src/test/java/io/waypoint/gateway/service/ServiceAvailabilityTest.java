package io.waypoint.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.service.ServiceAvailability.Verdict;
import io.waypoint.gateway.service.ServiceAvailability.Why;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.WellTelemetry;
import org.junit.jupiter.api.Test;

class ServiceAvailabilityTest {
    static KioskTelemetry kiosk(String shedding, String modem, String network, String uplink) {
        return new KioskTelemetry(60, new KioskTelemetry.Charging(8, 0, 0, 0, 0), new KioskTelemetry.Calls(0, 0, 0, 0, 10, network, modem),
                new KioskTelemetry.Wifi(0, 0, 0, 0, uplink), shedding == null ? null : new KioskTelemetry.Power(12.5, 0, 0, shedding), 0);
    }

    static WellTelemetry well(WellTelemetry.Summary turbidity, String sensor) {
        return new WellTelemetry(60, turbidity, null, 0, 0, 0, sensor, 0);
    }

    @Test
    void callsWorkOnAWeakSignalAndWhileRoamingButNotOnAnotherModemFaultOrNetwork() {
        assertThat(ServiceAvailability.calls(kiosk("none", "fault:low_signal", "roaming", "up")).orElseThrow().works()).isTrue();
        assertThat(ServiceAvailability.calls(kiosk(null, null, null, null)).orElseThrow().works()).isTrue(); // nothing reported
        assertThat(ServiceAvailability.calls(kiosk("none", "fault:no_credit", "home", "up"))).contains(
                new Verdict(false, Why.MODEM_FAULT, "fault:no_credit"));
        assertThat(ServiceAvailability.calls(kiosk("none", "ok", "denied", "up"))).contains(new Verdict(false, Why.NO_NETWORK, "denied"));
        assertThat(ServiceAvailability.calls(kiosk("charging", "ok", "home", "up")).orElseThrow().works()).isTrue();
    }

    @Test
    void sheddingChargingStopsOnlyChargingAndSheddingAllStopsEverything() {
        KioskTelemetry charging = kiosk("charging", "ok", "home", "up");
        assertThat(ServiceAvailability.charging(charging)).contains(new Verdict(false, Why.SHED_CHARGING, null));
        assertThat(ServiceAvailability.wifi(charging).orElseThrow().works()).isTrue();
        KioskTelemetry all = kiosk("all", "ok", "home", "up");
        assertThat(ServiceAvailability.charging(all).orElseThrow().why()).isEqualTo(Why.SHED_ALL);
        assertThat(ServiceAvailability.calls(all).orElseThrow().why()).isEqualTo(Why.SHED_ALL);
        assertThat(ServiceAvailability.wifi(all).orElseThrow().why()).isEqualTo(Why.SHED_ALL);
        assertThat(ServiceAvailability.wifi(kiosk("none", "ok", "home", "down")).orElseThrow().why()).isEqualTo(Why.UPLINK_DOWN);
    }

    @Test
    void aServiceTheKioskLacksIsNotJudged() {
        KioskTelemetry wifiOnly = new KioskTelemetry(60, null, null, new KioskTelemetry.Wifi(1, 0, 0, 0), null, 0);
        assertThat(ServiceAvailability.charging(wifiOnly)).isEmpty();
        assertThat(ServiceAvailability.calls(wifiOnly)).isEmpty();
        assertThat(ServiceAvailability.wifi(wifiOnly)).isPresent();
    }

    @Test
    void waterIsSafeOnlyWhenMeasuredAtFiveNtuOrLess() {
        assertThat(ServiceAvailability.water(well(new WellTelemetry.Summary(4, 5.0, 6, 6), "ok")).works()).isTrue();
        assertThat(ServiceAvailability.water(well(new WellTelemetry.Summary(4, 5.01, 6, 6), "ok")).why()).isEqualTo(Why.TURBID);
        assertThat(ServiceAvailability.water(well(new WellTelemetry.Summary(0, 0, 0, 0), "ok")).why()).isEqualTo(Why.NO_READINGS);
        assertThat(ServiceAvailability.water(well(null, "ok")).why()).isEqualTo(Why.NO_READINGS);
        assertThat(ServiceAvailability.water(well(null, "fault:unplugged"))).isEqualTo(new Verdict(false, Why.SENSOR_FAULT, "fault:unplugged"));
        assertThat(ServiceAvailability.measured(well(new WellTelemetry.Summary(1, 1, 1, 3), "fault:stuck"))).isFalse();
    }
}
