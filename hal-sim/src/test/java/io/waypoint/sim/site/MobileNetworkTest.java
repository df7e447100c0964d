package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.world.kiosk.CallOutcome;
import io.waypoint.sim.world.kiosk.GsmState;
import io.waypoint.sim.world.kiosk.Registration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MobileNetworkTest {
    private static final GsmState GOOD = new GsmState(18, Registration.HOME, true,
            io.waypoint.sim.world.kiosk.ModemBehaviour.OK);

    @Test
    void theModemShowsTheWorldsSignalRegistrationAndCredit() {
        ModemBehaviour m = MobileNetwork.modem(new GsmState(99, Registration.SEARCHING, false,
                io.waypoint.sim.world.kiosk.ModemBehaviour.OK), 60);

        assertThat(m.csq()).isEqualTo(99);
        assertThat(m.registration()).isEqualTo(ModemBehaviour.Registration.SEARCHING);
        assertThat(m.credit()).isFalse();
        assertThat(m.refusal()).isEqualTo(ModemBehaviour.Refusal.OPERATOR_MESSAGE);
        assertThat(m.alertAfter()).as("2 s of world time at 60x").isEqualTo(Duration.ofNanos(33_333_333));
        assertThat(MobileNetwork.follow(m, GOOD).registration()).isEqualTo(ModemBehaviour.Registration.HOME);
    }

    @Test
    void aSilentOrGarblingModemInTheWorldIsOneOnTheLineAndRecovers() {
        ModemBehaviour m = MobileNetwork.modem(GOOD, 1);
        ModemBehaviour silent = MobileNetwork.follow(m, new GsmState(18, Registration.HOME, true,
                io.waypoint.sim.world.kiosk.ModemBehaviour.SILENT));
        ModemBehaviour garbling = MobileNetwork.follow(silent, new GsmState(18, Registration.HOME, true,
                io.waypoint.sim.world.kiosk.ModemBehaviour.GARBAGE));

        assertThat(silent.silent()).isTrue();
        assertThat(garbling.silent()).isFalse();
        assertThat(garbling.noise()).isEqualTo(MobileNetwork.GARBAGE_NOISE);
        assertThat(MobileNetwork.follow(garbling, GOOD).noise()).isZero();
    }

    @Test
    void anAnsweredCallStaysUpLongEnoughForADriverPollingEveryTwoSecondsToSeeIt() {
        CallOutcome.Answered twoMinutes = new CallOutcome.Answered(Duration.ofSeconds(12), Duration.ofSeconds(120));

        assertThat(MobileNetwork.farEnd(twoMinutes, 600))
                .isEqualTo(FarEnd.answersAndHangsUp(Duration.ofMillis(20), MobileNetwork.SHORTEST_CALL_ON_THE_LINE));
        assertThat(MobileNetwork.farEnd(new CallOutcome.Dropped(Duration.ofSeconds(6), Duration.ofSeconds(4)), 600))
                .as("a call shorter than that in the world too").isEqualTo(FarEnd.answersAndHangsUp(
                        Duration.ofMillis(10), Duration.ofSeconds(4)));
    }

    @Test
    void theFarEndDoesWhatTheWorldDecidedInLineTime() {
        double speed = 10;
        assertThat(MobileNetwork.farEnd(new CallOutcome.Answered(Duration.ofSeconds(20), Duration.ofSeconds(150)), speed))
                .isEqualTo(FarEnd.answersAndHangsUp(Duration.ofSeconds(2), Duration.ofSeconds(15)));
        assertThat(MobileNetwork.farEnd(new CallOutcome.Dropped(Duration.ofSeconds(10), Duration.ofSeconds(80)), speed))
                .isEqualTo(FarEnd.answersAndHangsUp(Duration.ofSeconds(1), Duration.ofSeconds(8)));
        assertThat(MobileNetwork.farEnd(CallOutcome.BUSY, speed)).isEqualTo(new FarEnd.Busy(Duration.ofMillis(300)));
        assertThat(MobileNetwork.farEnd(new CallOutcome.NoAnswer(Duration.ofSeconds(45)), speed))
                .isEqualTo(new FarEnd.NoAnswer(Duration.ofMillis(4500)));
        assertThat(MobileNetwork.farEnd(CallOutcome.FAILED, speed)).isEqualTo(new FarEnd.Drops(Duration.ofMillis(200)));
        assertThat(MobileNetwork.farEnd(CallOutcome.NOT_DIALLED, speed)).isInstanceOf(FarEnd.Drops.class);
    }
}
