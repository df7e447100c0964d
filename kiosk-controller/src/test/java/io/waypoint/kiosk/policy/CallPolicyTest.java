package io.waypoint.kiosk.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.kiosk.policy.CallEvent.CallEnded;
import io.waypoint.kiosk.policy.CallEvent.HangUp;
import io.waypoint.kiosk.policy.CallEvent.TurnEnded;
import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z");
    private static final String NUMBER = "0050255501234";
    private final CallPolicy calls = new CallPolicy(CallSettings.defaults());

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static DialDecision place(boolean emergency) {
        return new DialDecision.Place(emergency, emergency ? Optional.empty() : Optional.of(Duration.ofMinutes(3)));
    }

    private static DialDecision refused(DialDecision.Reason reason) {
        return new DialDecision.Refused(reason);
    }

    @Test
    void anAnsweredCallIsWarnedThirtySecondsBeforeTheLimitAndHungUpAtIt() {
        assertThat(calls.startTurn(at(0))).containsExactly(new CallEvent.TurnStarted(at(0), false));
        assertThat(calls.dial(at(20), NUMBER)).isEqualTo(place(false));
        assertThat(calls.answered(at(30))).isEmpty();
        assertThat(calls.state()).isEqualTo(new CallState.Connected(at(30), false, Optional.of(at(210))));
        assertThat(calls.tick(at(179))).isEmpty();
        assertThat(calls.tick(at(180))).containsExactly(new CallEvent.Warning(at(180), Duration.ofSeconds(30)));
        assertThat(calls.tick(at(181))).isEmpty(); // warned once
        assertThat(calls.tick(at(210))).containsExactly(new HangUp(at(210)),
                new CallEnded(at(210), Duration.ofMinutes(3), CallResult.ANSWERED),
                new TurnEnded(at(210), CallEvent.Reason.CALL_MADE));
        assertThat(calls.state()).isEqualTo(new CallState.Idle());
    }

    @Test
    void aLateTickStillEndsTheCallAtItsLimit() {
        calls.startTurn(at(0));
        calls.dial(at(0), NUMBER);
        calls.answered(at(10));
        List<CallEvent> events = calls.tick(at(260));
        assertThat(events).contains(new CallEnded(at(190), Duration.ofMinutes(3), CallResult.ANSWERED));
        assertThat(events).noneMatch(CallEvent.Warning.class::isInstance); // too late to warn
    }

    @Test
    void aCallThatDoesNotConnectDoesNotUseUpTheTurn() {
        calls.startTurn(at(0));
        calls.dial(at(10), NUMBER);
        assertThat(calls.failed(at(25), CallFailure.BUSY))
                .containsExactly(new CallEnded(at(25), Duration.ZERO, CallResult.BUSY));
        assertThat(calls.state()).isEqualTo(
                new CallState.AwaitingNumber(at(25 + 120), 2, false, Optional.of(CallResult.BUSY)));
        calls.dial(at(40), NUMBER);
        assertThat(calls.failed(at(70), CallFailure.NO_CARRIER)).extracting(e -> ((CallEnded) e).result())
                .containsExactly(CallResult.FAILED);
        calls.dial(at(80), NUMBER);
        calls.answered(at(90));
        assertThat(calls.ended(at(150))).containsExactly(
                new CallEnded(at(150), Duration.ofSeconds(60), CallResult.ANSWERED),
                new TurnEnded(at(150), CallEvent.Reason.CALL_MADE));
    }

    @Test
    void aTurnEndsOnceEveryAttemptHasFailed() {
        calls.startTurn(at(0));
        List<CallEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertThat(calls.dial(at(10 + 30 * i), NUMBER)).isEqualTo(place(false));
            events.addAll(calls.failed(at(20 + 30 * i), CallFailure.NO_ANSWER));
        }
        assertThat(events).filteredOn(CallEnded.class::isInstance).hasSize(3);
        assertThat(events).last().isEqualTo(new TurnEnded(at(80), CallEvent.Reason.ATTEMPTS_USED));
        assertThat(calls.dial(at(90), NUMBER)).isEqualTo(refused(DialDecision.Reason.NO_TURN));
    }

    @Test
    void aCallRingingTooLongIsHungUpAsNoAnswer() {
        calls.startTurn(at(0));
        calls.dial(at(0), NUMBER);
        assertThat(calls.tick(at(89))).isEmpty();
        assertThat(calls.tick(at(90))).containsExactly(new HangUp(at(90)),
                new CallEnded(at(90), Duration.ZERO, CallResult.NO_ANSWER));
        assertThat(((CallState.AwaitingNumber) calls.state()).attemptsLeft()).isEqualTo(2);
    }

    @Test
    void oneHandsetOneCallAtATime() {
        calls.startTurn(at(0));
        calls.dial(at(5), NUMBER);
        assertThat(calls.startTurn(at(6))).isEmpty(); // somebody else presses the button
        assertThat(calls.dial(at(7), "0034612345678")).isEqualTo(refused(DialDecision.Reason.CALL_IN_PROGRESS));
        calls.answered(at(10));
        assertThat(calls.dial(at(11), "112")).isEqualTo(refused(DialDecision.Reason.CALL_IN_PROGRESS));
        assertThat(calls.state()).isInstanceOf(CallState.Connected.class);
    }

    @Test
    void pressingTheButtonAgainDoesNotGiveMoreAttempts() {
        calls.startTurn(at(0));
        calls.dial(at(5), NUMBER);
        calls.failed(at(10), CallFailure.BUSY);
        assertThat(calls.startTurn(at(11))).isEmpty();
        assertThat(((CallState.AwaitingNumber) calls.state()).attemptsLeft()).isEqualTo(2);
    }

    @Test
    void aNumberIsRefusedWithoutUsingAnAttemptAndTheTurnWaitsAgain() {
        assertThat(calls.dial(at(0), NUMBER)).isEqualTo(refused(DialDecision.Reason.NO_TURN));
        calls.startTurn(at(0));
        assertThat(calls.dial(at(100), "*#06#")).isEqualTo(refused(DialDecision.Reason.NOT_DIGITS));
        assertThat(calls.dial(at(101), "CALLME")).isEqualTo(refused(DialDecision.Reason.NOT_DIGITS));
        assertThat(calls.dial(at(102), "12")).isEqualTo(refused(DialDecision.Reason.TOO_SHORT));
        assertThat(calls.dial(at(103), "123456789012345678")).isEqualTo(refused(DialDecision.Reason.TOO_LONG));
        assertThat(calls.state()).isEqualTo(new CallState.AwaitingNumber(at(103 + 120), 3, false, Optional.empty()));
        assertThat(calls.tick(at(222))).isEmpty();
        assertThat(calls.tick(at(223))).containsExactly(new TurnEnded(at(223), CallEvent.Reason.TIMED_OUT));
    }

    @Test
    void aTurnLeftIdleEndsAfterTwoMinutes() {
        calls.startTurn(at(0));
        assertThat(calls.tick(at(300))).containsExactly(new TurnEnded(at(120), CallEvent.Reason.TIMED_OUT));
        assertThat(calls.state()).isEqualTo(new CallState.Idle());
    }

    @Test
    void hangingUpBeforeDiallingEndsTheTurn() {
        calls.startTurn(at(0));
        assertThat(calls.hangUp(at(10))).containsExactly(new TurnEnded(at(10), CallEvent.Reason.CANCELLED));
    }

    @Test
    void hangingUpAConnectedCallEndsItAndTheTurn() {
        calls.startTurn(at(0));
        calls.dial(at(5), NUMBER);
        calls.answered(at(10));
        assertThat(calls.hangUp(at(70))).containsExactly(new HangUp(at(70)),
                new CallEnded(at(70), Duration.ofSeconds(60), CallResult.ANSWERED),
                new TurnEnded(at(70), CallEvent.Reason.CALL_MADE));
    }

    @Test
    void withoutNetworkTheTurnIsEmergencyOnlyAndAnEmergencyCallHasNoLimit() {
        calls.service(at(0), CallService.NO_NETWORK);
        assertThat(calls.ordinaryCallsPossible()).isFalse();
        assertThat(calls.startTurn(at(1))).containsExactly(new CallEvent.TurnStarted(at(1), true));
        assertThat(calls.dial(at(5), NUMBER)).isEqualTo(refused(DialDecision.Reason.EMERGENCY_ONLY));
        assertThat(calls.dial(at(6), "112")).isEqualTo(place(true));
        calls.answered(at(10));
        assertThat(calls.state()).isEqualTo(new CallState.Connected(at(10), true, Optional.empty()));
        for (int s = 11; s < 3 * 3600; s += 1) {
            assertThat(calls.tick(at(s))).isEmpty(); // no warning, no hang-up, for three hours
        }
        // an emergency call never uses the turn
        assertThat(calls.ended(at(3 * 3600))).containsExactly(
                new CallEnded(at(3 * 3600), Duration.ofSeconds(3 * 3600 - 10), CallResult.ANSWERED));
        assertThat(calls.state()).isInstanceOf(CallState.AwaitingNumber.class)
                .extracting(s -> ((CallState.AwaitingNumber) s).attemptsLeft()).isEqualTo(3);
    }

    @Test
    void anEmergencyCallIsAllowedWhateverTheStateOfTheService() {
        for (CallService down : CallService.values()) {
            CallPolicy p = new CallPolicy(CallSettings.defaults());
            p.service(at(0), down);
            p.startTurn(at(1));
            assertThat(p.dial(at(2), "911")).as(down.name()).isEqualTo(place(true));
        }
        CallPolicy shed = new CallPolicy(CallSettings.defaults());
        shed.shed(at(0), true);
        shed.startTurn(at(1));
        assertThat(shed.dial(at(2), NUMBER)).isEqualTo(refused(DialDecision.Reason.EMERGENCY_ONLY));
        assertThat(shed.dial(at(3), "999")).isEqualTo(place(true));
    }

    @Test
    void aFailedEmergencyCallCanBeTriedAgainWithoutLimit() {
        calls.startTurn(at(0));
        for (int i = 0; i < 10; i++) {
            assertThat(calls.dial(at(10 * i), "112")).isEqualTo(place(true));
            calls.failed(at(10 * i + 5), CallFailure.NO_DIALTONE);
        }
        assertThat(((CallState.AwaitingNumber) calls.state()).attemptsLeft()).isEqualTo(3);
    }

    @Test
    void theServiceComingBackAllowsOrdinaryCallsInTheSameTurn() {
        calls.service(at(0), CallService.NO_CREDIT);
        calls.startTurn(at(1));
        assertThat(((CallState.AwaitingNumber) calls.state()).emergencyOnly()).isTrue();
        calls.service(at(2), CallService.AVAILABLE);
        assertThat(((CallState.AwaitingNumber) calls.state()).emergencyOnly()).isFalse();
        assertThat(calls.dial(at(3), NUMBER)).isEqualTo(place(false));
    }

    /** The operator refuses the call placed at {@code seconds}: the modem's refusal, then its status. */
    private void refusedForCredit(CallPolicy p, int seconds) {
        p.failed(at(seconds + 1), CallFailure.NO_CREDIT);
        p.service(at(seconds + 1), CallService.NO_CREDIT);
    }

    @Test
    void afterARefusalOrdinaryCallsAreEmergencyOnlyUntilTheCreditRetryThenTriedAgain() {
        calls.startTurn(at(0));
        assertThat(calls.dial(at(5), NUMBER)).isEqualTo(place(false));
        refusedForCredit(calls, 5);
        assertThat(calls.state()).as("the attempt the SIM failed is given back")
                .isEqualTo(new CallState.AwaitingNumber(at(126), 3, true, Optional.of(CallResult.FAILED)));
        assertThat(calls.dial(at(10), NUMBER)).isEqualTo(refused(DialDecision.Reason.EMERGENCY_ONLY));
        assertThat(calls.dial(at(11), "112")).isEqualTo(place(true));
        calls.answered(at(15));
        calls.ended(at(60));
        // the emergency call got through, but without credit it would have: still emergency-only
        assertThat(calls.creditTrialFrom()).contains(at(6 + 600));
        calls.hangUp(at(61));
        calls.tick(at(6 + 599));
        assertThat(calls.ordinaryCallsPossible()).isFalse();
        assertThat(calls.startTurn(at(6 + 599))).containsExactly(new CallEvent.TurnStarted(at(605), true));
        calls.hangUp(at(6 + 599));
        calls.tick(at(6 + 600));
        assertThat(calls.ordinaryCallsPossible()).as("10 min after the refusal").isTrue();
        assertThat(calls.startTurn(at(700))).containsExactly(new CallEvent.TurnStarted(at(700), false));
        assertThat(calls.dial(at(705), NUMBER)).as("the trial").isEqualTo(place(false));
        // it rings: the modem's fault ends, and with it the doubt
        calls.service(at(708), CallService.AVAILABLE);
        calls.answered(at(710));
        assertThat(calls.creditTrialFrom()).isEmpty();
        assertThat(calls.ordinaryCallsPossible()).isTrue();
    }

    @Test
    void aTrialRefusedAgainRestartsTheWaitAndCostsNoAttempt() {
        calls.startTurn(at(0));
        calls.dial(at(5), NUMBER);
        refusedForCredit(calls, 5);
        calls.hangUp(at(7));
        calls.startTurn(at(606));
        calls.dial(at(610), NUMBER);
        // the SIM is still empty: refused again, at 611
        calls.failed(at(611), CallFailure.NO_CREDIT);
        calls.service(at(611), CallService.NO_CREDIT);
        assertThat(calls.creditTrialFrom()).contains(at(611 + 600));
        assertThat(calls.state()).isEqualTo(new CallState.AwaitingNumber(at(731), 3, true, Optional.of(CallResult.FAILED)));
        assertThat(calls.dial(at(620), NUMBER)).isEqualTo(refused(DialDecision.Reason.EMERGENCY_ONLY));
        calls.hangUp(at(621));
        calls.tick(at(1210));
        assertThat(calls.ordinaryCallsPossible()).isFalse();
        calls.tick(at(1211));
        assertThat(calls.ordinaryCallsPossible()).isTrue();
    }

    @Test
    void aTrialThatFailsForAnotherReasonLeavesTheNextCallATrialToo() {
        refusedForCredit(calls, 0);
        calls.startTurn(at(601));
        calls.dial(at(605), NUMBER);
        // no carrier without the operator refusing: the credit is still unknown, so not another wait
        calls.failed(at(606), CallFailure.NO_CARRIER);
        assertThat(calls.creditTrialFrom()).contains(at(601));
        assertThat(calls.dial(at(640), NUMBER)).isEqualTo(place(false));
    }

    @Test
    void aTechnicianSayingTheSimWasToppedUpLetsTheNextCallBeTriedAtOnce() {
        assertThat(calls.creditToppedUp(at(0))).as("nothing in doubt").isFalse();
        assertThat(calls.creditTrialFrom()).isEmpty();
        refusedForCredit(calls, 0);
        calls.tick(at(60));
        assertThat(calls.ordinaryCallsPossible()).isFalse();
        assertThat(calls.creditToppedUp(at(61))).isTrue();
        assertThat(calls.ordinaryCallsPossible()).isTrue();
        calls.startTurn(at(62));
        assertThat(calls.dial(at(65), NUMBER)).isEqualTo(place(false));
    }

    @Test
    void theCreditRetryIsASetting() {
        CallSettings d = CallSettings.defaults();
        assertThat(d.creditRetry()).isEqualTo(Duration.ofMinutes(10));
        CallPolicy quick = new CallPolicy(new CallSettings(d.dialRules(), d.talkLimit(), d.warnBefore(), d.attemptsPerTurn(),
                d.dialWithin(), d.answerWithin(), Duration.ofMinutes(2)));
        refusedForCredit(quick, 0);
        quick.tick(at(120));
        assertThat(quick.ordinaryCallsPossible()).isFalse();
        quick.tick(at(121));
        assertThat(quick.ordinaryCallsPossible()).isTrue();
    }

    @Test
    void aShedKioskOffersNoTrial() {
        refusedForCredit(calls, 0);
        calls.shed(at(10), true);
        calls.tick(at(700));
        assertThat(calls.ordinaryCallsPossible()).isFalse();
    }

    @Test
    void aModemFaultEndsTheCallInProgressWithoutCostingAnAttempt() {
        calls.startTurn(at(0));
        calls.dial(at(5), NUMBER);
        assertThat(calls.service(at(8), CallService.MODEM_FAULT)).containsExactly(new HangUp(at(8)),
                new CallEnded(at(8), Duration.ZERO, CallResult.FAILED));
        assertThat(calls.state()).isEqualTo(new CallState.AwaitingNumber(at(128), 3, true,
                Optional.of(CallResult.FAILED)));
    }

    @Test
    void aCallInProgressRunsToItsLimitWhenCallsAreShed() {
        calls.startTurn(at(0));
        calls.dial(at(0), NUMBER);
        calls.answered(at(0));
        assertThat(calls.shed(at(60), true)).isEmpty();
        assertThat(calls.tick(at(180))).extracting(Object::getClass).contains(CallEnded.class);
    }

    @Test
    void callEndedReportsSecondsAndResultOnly() {
        EventBody body = new CallEnded(at(0), Duration.ofSeconds(180), CallResult.ANSWERED).toEventBody();
        assertThat(body.type()).isEqualTo("call_ended");
        assertThat(body.fields()).isEqualTo(Map.of("seconds", 180L, "result", "answered"));
        assertThat(CallFailure.BUSY.result().wireName()).isEqualTo("busy");
        assertThat(CallFailure.NO_ANSWER.result().wireName()).isEqualTo("no_answer");
        assertThat(CallFailure.NO_CREDIT.result().wireName()).isEqualTo("failed");
    }

    @Test
    void theDialledNumberAppearsInNoResultStateOrEvent() {
        List<Object> seen = new ArrayList<>();
        seen.addAll(calls.startTurn(at(0)));
        seen.add(calls.dial(at(1), "*#06#"));
        seen.add(calls.state());
        seen.add(calls.dial(at(2), NUMBER));
        seen.add(calls.state());
        seen.addAll(calls.failed(at(3), CallFailure.BUSY));
        seen.add(calls.state());
        seen.add(calls.dial(at(4), NUMBER));
        seen.addAll(calls.answered(at(5)));
        seen.add(calls.state());
        seen.addAll(calls.tick(at(200)));
        seen.add(calls.state());
        seen.add(calls);
        assertThat(seen).hasSizeGreaterThan(10);
        for (Object o : seen) {
            assertThat(o.toString()).doesNotContain(NUMBER).doesNotContain("55501234").doesNotContain("*#06#");
        }
    }
}
