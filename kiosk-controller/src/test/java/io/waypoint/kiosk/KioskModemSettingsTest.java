package io.waypoint.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.drivers.modem.ModemSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KioskModemSettingsTest {

    @Test
    void inTheFieldTheModemDriversOwnHealthPollIsKept() {
        assertThat(Kiosk.modemSettings(1)).isEqualTo(ModemSettings.defaults());
    }

    @Test
    void atASimulationsSpeedTheHealthPollKeepsItsWorldTimeButRunsAtMostOnceARealSecond() {
        // 30 s of world time at 10x is 3 real seconds
        assertThat(Kiosk.modemSettings(10).healthPoll()).isEqualTo(Duration.ofSeconds(3));
        // at 240x it would be 125 ms: once a real second is four minutes of world time, enough for
        // a signal lost for half an hour
        assertThat(Kiosk.modemSettings(240).healthPoll()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Kiosk.modemSettings(240).dialTimeout()).isEqualTo(ModemSettings.defaults().dialTimeout());
    }

    @Test
    void atASimulationsSpeedTheCallPollKeepsItsWorldTimeButRunsAtMostFourTimesARealSecond() {
        // 2 s of world time at 4x is half a real second
        assertThat(Kiosk.modemSettings(4).callPoll()).isEqualTo(Duration.ofMillis(500));
        // at 240x, a quarter of a real second is a minute of world time: a call is seen ringing
        // before the next simulated caller, who comes minutes later, takes the handset
        assertThat(Kiosk.modemSettings(240).callPoll()).isEqualTo(Duration.ofMillis(250));
        assertThat(Kiosk.modemSettings(1).callPoll()).isEqualTo(ModemSettings.defaults().callPoll());
    }
}
