package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.drivers.modem.AtCommand.Kind;
import io.waypoint.drivers.modem.CommandQueue.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The call state machine alone: replies, lines and the time go in by hand, commands and events come out. */
class CallStateMachineTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ModemSettings SETTINGS = ModemSettings.defaults();
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String NUMBER = "+34911222333";

    /** What the machine did, in order. */
    static final class Recorder implements CallStateMachine.Effects {
        final List<AtCommand> sent = new ArrayList<>();
        final List<AtCommand> sentFirst = new ArrayList<>();
        final List<CallEvent> events = new ArrayList<>();
        final List<String> creditRefusals = new ArrayList<>();
        int connected;

        @Override
        public void send(AtCommand command) {
            sent.add(command);
        }

        @Override
        public void sendFirst(AtCommand command) {
            sentFirst.add(command);
        }

        @Override
        public void event(CallEvent event) {
            events.add(event);
        }

        @Override
        public void creditRefused(String evidence) {
            creditRefusals.add(evidence);
        }

        @Override
        public void callConnected() {
            connected++;
        }

        AtCommand last(Kind kind) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i).kind() == kind) {
                    return sent.get(i);
                }
            }
            throw new AssertionError("no " + kind + " sent: " + sent);
        }

        List<Kind> firstKinds() {
            return sentFirst.stream().map(AtCommand::kind).toList();
        }

        CallEvent.Ended ended() {
            List<CallEvent.Ended> ends = events.stream().filter(CallEvent.Ended.class::isInstance)
                    .map(CallEvent.Ended.class::cast).toList();
            assertThat(ends).as("exactly one Ended").hasSize(1);
            return ends.get(0);
        }
    }

    private final Recorder did = new Recorder();
    private final CallStateMachine machine = new CallStateMachine(SETTINGS, did);

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static Reply reply(AtCommand command, AtLine result, AtLine... information) {
        return new Reply(command, Arrays.asList(information), result);
    }

    private static AtLine.CurrentCall ours(int stat) {
        return new AtLine.CurrentCall(1, true, stat, true);
    }

    private static AtLine progress(AtLine.Progress p) {
        return new AtLine.CallProgress(p);
    }

    /** Dials at T0; the modem says OK to ATD at once. */
    private AtCommand dialled() {
        machine.dial(NUMBER, LIMIT, false, T0);
        AtCommand atd = did.last(Kind.DIAL);
        machine.replied(reply(atd, new AtLine.Ok()), at(50));
        return atd;
    }

    /** Polls at {@code millis} and answers with {@code calls}. */
    private void polled(long millis, AtLine... calls) {
        machine.tick(at(millis));
        AtCommand clcc = did.last(Kind.LIST_CALLS);
        machine.replied(reply(clcc, new AtLine.Ok(), calls), at(millis + 20));
    }

    /** Dialled, rang at 2 s, answered at 4 s (as the poll replies say). */
    private void answered() {
        dialled();
        polled(2_000, ours(3));
        polled(4_020, ours(0));
    }

    private List<Class<?>> eventKinds() {
        return did.events.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void dialSendsAtdAndSaysDialling() {
        machine.dial(NUMBER, LIMIT, false, T0);
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL);
        assertThat(did.sent.get(0).timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(did.events).containsExactly(new CallEvent.Dialling(T0));
        assertThat(machine.inProgress()).isTrue();
    }

    @Test
    void anAnsweredCallEndsAnsweredWithTheTimeTalkedWhenTheFarEndHangsUp() {
        answered();
        machine.unsolicited(progress(AtLine.Progress.NO_CARRIER), at(64_040));
        assertThat(did.events).containsExactly(new CallEvent.Dialling(T0), new CallEvent.Alerting(at(2_020)),
                new CallEvent.Answered(at(4_040)),
                new CallEvent.Ended(CallResult.ANSWERED, Duration.ofSeconds(60), at(64_040)));
        assertThat(did.ended().seconds()).isEqualTo(60);
        assertThat(did.sentFirst).as("the call is gone: nothing to hang up").isEmpty();
        assertThat(machine.inProgress()).isFalse();
    }

    @Test
    void anAnsweredCallGoneFromTheListEndedAnswered() {
        answered();
        polled(6_040);
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.ANSWERED, Duration.ofMillis(2_020), at(6_060)));
    }

    @Test
    void aCallAnsweredBeforeItWasSeenRingingIsAnsweredWithoutAlerting() {
        dialled();
        polled(2_000, ours(0));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Answered.class);
    }

    @Test
    void aHeldCallCountsAsAnswered() {
        dialled();
        polled(2_000, ours(1));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Answered.class);
    }

    @Test
    void stillDiallingChangesNothing() {
        dialled();
        polled(2_000, ours(2));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class);
    }

    @Test
    void ringingOrAnsweredShowsTheNetworkTookTheCall() {
        answered();
        assertThat(did.connected).isEqualTo(2);
    }

    @Test
    void anEmergencyCallGettingThroughProvesNothingAboutCredit() {
        // 112 goes through without credit: its ringing must not end a no-credit fault
        machine.dial("112", LIMIT, true, T0);
        machine.replied(reply(did.last(Kind.DIAL), new AtLine.Ok()), at(50));
        polled(2_000, ours(3));
        polled(4_040, ours(0));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Alerting.class,
                CallEvent.Answered.class);
        assertThat(did.connected).isZero();
    }

    @Test
    void busyEndsBusy() {
        dialled();
        polled(2_000, ours(3));
        machine.unsolicited(progress(AtLine.Progress.BUSY), at(3_000));
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.BUSY, Duration.ZERO, at(3_000)));
    }

    @Test
    void busyAsTheFinalResultOfAtdEndsBusy() {
        machine.dial(NUMBER, LIMIT, false, T0);
        machine.replied(reply(did.last(Kind.DIAL), progress(AtLine.Progress.BUSY)), at(900));
        assertThat(did.ended().result()).isEqualTo(CallResult.BUSY);
    }

    @Test
    void noAnswerEndsNoAnswer() {
        dialled();
        polled(2_000, ours(3));
        machine.unsolicited(progress(AtLine.Progress.NO_ANSWER), at(60_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.NO_ANSWER);
    }

    @Test
    void noCarrierBeforeTheAnswerIsADroppedCallAndFails() {
        dialled();
        polled(2_000, ours(3));
        machine.unsolicited(progress(AtLine.Progress.NO_CARRIER), at(3_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.creditRefusals).isEmpty();
    }

    @Test
    void noDialtoneFails() {
        machine.dial(NUMBER, LIMIT, false, T0);
        machine.replied(reply(did.last(Kind.DIAL), progress(AtLine.Progress.NO_DIALTONE)), at(100));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
    }

    @Test
    void noDialtoneAfterOkFailsToo() {
        dialled();
        machine.unsolicited(progress(AtLine.Progress.NO_DIALTONE), at(500));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
    }

    @Test
    void aCallGoneFromTheListBeforeItWasAnsweredFails() {
        dialled();
        polled(2_000, ours(3));
        polled(4_020);
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
    }

    @Test
    void anEmptyListBeforeAtdWasAcknowledgedIsNoEnd() {
        machine.dial(NUMBER, LIMIT, false, T0);
        polled(2_000);
        assertThat(machine.inProgress()).isTrue();
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class);
    }

    @Test
    void anIncomingCallInTheListIsNotOurs() {
        dialled();
        polled(2_000, new AtLine.CurrentCall(2, false, 4, true), new AtLine.CurrentCall(1, true, 0, false));
        assertThat(did.ended().result()).as("our voice call is not in the list any more").isEqualTo(CallResult.FAILED);
    }

    @Test
    void theNetworkRejectingTheDialIsNoCreditAndFails() {
        machine.dial(NUMBER, LIMIT, false, T0);
        machine.replied(reply(did.last(Kind.DIAL), new AtLine.CmeError(257)), at(300));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.creditRefusals).singleElement().asString().contains("257");
        assertThat(did.events).containsExactly(new CallEvent.Dialling(T0), new CallEvent.Refused(at(300)),
                new CallEvent.Ended(CallResult.FAILED, Duration.ZERO, at(300)));
        assertThat(did.sentFirst).isEmpty();
    }

    @Test
    void otherErrorsToTheDialFailWithoutBlamingCredit() {
        for (AtLine error : List.of(new AtLine.CmeError(10), new AtLine.CmeError(30), new AtLine.CmeError(-1),
                new AtLine.Error())) {
            Recorder recorder = new Recorder();
            CallStateMachine m = new CallStateMachine(SETTINGS, recorder);
            m.dial(NUMBER, LIMIT, false, T0);
            m.replied(reply(recorder.last(Kind.DIAL), error), at(300));
            assertThat(recorder.ended().result()).as(error.kind()).isEqualTo(CallResult.FAILED);
            assertThat(recorder.creditRefusals).as(error.kind()).isEmpty();
            assertThat(recorder.events).as(error.kind()).noneMatch(CallEvent.Refused.class::isInstance);
        }
    }

    @Test
    void anOperatorMessageThenAnEndBeforeTheAnswerIsNoCredit() {
        dialled();
        machine.unsolicited(new AtLine.OperatorMessage(), at(150));
        machine.unsolicited(progress(AtLine.Progress.NO_CARRIER), at(300));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.creditRefusals).hasSize(1);
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Refused.class, CallEvent.Ended.class);
    }

    @Test
    void anOperatorMessageDuringATalkBlamesNothing() {
        answered();
        machine.unsolicited(new AtLine.OperatorMessage(), at(5_000));
        machine.unsolicited(progress(AtLine.Progress.NO_CARRIER), at(6_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.ANSWERED);
        assertThat(did.creditRefusals).isEmpty();
    }

    @Test
    void ourHangUpDuringATalkEndsItAnsweredAndHangsUpFirst() {
        answered();
        machine.hangUp(at(34_040));
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.ANSWERED, Duration.ofSeconds(30), at(34_040)));
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
        assertThat(machine.inProgress()).isFalse();
    }

    @Test
    void ourHangUpWhileItRingsIsNoAnswer() {
        dialled();
        polled(2_000, ours(3));
        machine.hangUp(at(10_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.NO_ANSWER);
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void ourHangUpBeforeItRingsFails() {
        dialled();
        machine.hangUp(at(500));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void aHangUpWithoutACallDoesNothing() {
        machine.hangUp(T0);
        assertThat(did.events).isEmpty();
        assertThat(did.sentFirst).isEmpty();
    }

    @Test
    void theTalkLimitHangsUp() {
        answered();
        Instant answeredAt = at(4_040);
        machine.tick(answeredAt.plus(LIMIT).minusMillis(1));
        assertThat(machine.inProgress()).isTrue();
        assertThat(machine.deadline()).as("the limit, or a poll before it").hasValueSatisfying(d ->
                assertThat(d).isBeforeOrEqualTo(answeredAt.plus(LIMIT)));
        machine.tick(answeredAt.plus(LIMIT));
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.ANSWERED, LIMIT, answeredAt.plus(LIMIT)));
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void aCallRingingLongerThanTheDialTimeoutIsHungUpUnanswered() {
        dialled();
        polled(2_000, ours(3));
        machine.tick(at(89_999));
        assertThat(machine.inProgress()).isTrue();
        machine.tick(at(90_000));
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.NO_ANSWER, Duration.ZERO, at(90_000)));
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void aCallThatNeverRangWithinTheDialTimeoutFails() {
        dialled();
        machine.tick(at(90_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void atdUnansweredWithinItsTimeoutFailsAndHangsUp() {
        machine.dial(NUMBER, LIMIT, false, T0);
        machine.timedOut(did.last(Kind.DIAL), at(90_000));
        assertThat(did.ended().result()).isEqualTo(CallResult.FAILED);
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
    }

    @Test
    void pollsEveryTwoSecondsOneAtATime() {
        dialled();
        assertThat(machine.deadline()).contains(at(2_000));
        machine.tick(at(1_999));
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL);
        machine.tick(at(2_000));
        machine.tick(at(3_000));
        machine.tick(at(5_000));
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL, Kind.LIST_CALLS);
        assertThat(machine.deadline()).as("only the ring limit while the poll is out").contains(at(90_000));
        machine.replied(reply(did.last(Kind.LIST_CALLS), new AtLine.Ok(), ours(2)), at(5_100));
        assertThat(machine.deadline()).contains(at(7_100));
        machine.tick(at(7_099));
        assertThat(did.sent).hasSize(2);
        machine.tick(at(7_100));
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL, Kind.LIST_CALLS, Kind.LIST_CALLS);
    }

    @Test
    void anUnansweredPollIsAskedAgainAtOnceAndTheCallGoesOn() {
        answered();
        machine.tick(at(6_040));
        machine.timedOut(did.last(Kind.LIST_CALLS), at(11_040));
        assertThat(machine.deadline()).contains(at(11_040));
        machine.tick(at(11_040));
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL, Kind.LIST_CALLS, Kind.LIST_CALLS,
                Kind.LIST_CALLS, Kind.LIST_CALLS);
        assertThat(machine.inProgress()).as("giving up on a silent modem is the session's business").isTrue();
        assertThat(did.events).hasSize(3);
    }

    @Test
    void garbageAndLinesOfNoConcernChangeNothingInAnyPhase() {
        List<AtLine> noise = List.of(new AtLine.Unknown("unreadable", 7), new AtLine.Unknown("text", 10),
                new AtLine.PartyInfo("+CLIP"), new AtLine.PartyInfo("MISSED_CALL"), new AtLine.Echo(),
                new AtLine.SignalQuality(10, 0), new AtLine.Registration(1), new AtLine.SimStatus(AtLine.Sim.READY));
        noise.forEach(l -> machine.unsolicited(l, at(1)));
        dialled();
        noise.forEach(l -> machine.unsolicited(l, at(100)));
        polled(2_000, ours(3));
        noise.forEach(l -> machine.unsolicited(l, at(2_100)));
        polled(4_020, ours(0));
        noise.forEach(l -> machine.unsolicited(l, at(4_100)));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Alerting.class,
                CallEvent.Answered.class);
        assertThat(did.sent).extracting(AtCommand::kind).containsExactly(Kind.DIAL, Kind.LIST_CALLS, Kind.LIST_CALLS);
        assertThat(did.sentFirst).isEmpty();
    }

    @Test
    void callProgressWithoutACallIsIgnored() {
        for (AtLine.Progress p : AtLine.Progress.values()) {
            machine.unsolicited(progress(p), T0);
        }
        assertThat(did.events).isEmpty();
    }

    @Test
    void aLateReplyToTheLastCallsPollDoesNotMoveTheNextCallOn() {
        dialled();
        machine.tick(at(2_000));
        AtCommand oldPoll = did.last(Kind.LIST_CALLS);
        machine.unsolicited(progress(AtLine.Progress.BUSY), at(2_010));
        machine.dial(NUMBER, LIMIT, false, at(2_020));
        machine.replied(reply(oldPoll, new AtLine.Ok(), ours(0)), at(2_030));
        assertThat(eventKinds()).containsExactly(CallEvent.Dialling.class, CallEvent.Ended.class, CallEvent.Dialling.class);
    }

    @Test
    void aLateReplyToTheLastCallsAtdDoesNotEndTheNextCall() {
        machine.dial(NUMBER, LIMIT, false, T0);
        AtCommand oldAtd = did.last(Kind.DIAL);
        machine.hangUp(at(100));
        machine.dial(NUMBER, LIMIT, false, at(200));
        machine.replied(reply(oldAtd, new AtLine.CmeError(257)), at(300));
        assertThat(machine.inProgress()).isTrue();
        assertThat(did.creditRefusals).isEmpty();
    }

    @Test
    void aRingWhileIdleIsRejectedAndIgnoredDuringACall() {
        machine.unsolicited(new AtLine.Ring(), T0);
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP);
        did.sentFirst.clear();
        answered();
        machine.unsolicited(new AtLine.Ring(), at(5_000));
        assertThat(did.sentFirst).isEmpty();
        assertThat(machine.inProgress()).isTrue();
    }

    @Test
    void aRefusedAthIsFollowedByChup() {
        answered();
        machine.hangUp(at(5_000));
        AtCommand ath = did.sentFirst.get(0);
        machine.replied(reply(ath, new AtLine.Error()), at(5_100));
        assertThat(did.firstKinds()).containsExactly(Kind.HANG_UP, Kind.HANG_UP_CALLS);
        machine.replied(reply(did.sentFirst.get(1), new AtLine.Ok()), at(5_200));
        assertThat(did.sentFirst).hasSize(2);
    }

    @Test
    void oneCallAtATime() {
        dialled();
        assertThatThrownBy(() -> machine.dial(NUMBER, LIMIT, false, at(100))).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("34911");
        assertThatThrownBy(() -> machine.refuse(at(100))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedCallStartsAndFailsAtOnce() {
        machine.refuse(T0);
        assertThat(did.events).containsExactly(new CallEvent.Dialling(T0),
                new CallEvent.Ended(CallResult.FAILED, Duration.ZERO, T0));
        assertThat(did.sent).isEmpty();
        assertThat(machine.inProgress()).isFalse();
    }

    @Test
    void aLostModemEndsTheCallFailedWithWhatWasTalked() {
        answered();
        machine.modemLost(at(10_000));
        assertThat(did.ended()).isEqualTo(new CallEvent.Ended(CallResult.FAILED, Duration.ofMillis(5_960), at(10_000)));
        machine.modemLost(at(11_000));
        assertThat(did.events).hasSize(4);
    }

    @Test
    void leftoverCallsAreHungUpInSequenceButNotACallInProgress() {
        machine.clearLeftoverCalls();
        assertThat(did.sent).extracting(AtCommand::kind).as("queued in line, after the setup's AT+CVHU=0")
                .containsExactly(Kind.HANG_UP);
        assertThat(did.sentFirst).isEmpty();
        answered();
        did.sent.clear();
        machine.clearLeftoverCalls();
        assertThat(did.sent).isEmpty();
        assertThat(machine.inProgress()).isTrue();
    }

    @Test
    void nothingIsDueWithoutACall() {
        assertThat(machine.deadline()).isEmpty();
        machine.tick(at(100_000));
        assertThat(did.sent).isEmpty();
    }

    @Test
    void noEventHoldsTheNumber() {
        answered();
        machine.hangUp(at(9_000));
        assertThat(did.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("34911"));
        assertThat(did.sent).allSatisfy(c -> assertThat(c.toString()).doesNotContain("34911"));
    }
}
