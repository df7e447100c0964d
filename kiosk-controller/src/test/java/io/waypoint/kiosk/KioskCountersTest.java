package io.waypoint.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.kiosk.policy.CallEvent;
import io.waypoint.kiosk.policy.CallResult;
import io.waypoint.kiosk.policy.ChargingEndReason;
import io.waypoint.kiosk.policy.ChargingEvent;
import io.waypoint.kiosk.policy.WifiEvent;
import io.waypoint.wire.KioskTelemetry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KioskCountersTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private static final KioskTelemetry.Calls MODEM = new KioskTelemetry.Calls(0, 0, 0, 0, 14, "home", "ok");
    private static final KioskTelemetry.Power POWER = new KioskTelemetry.Power(12.6, 40, 25, "none");

    @Test
    void sumsAnIntervalOfEventsIntoAnonymousCountsThenStartsAfresh() {
        KioskCounters c = new KioskCounters();
        c.charging(new ChargingEvent.Ended(3, T, Duration.ofMinutes(40), 4.2, ChargingEndReason.values()[0]));
        c.charging(new ChargingEvent.Started(4, T, Duration.ofMinutes(60)));
        c.call(new CallEvent.CallEnded(T, Duration.ofSeconds(180), CallResult.ANSWERED));
        c.call(new CallEvent.CallEnded(T, Duration.ZERO, CallResult.BUSY));
        c.wifi(new WifiEvent.SessionEnded(T, Duration.ofMinutes(30), 80.2, 9.1, WifiEvent.EndReason.TIME_LIMIT));
        c.wifiTraffic(12.5, 1.25);

        KioskTelemetry t = c.take(60, 8, 3, 1, MODEM, 12, "up", POWER, 0);
        assertThat(t.charging()).isEqualTo(new KioskTelemetry.Charging(8, 3, 1, 4.2, 1));
        assertThat(t.calls()).isEqualTo(new KioskTelemetry.Calls(2, 1, 180, 1, 14, "home", "ok"));
        assertThat(t.wifi()).isEqualTo(new KioskTelemetry.Wifi(12, 1, 12.5, 1.25, "up"));

        KioskTelemetry next = c.take(60, 8, 0, 0, MODEM, 0, "up", POWER, 0);
        assertThat(next.charging().sessions()).isZero();
        assertThat(next.calls().placed()).isZero();
        assertThat(next.wifi().mbDown()).isZero();
    }
}
