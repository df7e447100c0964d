package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.drivers.modem.AtCommand.Kind;
import io.waypoint.drivers.modem.CommandQueue.Routed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandQueueTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CommandQueue queue = new CommandQueue(TIMEOUT);

    private static AtCommand cmd(Kind kind) {
        return AtCommand.of(kind, TIMEOUT);
    }

    @Test
    void onlyOneCommandIsInFlight() {
        AtCommand csq = cmd(Kind.SIGNAL);
        AtCommand creg = cmd(Kind.REGISTRATION);
        queue.add(csq);
        queue.add(creg);
        assertThat(queue.next(T0)).containsSame(csq);
        assertThat(queue.next(T0)).isEmpty();
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Completed.class);
        assertThat(queue.next(T0)).containsSame(creg);
    }

    @Test
    void aReplyGathersItsInformationAndEndsOnTheFinalResult() {
        AtCommand csq = cmd(Kind.SIGNAL);
        queue.add(csq);
        queue.next(T0);
        assertThat(queue.accept(new AtLine.SignalQuality(20, 0))).isInstanceOf(Routed.Part.class);
        Routed done = queue.accept(new AtLine.Ok());
        assertThat(done).isEqualTo(new Routed.Completed(new CommandQueue.Reply(csq, List.of(
                new AtLine.SignalQuality(20, 0)), new AtLine.Ok())));
        assertThat(queue.inFlight()).isEmpty();
    }

    @Test
    void unsolicitedLinesInTheMiddleOfAReplyAreNotPartOfIt() {
        AtCommand clcc = cmd(Kind.LIST_CALLS);
        queue.add(clcc);
        queue.next(T0);
        queue.accept(new AtLine.CurrentCall(1, true, 0, true));
        assertThat(queue.accept(new AtLine.Ring())).isEqualTo(new Routed.Unsolicited(new AtLine.Ring()));
        assertThat(queue.accept(new AtLine.PartyInfo("+CLIP"))).isInstanceOf(Routed.Unsolicited.class);
        AtLine noCarrier = new AtLine.CallProgress(AtLine.Progress.NO_CARRIER);
        assertThat(queue.accept(noCarrier)).as("a call ending while AT+CLCC is answered")
                .isEqualTo(new Routed.Unsolicited(noCarrier));
        assertThat(queue.accept(new AtLine.SignalQuality(3, 0))).as("not what AT+CLCC answers with")
                .isInstanceOf(Routed.Unsolicited.class);
        Routed done = queue.accept(new AtLine.Ok());
        assertThat(((Routed.Completed) done).reply().information()).containsExactly(new AtLine.CurrentCall(1, true, 0, true));
    }

    @Test
    void callProgressEndsAtdButNothingElse() {
        AtCommand atd = AtCommand.dial("+34911222333", TIMEOUT);
        queue.add(atd);
        queue.next(T0);
        AtLine busy = new AtLine.CallProgress(AtLine.Progress.BUSY);
        assertThat(queue.accept(busy)).isEqualTo(new Routed.Completed(new CommandQueue.Reply(atd, List.of(), busy)));
    }

    @Test
    void aFinalResultWithNothingInFlightIsLate() {
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Late.class);
        assertThat(queue.accept(new AtLine.CmeError(10))).isInstanceOf(Routed.Late.class);
        assertThat(queue.accept(new AtLine.Ring())).isInstanceOf(Routed.Unsolicited.class);
        assertThat(queue.accept(new AtLine.CallProgress(AtLine.Progress.NO_CARRIER))).isInstanceOf(Routed.Unsolicited.class);
    }

    @Test
    void aCommandTimesOutAtItsDeadlineAndTheNextGoes() {
        AtCommand at = cmd(Kind.PROBE);
        queue.add(at);
        queue.add(cmd(Kind.SIGNAL));
        queue.next(T0);
        assertThat(queue.deadline()).contains(T0.plus(TIMEOUT));
        assertThat(queue.expire(T0.plus(TIMEOUT).minusMillis(1))).isEmpty();
        assertThat(queue.expire(T0.plus(TIMEOUT))).containsSame(at);
        assertThat(queue.deadline()).isEmpty();
        assertThat(queue.next(T0.plus(TIMEOUT))).map(AtCommand::kind).contains(Kind.SIGNAL);
    }

    @Test
    void aWaitingCommandOfTheSameKindIsDroppedForTheNewOneAtTheEnd() {
        AtCommand first = cmd(Kind.LIST_CALLS);
        AtCommand second = cmd(Kind.LIST_CALLS);
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.add(first);
        queue.add(cmd(Kind.SIGNAL));
        queue.add(second);
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.SIGNAL);
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).containsSame(second);
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).isEmpty();
    }

    @Test
    void dialCommandsAreNeverMerged() {
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.add(AtCommand.dial("112", TIMEOUT));
        queue.add(AtCommand.dial("911", TIMEOUT));
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.DIAL);
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.DIAL);
    }

    @Test
    void aHangUpGoesBeforeEverythingWaiting() {
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.add(cmd(Kind.SIGNAL));
        queue.add(cmd(Kind.LIST_CALLS));
        queue.addFirst(cmd(Kind.HANG_UP));
        queue.addFirst(cmd(Kind.HANG_UP));
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.HANG_UP);
        queue.accept(new AtLine.Ok());
        assertThat(queue.next(T0)).as("one hang-up is enough").map(AtCommand::kind).contains(Kind.SIGNAL);
    }

    @Test
    void aHangUpPutFirstLeavesOneLaterInItsSequence() {
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.add(cmd(Kind.HANG_UP_VOICE_WITH_ATH));
        queue.add(cmd(Kind.HANG_UP));
        queue.addFirst(cmd(Kind.HANG_UP));
        List<Kind> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queue.accept(new AtLine.Ok());
            order.add(queue.next(T0).orElseThrow().kind());
        }
        assertThat(order).containsExactly(Kind.HANG_UP, Kind.HANG_UP_VOICE_WITH_ATH, Kind.HANG_UP);
    }

    @Test
    void afterATimeoutALateReplyIsDroppedUntilTheSyncIsAnswered() {
        queue.add(cmd(Kind.SIGNAL));
        queue.add(cmd(Kind.REGISTRATION));
        queue.next(T0);
        queue.expire(T0.plus(TIMEOUT));
        AtCommand sync = queue.next(T0.plus(TIMEOUT)).orElseThrow();
        assertThat(sync.kind()).isEqualTo(Kind.SYNC);
        assertThat(new String(sync.bytes(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("AT+CMEE?\r");
        assertThat(queue.accept(new AtLine.SignalQuality(10, 0))).as("the late reply's line").isInstanceOf(Routed.Unsolicited.class);
        assertThat(queue.accept(new AtLine.Ok())).as("the late reply's OK").isInstanceOf(Routed.Late.class);
        assertThat(queue.accept(new AtLine.ErrorMode(1))).isInstanceOf(Routed.Part.class);
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Completed.class);
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.REGISTRATION);
    }

    @Test
    void aCommandTheModemDroppedCostsOneSync() {
        queue.add(cmd(Kind.SIGNAL));
        queue.next(T0);
        queue.expire(T0.plus(TIMEOUT));
        assertThat(queue.isEmpty()).as("a sync to send").isFalse();
        queue.next(T0.plus(TIMEOUT));
        queue.accept(new AtLine.ErrorMode(1));
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Completed.class);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.next(T0)).isEmpty();
    }

    @Test
    void syncsThatTimedOutAreCountedOffBeforeTheOneInFlight() {
        queue.add(cmd(Kind.SIGNAL));
        queue.next(T0);
        queue.expire(T0.plus(TIMEOUT));
        queue.next(T0);
        queue.expire(T0.plus(TIMEOUT));
        assertThat(queue.next(T0)).map(AtCommand::kind).contains(Kind.SYNC);
        queue.accept(new AtLine.SignalQuality(10, 0));
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Late.class);
        queue.accept(new AtLine.ErrorMode(1));
        assertThat(queue.accept(new AtLine.Ok())).as("the first sync's late answer").isInstanceOf(Routed.Late.class);
        queue.accept(new AtLine.ErrorMode(1));
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Completed.class);
    }

    @Test
    void aProbeTakesAnyAnswerSoNeedsNoSyncBeforeOrAfterIt() {
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.expire(T0.plus(TIMEOUT));
        queue.add(cmd(Kind.SIGNAL));
        assertThat(queue.next(T0)).as("no sync after a probe").map(AtCommand::kind).contains(Kind.SIGNAL);
        queue.expire(T0.plus(TIMEOUT));
        queue.add(cmd(Kind.PROBE));
        assertThat(queue.next(T0)).as("no sync before a probe").map(AtCommand::kind).contains(Kind.PROBE);
    }

    @Test
    void clearForgetsEverything() {
        queue.add(cmd(Kind.PROBE));
        queue.next(T0);
        queue.add(cmd(Kind.SIGNAL));
        queue.clear();
        assertThat(queue.inFlight()).isEmpty();
        assertThat(queue.next(T0)).isEmpty();
        assertThat(queue.accept(new AtLine.Ok())).isInstanceOf(Routed.Late.class);
    }
}
