package io.waypoint.sim.world.kiosk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChargingPortsTest {
    private static KioskWorld world(String text) {
        KioskScenario s = KioskScenario.parse("t", "t.conf", text);
        return s.world(s.startOn(LocalDate.of(2025, 3, 1)));
    }

    /** The first stay of the day on a port holding a phone, and the world. */
    private static PortStay firstPhone(KioskWorld w) {
        return w.actions(w.start(), w.end()).stream()
                .filter(a -> a instanceof PersonAction.PlugIn p && p.load() instanceof Phone)
                .map(a -> w.stayOn(((PersonAction.PlugIn) a).port(), a.at()).orElseThrow())
                .findFirst().orElseThrow();
    }

    @Test
    void aPluggedPhoneDrawsOnlyWhileItsPortIsPoweredAndNothingAfterItIsUnplugged() {
        KioskWorld w = world("");
        PortStay stay = firstPhone(w);
        Phone phone = (Phone) stay.load();
        ChargingPorts ports = w.newChargingPorts();
        int p = stay.port();
        Instant t = stay.from().plusSeconds(5);

        assertThat(ports.currentMa(p, t)).isZero();                   // plugged, relay off
        ports.power(p, true, t);
        assertThat(ports.currentMa(p, t.plusSeconds(60))).isCloseTo(phone.currentMa(Duration.ofSeconds(60)), within(1e-9));
        assertThat(ports.currentMa(p, t.plusSeconds(60))).isBetween(15.0, 2000.0);
        assertThat(ports.currentMa(p, stay.until())).isZero();         // unplugged, relay still on
        assertThat(ports.currentMa(p, t.minusSeconds(1))).isZero();    // before the relay closed
    }

    @Test
    void chargeTakenBeforeTheKioskSwitchedThePortOffIsKeptWhenItSwitchesBackOn() {
        KioskWorld w = world("");
        PortStay stay = w.actions(w.start(), w.end()).stream()
                .filter(a -> a instanceof PersonAction.PlugIn p && p.load() instanceof Phone)
                .map(a -> w.stayOn(((PersonAction.PlugIn) a).port(), a.at()).orElseThrow())
                .filter(s -> Duration.between(s.from(), s.until()).toMinutes() >= 50)
                .findFirst().orElseThrow();
        ChargingPorts ports = w.newChargingPorts();
        int p = stay.port();
        Instant on = stay.from();
        ports.power(p, true, on);
        ports.power(p, false, on.plus(Duration.ofMinutes(20)));     // shed for 10 min
        ports.power(p, true, on.plus(Duration.ofMinutes(30)));
        Phone plugged = (Phone) stay.load();
        assertThat(ports.currentMa(p, on.plus(Duration.ofMinutes(25)))).isZero();
        assertThat(ports.currentMa(p, on.plus(Duration.ofMinutes(40))))
                .isCloseTo(plugged.currentMa(Duration.ofMinutes(30)), within(1e-9));
        assertThat(ports.phoneLevel(p, on.plus(Duration.ofMinutes(40)))).get()
                .isEqualTo(plugged.levelAfter(Duration.ofMinutes(30)));
        assertThat(ports.powered(p, on.plus(Duration.ofMinutes(25)))).isFalse();
        assertThat(plugged.levelAfter(Duration.ofMinutes(30))).isGreaterThan(plugged.levelAfter(Duration.ofMinutes(20)));
    }

    @Test
    void edgesOfAPortComeInTimeOrderAndPortsExist() {
        KioskWorld w = world("");
        ChargingPorts ports = w.newChargingPorts();
        ports.power(2, true, w.start().plusSeconds(100));
        assertThatThrownBy(() -> ports.power(2, false, w.start().plusSeconds(50))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order");
        ports.power(3, true, w.start().plusSeconds(50));          // another port has its own order
        assertThatThrownBy(() -> ports.currentMa(9, w.start())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.stayOn(0, w.start())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortCircuitDrawsItsCurrentOnItsPortFromTheGivenTimeWhenPowered() {
        KioskWorld w = world("[event short_circuit]\nat = 10:30\nport = 5\nfor = 10m\ncurrent_ma = 4000\n");
        Instant at = Instant.parse("2025-03-01T10:30:00Z");
        assertThat(w.stayOn(5, at)).get().satisfies(s -> {
            assertThat(s.load()).isEqualTo(new DamagedCable(4000));
            assertThat(s.from()).isEqualTo(at);
            assertThat(s.until()).isEqualTo(at.plus(Duration.ofMinutes(10)));
        });
        assertThat(w.stayOn(5, at.minusSeconds(1))).isEmpty();
        assertThat(w.stayOn(5, at.plus(Duration.ofMinutes(10)))).isEmpty();
        assertThat(w.actions(at, at.plusSeconds(6))).containsExactly(new PersonAction.PlugIn(at, 5, new DamagedCable(4000)),
                new PersonAction.PressPortButton(at.plusSeconds(5), 5));

        ChargingPorts ports = w.newChargingPorts();
        ports.power(5, true, at.plusSeconds(5));
        assertThat(ports.currentMa(5, at.plusSeconds(5))).isEqualTo(4000);
        ports.power(5, false, at.plusSeconds(6));
        assertThat(ports.currentMa(5, at.plusSeconds(7))).isZero();
    }
}
