package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.waypoint.drivers.modem.ModemOnPty.QUICK;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.ModemBehaviour.Refusal;
import io.waypoint.sim.serial.modem.ModemBehaviour.Registration;
import io.waypoint.sim.serial.modem.ModemBehaviour.SimCard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The driver through jssc and a real pseudo-terminal against the simulated modem, one behaviour at a time. */
class AtModemTest {
    private static final String NUMBER = "+34911222333";
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @RegisterExtension
    final ModemOnPty.Lines lines = new ModemOnPty.Lines();
    private ModemOnPty line;

    @Test
    void setsTheModemUpAndReportsItOk() throws Exception {
        line = lines.ready(QUICK);
        assertThat(line.modem.status()).isEqualTo(new ModemStatus(18, Network.HOME, null, ""));
        assertThat(line.heard.statuses).first().isEqualTo(line.modem.status());
        assertThat(line.sim.commands()).startsWith("AT", "ATE0", "AT+CMEE=1", "AT+CVHU=0", "AT+COLP=0", "ATH",
                "AT+CPIN?", "AT+CSQ", "AT+CREG?");
    }

    @Test
    void neverAsksTheModemWhoItIs() throws Exception {
        line = lines.ready(QUICK.withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(100), Duration.ofMillis(200))));
        line.call(NUMBER, LIMIT);
        Thread.sleep(500);
        assertThat(line.sim.commands()).noneMatch(c -> c.contains("GSN") || c.contains("CIMI") || c.contains("CCID"));
    }

    @Test
    void anAnsweredCallLastsUntilTheFarEndHangsUp() throws Exception {
        line = lines.ready(QUICK.withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(300), Duration.ofMillis(800))));
        CallEvent.Ended ended = line.call(NUMBER, LIMIT);
        assertThat(line.heard.eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Alerting.class,
                CallEvent.Answered.class, CallEvent.Ended.class);
        assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
        assertThat(ended.talked()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1_300));
        assertThat(ended.seconds()).isEqualTo(1);
        assertThat(line.modem.callInProgress()).isFalse();
        assertThat(line.sim.placedCalls()).singleElement().extracting(c -> c.number()).isEqualTo(NUMBER);
    }

    @Test
    void aBusyFarEndIsBusy() throws Exception {
        line = lines.ready(QUICK.withFarEnd(new FarEnd.Busy(Duration.ofMillis(300))));
        CallEvent.Ended ended = line.call(NUMBER, LIMIT);
        assertThat(ended.result()).isEqualTo(CallResult.BUSY);
        assertThat(ended.talked()).isZero();
    }

    @Test
    void nobodyAnsweringIsNoAnswer() throws Exception {
        line = lines.ready(QUICK.withFarEnd(new FarEnd.NoAnswer(Duration.ofMillis(400))));
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.NO_ANSWER);
        assertThat(line.heard.eventKinds()).contains(CallEvent.Alerting.class);
    }

    @Test
    void aCallRingingPastTheDialTimeoutIsHungUpUnanswered() throws Exception {
        line = lines.start(QUICK.withFarEnd(new FarEnd.NoAnswer(Duration.ofMinutes(5))),
                new ModemSettings(Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(50), 2,
                        Duration.ofMillis(200), 3, Duration.ofMillis(100), 8));
        line.awaitOk();
        CallEvent.Ended ended = line.call(NUMBER, LIMIT);
        assertThat(ended.result()).isEqualTo(CallResult.NO_ANSWER);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 0);
    }

    @Test
    void aCallDroppedBeforeTheAnswerFails() throws Exception {
        line = lines.ready(QUICK.withFarEnd(new FarEnd.Drops(Duration.ofMillis(300))));
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
        assertThat(line.modem.status().ok()).as("a dropped call is no fault of the modem").isTrue();
    }

    @Test
    void theTalkLimitHangsUpAndTheModemReallyHangsUp() throws Exception {
        line = lines.ready(QUICK);
        CallEvent.Ended ended = line.call(NUMBER, Duration.ofMillis(500));
        assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
        assertThat(ended.talked()).isBetween(Duration.ofMillis(500), Duration.ofMillis(800));
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 0);
        List<String> asked = line.sim.commands();
        assertThat(asked.lastIndexOf("ATH")).as("ATH after the ATD").isGreaterThan(asked.indexOf("ATD" + NUMBER + ";"));
    }

    @Test
    void aPersonHangingUpEndsTheCallAnswered() throws Exception {
        line = lines.ready(QUICK);
        line.modem.dial(NUMBER, LIMIT);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.heard.eventKinds().contains(CallEvent.Answered.class));
        line.modem.hangUp();
        CallEvent.Ended ended = line.awaitEnded(0);
        assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 0);
        assertThat(line.modem.callInProgress()).isFalse();
    }

    @Test
    void callsFollowOneAnother() throws Exception {
        line = lines.ready(QUICK.withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(100), Duration.ofMillis(200))));
        for (int i = 0; i < 3; i++) {
            int before = line.heard.events.size();
            assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.ANSWERED);
            assertThat(line.eventKindsSince(before)).startsWith(CallEvent.Dialling.class).endsWith(CallEvent.Ended.class);
        }
        assertThat(line.sim.placedCalls()).hasSize(3);
    }

    @Test
    void oneCallAtATime() throws Exception {
        line = lines.ready(QUICK);
        line.modem.dial(NUMBER, LIMIT);
        assertThatThrownBy(() -> line.modem.dial(NUMBER, LIMIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("34911");
        line.modem.hangUp();
        line.awaitEnded(0);
    }

    @Test
    void networkCodesAreNeverDialled() throws Exception {
        line = lines.ready(QUICK);
        for (String code : List.of("*#06#", "**21*" + NUMBER + "#", NUMBER + ";H", "+34 911")) {
            assertThatThrownBy(() -> line.modem.dial(code, LIMIT)).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(code).doesNotContain("34911"));
        }
        Thread.sleep(200);
        assertThat(line.sim.placedCalls()).isEmpty();
        assertThat(line.sim.commands()).noneMatch(c -> c.startsWith("ATD"));
        assertThat(line.modem.callInProgress()).isFalse();
    }

    @Test
    void garbageAndStrangersCallsOnTheLineChangeNothing() throws Exception {
        line = lines.ready(QUICK.withNoise(0.3).withUnsolicitedEvery(Duration.ofMillis(60))
                .withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(300), Duration.ofMillis(600))));
        for (int i = 0; i < 2; i++) {
            assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.ANSWERED);
        }
        line.sim.unsolicitedBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28, '\r', '\n'});
        byte[] endless = new byte[5_000];
        java.util.Arrays.fill(endless, (byte) 0xE2);
        line.sim.unsolicitedBytes(endless);
        line.sim.unsolicitedBytes(new byte[] {'\r', '\n'});
        Thread.sleep(300);
        assertThat(line.call(NUMBER, LIMIT).result()).as("the reader survived").isEqualTo(CallResult.ANSWERED);
        assertThat(line.heard.statuses).allMatch(ModemStatus::ok);
    }

    @Test
    void aSilentModemIsNotRespondingThenRecoversAndIsSetUpAgain() throws Exception {
        line = lines.ready(QUICK);
        line.sim.update(b -> b.withSilent(true));
        ModemStatus silent = line.awaitFault(ModemFault.NOT_RESPONDING);
        assertThat(silent.state()).isEqualTo("fault:not_responding");
        assertThat(silent.network()).isEqualTo(Network.UNKNOWN);
        int before = line.sim.commands().size();
        line.sim.update(b -> b.withSilent(false));
        line.awaitOk();
        assertThat(line.sim.commands().subList(before, line.sim.commands().size())).contains("AT", "ATE0", "AT+CVHU=0");
        assertThat(line.call(NUMBER, Duration.ofMillis(300)).result()).isEqualTo(CallResult.ANSWERED);
    }

    @Test
    void aModemFallingSilentMidCallEndsTheCallFailedAndIsProbedUntilItAnswers() throws Exception {
        line = lines.ready(QUICK);
        line.modem.dial(NUMBER, LIMIT);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.heard.eventKinds().contains(CallEvent.Answered.class));
        line.sim.update(b -> b.withSilent(true));
        assertThat(line.awaitEnded(0).result()).isEqualTo(CallResult.FAILED);
        line.awaitFault(ModemFault.NOT_RESPONDING);
        line.sim.update(b -> b.withSilent(false));
        line.awaitOk();
        await("the setup hung up the call left over").atMost(ModemOnPty.PATIENCE)
                .until(() -> line.sim.callsInProgress() == 0);
    }

    @Test
    void aModemThatRestartsMidCallIsSetUpAgainSoItsNextCallCanBeHungUp() throws Exception {
        line = lines.ready(QUICK);
        line.modem.dial(NUMBER, LIMIT);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.heard.eventKinds().contains(CallEvent.Answered.class));
        int before = line.sim.commands().size();
        line.sim.powerCycle();
        assertThat(line.awaitEnded(0).result()).as("the call was cut").isEqualTo(CallResult.ANSWERED);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.commands().subList(before, line.sim.commands().size())
                .contains("AT+CVHU=0"));
        Thread.sleep(300);
        CallEvent.Ended next = line.call(NUMBER, Duration.ofMillis(400));
        assertThat(next.result()).isEqualTo(CallResult.ANSWERED);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 0);
    }

    @Test
    void lowSignalIsReportedWithItsValueAndClearsWhenItComesBack() throws Exception {
        line = lines.start(QUICK.withCsq(4));
        ModemStatus low = line.awaitFault(ModemFault.LOW_SIGNAL);
        assertThat(low.signalCsq()).isEqualTo(4);
        assertThat(low.signalDbm()).isEqualTo(-105);
        assertThat(low.describe()).contains("CSQ 4", "antenna");
        line.sim.update(b -> b.withCsq(21));
        assertThat(line.awaitOk().signalCsq()).isEqualTo(21);
    }

    @Test
    void noCreditFailsTheCallAndIsReported() throws Exception {
        line = lines.ready(QUICK.withCredit(false, Refusal.CME_ERROR));
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
        ModemStatus status = line.awaitFault(ModemFault.NO_CREDIT);
        assertThat(status.state()).isEqualTo("fault:no_credit");
        assertThat(status.describe()).contains("top up");
    }

    @Test
    void noCreditSaidByTheOperatorFailsTheCallAndIsReported() throws Exception {
        line = lines.ready(QUICK.withCredit(false, Refusal.OPERATOR_MESSAGE));
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
        line.awaitFault(ModemFault.NO_CREDIT);
        line.sim.update(b -> b.withCredit(true, Refusal.OPERATOR_MESSAGE));
        assertThat(line.call(NUMBER, Duration.ofMillis(200)).result()).isEqualTo(CallResult.ANSWERED);
        line.awaitOk();
    }

    @Test
    void withoutASimOrdinaryCallsFailButAnEmergencyNumberConnects() throws Exception {
        line = lines.start(QUICK.withSim(SimCard.ABSENT));
        ModemStatus noSim = line.awaitFault(ModemFault.NO_SIM);
        assertThat(noSim.describe()).contains("no_sim", "+CME ERROR: 10", "insert a SIM");
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
        CallEvent.Ended emergency = line.call("112", Duration.ofMillis(300));
        assertThat(emergency.result()).isEqualTo(CallResult.ANSWERED);
        assertThat(line.sim.placedCalls()).extracting(c -> c.emergency()).containsExactly(true);
    }

    @Test
    void aLockedSimIsReported() throws Exception {
        line = lines.start(QUICK.withSim(SimCard.PIN_REQUIRED));
        assertThat(line.awaitFault(ModemFault.SIM_LOCKED).describe()).contains("PIN");
    }

    @Test
    void noNetworkIsReportedAndCallsFailButEmergencyConnects() throws Exception {
        line = lines.start(QUICK.withRegistration(Registration.DENIED));
        ModemStatus status = line.awaitFault(ModemFault.NO_NETWORK);
        assertThat(status.network()).isEqualTo(Network.DENIED);
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
        line.sim.update(b -> b.withRegistration(Registration.SEARCHING));
        line.awaitStatus(s -> s.network() == Network.SEARCHING);
        assertThat(line.call(NUMBER, LIMIT).result()).as("NO DIALTONE").isEqualTo(CallResult.FAILED);
        assertThat(line.call("911", Duration.ofMillis(300)).result()).isEqualTo(CallResult.ANSWERED);
    }

    @Test
    void closingHangsUpACallInProgress() throws Exception {
        // a slow modem: a poll is nearly always in flight, so the hang-up has to wait its turn
        line = lines.ready(QUICK.withReplyDelay(Duration.ofMillis(150)));
        line.modem.dial(NUMBER, LIMIT);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.heard.eventKinds().contains(CallEvent.Answered.class));
        line.modem.close();
        assertThat(line.heard.events).last().isInstanceOf(CallEvent.Ended.class);
        await().atMost(ModemOnPty.PATIENCE).until(() -> line.sim.callsInProgress() == 0);
        assertThatThrownBy(() -> line.modem.dial(NUMBER, LIMIT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPortThatGoesAwayIsReportedNotResponding() throws Exception {
        line = lines.ready(QUICK);
        line.sim.close();
        ModemStatus lost = line.awaitFault(ModemFault.NOT_RESPONDING);
        assertThat(lost.evidence()).contains(line.link.port());
        assertThat(line.call(NUMBER, LIMIT).result()).isEqualTo(CallResult.FAILED);
    }

    @Test
    void aModemThatNeverAnswersIsReportedAndADialFailsAtOnce() throws Exception {
        line = lines.start(QUICK.withSilent(true));
        ModemStatus status = line.awaitFault(ModemFault.NOT_RESPONDING);
        assertThat(status.describe()).contains("power supply", "serial cable");
        assertThat(line.call(NUMBER, LIMIT)).satisfies(e -> {
            assertThat(e.result()).isEqualTo(CallResult.FAILED);
            assertThat(e.talked()).isZero();
        });
    }
}
