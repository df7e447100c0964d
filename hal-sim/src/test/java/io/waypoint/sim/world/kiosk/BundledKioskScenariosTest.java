package io.waypoint.sim.world.kiosk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bundled kiosk scenarios promise the demo and the gateway's kiosk rules (modem fault
 * after 10 min, no network after 15 min, uplink down after 10 min), run against {@link SimpleKiosk}
 * where the kiosk's doing matters.
 */
class BundledKioskScenariosTest {
    private static KioskWorld world(String name) {
        KioskScenario s = KioskScenario.load(name);
        return s.world(s.startOn(LocalDate.of(2025, 3, 1)));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-01T" + hhmm + ":00Z");
    }

    @Test
    void busyKioskFillsItsPortsAtThePeaksAndShortsPortThreeAtHalfPastTen() {
        KioskWorld w = world("busy-kiosk");
        for (String peak : List.of("09:30", "16:30")) {
            for (int p = 1; p <= 8; p++) {
                assertThat(w.stayOn(p, at(peak))).as("port %d at %s", p, peak).isPresent();
            }
        }
        SimpleKiosk kiosk = new SimpleKiosk(w);
        List<SimpleKiosk.Minute> minutes = kiosk.runTo(w.end(), Duration.ofMinutes(1));
        assertThat(kiosk.overCurrentCuts()).containsExactly(3);
        assertThat(w.stayOn(3, at("10:30"))).get().extracting(PortStay::load).isEqualTo(new DamagedCable(3500));
        // the port is left empty a quarter of an hour before: a kiosk holds a finished port up to
        // 10 min for its phone, and the person with the damaged cable waits for a steady light
        for (String before : List.of("10:15", "10:20", "10:25", "10:29")) {
            assertThat(w.stayOn(3, at(before))).as("port 3 at %s", before).isEmpty();
        }
        // a sunny day: the battery never goes near the shedding limit
        assertThat(minutes).allSatisfy(m -> assertThat(m.power().batteryV()).isGreaterThan(12.2));
        assertThat(minutes).anySatisfy(m -> assertThat(m.portsOn()).isEqualTo(8));
    }

    @Test
    void modemTroubleHasEachFaultLongerThanTheGatewayWaitsAndThenEnds() {
        KioskWorld w = world("modem-trouble");
        assertThat(w.gsm(at("06:59"))).isEqualTo(new GsmState(w.gsm(at("06:59")).signalCsq(), Registration.HOME, true, ModemBehaviour.OK));
        assertThat(w.gsm(at("07:20"))).isEqualTo(new GsmState(99, Registration.SEARCHING, true, ModemBehaviour.OK));
        assertThat(w.gsm(at("07:40")).registration()).isEqualTo(Registration.HOME);
        assertThat(w.gsm(at("10:59")).credit()).isFalse();
        assertThat(w.gsm(at("11:00")).credit()).isTrue();
        assertThat(w.gsm(at("12:29")).modem()).isEqualTo(ModemBehaviour.SILENT);
        assertThat(w.gsm(at("12:30")).modem()).isEqualTo(ModemBehaviour.OK);
        assertThat(w.gsm(at("14:19")).modem()).isEqualTo(ModemBehaviour.GARBAGE);
        assertThat(w.uplinkUp(at("15:44"))).isFalse();
        assertThat(w.uplinkUp(at("15:45"))).isTrue();
        assertThat(w.gsm(at("17:29")).registration()).isEqualTo(Registration.DENIED);
        assertThat(w.gsm(at("17:30")).registration()).isEqualTo(Registration.HOME);
        for (KioskScenario.Event e : w.scenario().events()) {
            assertThat(e.length()).as(e.name()).isGreaterThan(Duration.ofMinutes(15));
        }
        // people keep trying to call through it: refused without credit, emergency calls still answered
        List<PersonAction.PlaceCall> duringNoCredit = w.actions(at("09:00"), at("10:55")).stream()
                .filter(a -> a instanceof PersonAction.PlaceCall c && c.kind() == PersonAction.PlaceCall.Kind.PERSONAL)
                .map(PersonAction.PlaceCall.class::cast).toList();
        assertThat(duringNoCredit).isNotEmpty().allSatisfy(c -> assertThat(c.expected()).isEqualTo(CallOutcome.NO_CREDIT));
    }

    @Test
    void powerOutageIsASunnyDayThenThreeDarkOnesThenTheSun() {
        KioskWorld w = world("power-outage");
        double[] harvest = new double[5];
        for (int d = 0; d < 5; d++) {
            for (int m = 0; m < 1440; m++) {
                harvest[d] += w.panelW(Instant.parse("2025-03-01T00:00:00Z").plus(Duration.ofDays(d)).plus(Duration.ofMinutes(m))) / 60;
            }
        }
        assertThat(harvest[0]).isGreaterThan(1200);
        assertThat(harvest[1]).isLessThan(0.05 * harvest[0]);
        assertThat(harvest[3]).isLessThan(0.05 * harvest[0]);
        assertThat(harvest[4]).isGreaterThan(0.7 * harvest[0]);
    }
}
