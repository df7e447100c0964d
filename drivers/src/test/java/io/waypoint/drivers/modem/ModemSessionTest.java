package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole conversation as pure logic: the test plays the modem line by line and moves the time;
 * the session answers with what it writes, the call events and the statuses.
 */
class ModemSessionTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ModemSettings SETTINGS = ModemSettings.defaults();
    private static final String NUMBER = "+34911222333";
    private static final List<String> SETUP = List.of("AT", "ATE0", "AT+CMEE=1", "AT+CVHU=0", "AT+COLP=0", "ATH",
            "AT+CPIN?", "AT+CSQ", "AT+CREG?");

    private final ModemSession session = new ModemSession(SETTINGS);
    private final List<String> written = new ArrayList<>();
    private final List<CallEvent> events = new ArrayList<>();
    private final List<ModemStatus> statuses = new ArrayList<>();
    private Instant now = T0;

    private void take(List<ModemSession.Output> outputs) {
        for (ModemSession.Output o : outputs) {
            if (o instanceof ModemSession.Output.Write w) {
                written.add(w.command().toString());
            } else if (o instanceof ModemSession.Output.Call c) {
                events.add(c.event());
            } else if (o instanceof ModemSession.Output.Status s) {
                statuses.add(s.status());
            }
        }
    }

    /** The modem sends these lines, 10 ms apart. */
    private void modem(String... lines) {
        for (String line : lines) {
            now = now.plusMillis(10);
            take(session.received(line.getBytes(StandardCharsets.ISO_8859_1), now));
        }
    }

    private void modem(byte[] line) {
        now = now.plusMillis(10);
        take(session.received(line, now));
    }

    /** Time passes to {@code t}, waking the session at each deadline on the way as the modem's thread would. */
    private void until(Instant t) {
        while (session.nextDeadline().isPresent() && !session.nextDeadline().get().isAfter(t)) {
            now = session.nextDeadline().get().isAfter(now) ? session.nextDeadline().get() : now;
            take(session.tick(now));
        }
        now = t;
        take(session.tick(now));
    }

    private void passes(Duration d) {
        until(now.plus(d));
    }

    private String lastWritten() {
        return written.get(written.size() - 1);
    }

    /** A modem that answers the setup: SIM ready, CSQ 20, home network. */
    private void ready(String csq, String creg) {
        take(session.start(now));
        modem("OK");
        modem("OK", "OK", "OK", "OK", "OK");
        modem("+CPIN: READY", "OK");
        modem(csq, "OK");
        modem(creg, "OK");
    }

    private void ready() {
        ready("+CSQ: 20,0", "+CREG: 0,1");
    }

    @Test
    void probesSetsUpThenReportsOk() {
        ready();
        assertThat(written).containsExactlyElementsOf(SETUP);
        assertThat(statuses).containsExactly(new ModemStatus(20, Network.HOME, null, ""));
        assertThat(session.status().state()).isEqualTo("ok");
    }

    @Test
    void neverAsksForTheImeiImsiOrIccid() {
        ready();
        passes(Duration.ofMinutes(5));
        assertThat(written).noneMatch(c -> c.contains("CGSN") || c.contains("GSN") || c.contains("CIMI")
                || c.contains("CCID"));
    }

    @Test
    void saysNothingUntilTheModemIsSetUp() {
        take(session.start(now));
        modem("OK", "OK", "OK");
        assertThat(statuses).isEmpty();
        assertThat(session.status()).isEqualTo(ModemStatus.UNKNOWN);
    }

    @Test
    void echoedCommandsAreSkipped() {
        take(session.start(now));
        modem("AT", "OK");
        modem("ATE0", "OK");
        modem("OK", "OK", "OK", "OK");
        modem("+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(statuses).containsExactly(new ModemStatus(20, Network.HOME, null, ""));
    }

    @Test
    void aModemThatDoesNotAnswerIsNotRespondingAndProbedAgainAndAgain() {
        take(session.start(now));
        passes(Duration.ofSeconds(5));
        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.fault()).isEqualTo(ModemFault.NOT_RESPONDING);
            assertThat(s.state()).isEqualTo("fault:not_responding");
            assertThat(s.evidence()).contains("AT");
        });
        assertThat(written).containsExactly("AT");
        passes(Duration.ofSeconds(5));
        assertThat(written).containsExactly("AT", "AT");
        modem("OK");
        modem("OK", "OK", "OK", "OK", "OK", "+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("fault:not_responding", "ok");
    }

    @Test
    void noSimIsAFaultThatSaysWhatShowedIt() {
        take(session.start(now));
        modem("OK", "OK", "OK", "OK", "OK", "OK", "+CME ERROR: 10", "+CSQ: 15,0", "OK", "+CREG: 0,0", "OK");
        ModemStatus s = session.status();
        assertThat(s.fault()).isEqualTo(ModemFault.NO_SIM);
        assertThat(s.network()).isEqualTo(Network.NONE);
        assertThat(s.describe()).contains("fault:no_sim", "+CME ERROR: 10", "insert a SIM");
    }

    @Test
    void aLockedSimIsAFault() {
        ready();
        modem("+CPIN: SIM PIN");
        assertThat(session.status().fault()).as("an unsolicited +CPIN").isEqualTo(ModemFault.SIM_LOCKED);
    }

    @Test
    void aModemEchoingAgainWasRestartedAndIsSetUpAgain() {
        ready();
        passes(Duration.ofSeconds(30));
        written.clear();
        modem("RDY", "AT+CPIN?", "+CPIN: READY", "OK");
        assertThat(written).as("the setup again, instead of the rest of the poll").containsExactly("ATE0");
        modem("ATE0", "OK", "OK", "OK", "OK", "OK", "+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(written).containsExactlyElementsOf(SETUP.subList(1, SETUP.size()));
    }

    @Test
    void aRestartNoticedDuringACallSetsTheModemUpWithoutHangingUp() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        written.clear();
        modem("ATD" + NUMBER + ";", "OK");
        modem("ATE0", "OK", "OK", "OK", "OK", "+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(written).containsExactly("ATE0", "AT+CMEE=1", "AT+CVHU=0", "AT+COLP=0", "AT+CPIN?", "AT+CSQ",
                "AT+CREG?");
        assertThat(session.callInProgress()).isTrue();
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,0,0,0,\"" + NUMBER + "\",145", "OK");
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Dialling", "Answered");
    }

    @Test
    void aModemThatCannotTurnEchoOffIsNotSetUpOverAndOver() {
        take(session.start(now));
        modem("AT", "OK", "ATE0", "ERROR", "AT+CMEE=1", "OK", "AT+CVHU=0", "OK", "AT+COLP=0", "OK", "ATH", "OK");
        modem("AT+CPIN?", "+CPIN: READY", "OK", "AT+CSQ", "+CSQ: 20,0", "OK", "AT+CREG?", "+CREG: 0,1", "OK");
        passes(Duration.ofSeconds(30));
        modem("AT+CPIN?", "+CPIN: READY", "OK");
        assertThat(written).containsExactlyElementsOf(concat(SETUP, List.of("AT+CPIN?", "AT+CSQ")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void aSimTakenOutIsReportedAtOnce() {
        ready();
        modem("+CPIN: NOT INSERTED");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:no_sim");
    }

    @Test
    void lowSignalIsAFaultWithItsValue() {
        ready("+CSQ: 4,0", "+CREG: 0,1");
        ModemStatus s = session.status();
        assertThat(s.fault()).isEqualTo(ModemFault.LOW_SIGNAL);
        assertThat(s.signalCsq()).isEqualTo(4);
        assertThat(s.describe()).contains("CSQ 4 (-105 dBm)", "antenna");
    }

    @Test
    void unknownSignalIsNoFault() {
        ready("+CSQ: 99,99", "+CREG: 0,1");
        assertThat(session.status()).isEqualTo(new ModemStatus(99, Network.HOME, null, ""));
    }

    @Test
    void noRegistrationIsNoNetworkAndSaysWhichStat() {
        ready("+CSQ: 20,0", "+CREG: 0,3");
        assertThat(session.status().fault()).isEqualTo(ModemFault.NO_NETWORK);
        assertThat(session.status().network()).isEqualTo(Network.DENIED);
        assertThat(session.status().evidence()).contains("stat 3");
    }

    @Test
    void roamingIsFine() {
        ready("+CSQ: 20,0", "+CREG: 0,5");
        assertThat(session.status()).isEqualTo(new ModemStatus(20, Network.ROAMING, null, ""));
    }

    @Test
    void asksForSimSignalAndRegistrationEveryThirtySeconds() {
        ready();
        written.clear();
        passes(Duration.ofSeconds(29));
        assertThat(written).isEmpty();
        passes(Duration.ofSeconds(1));
        assertThat(written).containsExactly("AT+CPIN?");
        modem("+CPIN: READY", "OK");
        modem("+CSQ: 7,0", "OK");
        modem("+CREG: 0,2", "OK");
        assertThat(written).containsExactly("AT+CPIN?", "AT+CSQ", "AT+CREG?");
        assertThat(statuses).last().isEqualTo(new ModemStatus(7, Network.SEARCHING, ModemFault.NO_NETWORK,
                "+CREG stat 2: searching"));
    }

    @Test
    void tenUnansweredCommandsInARowMeanTheModemIsProbedAgainThenSetUpWhenItAnswers() {
        ready();
        // the poll at 30 s times out at 35 s, then each sync after it: the tenth at 80 s
        passes(Duration.ofSeconds(79));
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok");
        assertThat(written.subList(written.size() - 9, written.size())).as("a sync after each timeout")
                .containsOnly("AT+CMEE?");
        passes(Duration.ofSeconds(2));
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:not_responding");
        assertThat(statuses.get(1).evidence()).contains("10 commands in a row");
        assertThat(lastWritten()).isEqualTo("AT");
        int before = written.size();
        passes(Duration.ofSeconds(29));
        assertThat(written.subList(before, written.size())).as("probed every 5 s after 5 s unanswered")
                .containsExactly("AT", "AT", "AT");
        modem("OK");
        modem("OK", "OK", "OK", "OK", "OK", "+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:not_responding", "ok");
        assertThat(written.subList(written.size() - 8, written.size())).containsExactlyElementsOf(SETUP.subList(1, 9));
    }

    @Test
    void repliesThatCameTooLateAreSetStraightAndStartTheCountAgain() {
        ready();
        // the poll at 30 s times out at 35 s, the syncs after it at 40 and 45 s; the third sync is out
        passes(Duration.ofSeconds(46));
        modem("+CPIN: READY", "OK", "+CMEE: 1", "OK", "+CMEE: 1", "OK");
        assertThat(lastWritten()).as("still waiting for the third sync's own answer").isEqualTo("AT+CMEE?");
        modem("+CMEE: 1", "OK");
        assertThat(lastWritten()).isEqualTo("AT+CSQ");
        modem("+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        passes(Duration.ofSeconds(10));
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok");
    }

    @Test
    void unsolicitedLinesInTheMiddleOfAReplyGoWhereTheyBelong() {
        ready();
        passes(Duration.ofSeconds(30));
        modem("+CPIN: READY", "OK");
        modem("+CSQ: 12,0", "RING", "+CLIP: \"+441234567890\",145,\"\",0,\"\",0",
                "MISSED_CALL: 10:15AM +441234567890", "OK");
        modem("OK");
        modem("+CREG: 0,1", "OK");
        assertThat(statuses).last().isEqualTo(new ModemStatus(12, Network.HOME, null, ""));
        assertThat(written).as("the stranger's call rejected before the next poll").endsWith("AT+CSQ", "ATH", "AT+CREG?");
    }

    @Test
    void garbageOnTheLineIsIgnored() {
        take(session.start(now));
        byte[] noise = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 0x00};
        modem(noise);
        modem("OK");
        modem(noise);
        modem("OK", "Call Ready", "OK", "+QIND: SMS DONE", "OK", "OK", "OK");
        modem(noise);
        modem("+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(statuses).containsExactly(new ModemStatus(20, Network.HOME, null, ""));
        assertThat(written).containsExactlyElementsOf(SETUP);
    }

    @Test
    void aCallFromDialToHangUpThroughTheSession() {
        ready();
        written.clear();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        assertThat(written).containsExactly("ATD<number>;");
        modem("OK");
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,3,0,0,\"" + NUMBER + "\",145", "OK");
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,0,0,0,\"" + NUMBER + "\",145", "OK");
        Instant answered = now;
        passes(Duration.ofSeconds(1));
        take(session.hangUp(now));
        modem("OK");
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Dialling", "Alerting",
                "Answered", "Ended");
        CallEvent.Ended ended = (CallEvent.Ended) events.get(3);
        assertThat(ended.result()).isEqualTo(CallResult.ANSWERED);
        assertThat(ended.talked()).isEqualTo(Duration.between(answered, ended.at()));
        assertThat(lastWritten()).isEqualTo("ATH");
        assertThat(session.callInProgress()).isFalse();
    }

    @Test
    void aModemThatStopsAnsweringMidCallEndsTheCallFailedAndIsProbedAgain() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK");
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,0,0,0,\"" + NUMBER + "\",145", "OK");
        // silence from here: the poll 2 s later and two syncs after it, 5 s each
        passes(Duration.ofSeconds(25));
        assertThat(events).last().isInstanceOfSatisfying(CallEvent.Ended.class,
                e -> assertThat(e.result()).isEqualTo(CallResult.FAILED));
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:not_responding");
        assertThat(statuses).last().extracting(ModemStatus::evidence).asString().contains("during a call");
        assertThat(lastWritten()).isEqualTo("AT");
        assertThat(session.callInProgress()).isFalse();
    }

    @Test
    void aDialWhileTheModemIsBeingSetUpWaitsForTheSetup() {
        take(session.start(now));
        modem("OK", "OK");
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK", "OK", "OK", "OK", "+CPIN: READY", "OK", "+CSQ: 20,0", "OK", "+CREG: 0,1", "OK");
        assertThat(written).containsExactlyElementsOf(concat(SETUP, List.of("ATD<number>;")));
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Dialling");
    }

    @Test
    void aDialBeforeTheModemAnswersFailsAtOnce() {
        take(session.start(now));
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Dialling", "Ended");
        assertThat(((CallEvent.Ended) events.get(1)).result()).isEqualTo(CallResult.FAILED);
        assertThat(written).containsExactly("AT");
    }

    @Test
    void aRefusedCallIsNoCreditUntilAnOrdinaryCallGetsThrough() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("+CME ERROR: 257");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:no_credit");
        assertThat(session.status().describe()).contains("top up");
        // 112 goes through without credit: its ringing proves nothing
        take(session.dial("112", Duration.ofSeconds(180), true, now));
        modem("OK");
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,3,0,0,\"112\",129", "OK");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:no_credit");
        take(session.hangUp(now));
        modem("OK");
        // refused again: still the one fault, nothing new to report
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("+CME ERROR: 257");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:no_credit");
        assertThat(events).filteredOn(CallEvent.Refused.class::isInstance).hasSize(2);
        // an ordinary call that rings: the credit is back
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK");
        passes(Duration.ofSeconds(2));
        modem("+CLCC: 1,0,3,0,0,\"" + NUMBER + "\",145", "OK");
        assertThat(statuses).extracting(ModemStatus::state).containsExactly("ok", "fault:no_credit", "ok");
    }

    @Test
    void theOperatorSayingSoIsNoCreditToo() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK", "+CUSD: 0,\"Saldo insuficiente\",15", "NO CARRIER");
        assertThat(events.get(1)).isInstanceOf(CallEvent.Refused.class);
        assertThat(((CallEvent.Ended) events.get(2)).result()).isEqualTo(CallResult.FAILED);
        assertThat(session.status().fault()).isEqualTo(ModemFault.NO_CREDIT);
    }

    @Test
    void aLateReplyIsNotTakenForTheNextCommandsThanksToTheSync() {
        ready();
        passes(Duration.ofSeconds(35));
        assertThat(written).endsWith("AT+CPIN?", "AT+CMEE?");
        modem("+CPIN: SIM PIN", "OK");
        assertThat(written).as("the late OK ends nothing").endsWith("AT+CPIN?", "AT+CMEE?");
        modem("+CMEE: 1", "OK");
        assertThat(written).endsWith("AT+CMEE?", "AT+CSQ");
        modem("+CSQ: 9,0", "OK");
        modem("+CREG: 0,1", "OK");
        assertThat(session.status()).as("the late +CPIN line still told the truth")
                .isEqualTo(new ModemStatus(9, Network.HOME, ModemFault.SIM_LOCKED, "+CPIN: PIN_REQUIRED"));
    }

    @Test
    void stoppingHangsUpAndWritesNothingElse() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK");
        passes(Duration.ofSeconds(2));
        assertThat(lastWritten()).isEqualTo("AT+CLCC");
        written.clear();
        take(session.stop(now));
        assertThat(events).last().isInstanceOf(CallEvent.Ended.class);
        assertThat(session.quiet()).as("the poll in flight is still answered").isFalse();
        modem("OK");
        assertThat(written).containsExactly("ATH");
        modem("OK");
        passes(Duration.ofMinutes(1));
        assertThat(written).containsExactly("ATH");
        assertThat(session.quiet()).isTrue();
    }

    @Test
    void aLostPortEndsTheCallFailedAndIsNotRespondingWithItsReason() {
        ready();
        take(session.dial(NUMBER, Duration.ofSeconds(180), false, now));
        modem("OK");
        written.clear();
        take(session.linkLost("serial port /dev/ttyUSB2: reading failed: check the adapter", now));
        assertThat(events).last().isInstanceOfSatisfying(CallEvent.Ended.class,
                e -> assertThat(e.result()).isEqualTo(CallResult.FAILED));
        assertThat(session.status().fault()).isEqualTo(ModemFault.NOT_RESPONDING);
        assertThat(session.status().evidence()).contains("/dev/ttyUSB2");
        passes(Duration.ofMinutes(1));
        assertThat(written).isEmpty();
        assertThat(session.nextDeadline()).isEmpty();
    }

    @Test
    void theDeadlineIsTheNextThingToDo() {
        take(session.start(now));
        assertThat(session.nextDeadline()).contains(T0.plus(SETTINGS.commandTimeout()));
    }

    // --- SMS ------------------------------------------------------------------------------------------

    private java.util.concurrent.CompletableFuture<SmsResult> sms(String text) {
        java.util.concurrent.CompletableFuture<SmsResult> r = new java.util.concurrent.CompletableFuture<>();
        take(session.sms(new SmsSender.Job("+34600123789", text, r), now));
        return r;
    }

    /** The modem answers whatever is in flight as a healthy modem would, until nothing more is written. */
    private void answerEverything() {
        for (int i = 0; i < 20; i++) {
            int before = written.size();
            switch (lastWritten()) {
                case "AT+CPIN?" -> modem("+CPIN: READY", "OK");
                case "AT+CSQ" -> modem("+CSQ: 20,0", "OK");
                case "AT+CREG?" -> modem("+CREG: 0,1", "OK");
                case "AT+CMEE?" -> modem("+CMEE: 1", "OK");
                case "AT+CMGS=\"<number>\"", "<message text>^Z", "<ESC>" -> {
                    return;
                }
                default -> modem("OK");
            }
            if (written.size() == before) {
                return;
            }
        }
    }

    @Test
    void anSmsIsTextModeThenTheNumberThenTheTextAtThePrompt() {
        ready();
        var result = sms("water unsafe");
        assertThat(lastWritten()).isEqualTo("AT+CMGF=1");
        modem("OK");
        assertThat(lastWritten()).isEqualTo("AT+CMGS=\"<number>\"");
        modem("> ");
        assertThat(lastWritten()).isEqualTo("<message text>^Z");
        modem("+CMGS: 17", "OK");
        assertThat(result).isCompletedWithValue(new SmsResult.Sent(17));
    }

    @Test
    void anSmsWaitsWhileACallIsInProgressAndGoesWhenItEnds() {
        ready();
        take(session.dial(NUMBER, Duration.ofMinutes(3), false, now));
        modem("OK");
        var result = sms("water unsafe");
        for (int s = 0; s < 10; s++) {
            passes(Duration.ofSeconds(1));
            modem("+CLCC: 1,0,0,0,0,\"" + NUMBER + "\",145", "OK"); // the call is up: talking
        }
        assertThat(written).contains("AT+CLCC").doesNotContain("AT+CMGF=1", "AT+CMGS=\"<number>\"");
        modem("NO CARRIER");
        passes(Duration.ofSeconds(3));
        answerEverything();
        assertThat(events).last().isInstanceOf(CallEvent.Ended.class);
        assertThat(written).contains("AT+CMGF=1");
        assertThat(result).isNotDone();
    }

    @Test
    void anUnansweredSmsFailsAndEscFreesTheModemFromItsPrompt() {
        ready();
        var result = sms("water unsafe");
        modem("OK");
        modem("> ");
        passes(SmsSender.SEND_TIMEOUT.plusSeconds(1));
        assertThat(written).contains("<ESC>");
        assertThat(result).isCompletedWithValueMatching(r -> r instanceof SmsResult.Failed f && f.reason().contains("in time"));
        // the next one still goes
        int escAt = written.lastIndexOf("<ESC>");
        var next = sms("second");
        passes(Duration.ofSeconds(1));
        answerEverything(); // the sync after the timeout, the health polls due meanwhile, the text mode
        assertThat(written.subList(escAt, written.size())).contains("AT+CMEE?", "AT+CMGF=1", "AT+CMGS=\"<number>\"");
        modem("> ");
        modem("+CMGS: 2", "OK");
        assertThat(next).isCompletedWithValue(new SmsResult.Sent(2));
    }

    @Test
    void aRefusedSmsFailsWithTheModemsAnswerButNeverItsNumber() {
        ready();
        var result = sms("water unsafe");
        modem("OK", "> ", "+CMS ERROR: 500");
        assertThat(result).isCompletedWithValueMatching(r -> r instanceof SmsResult.Failed f && f.reason().contains("AT+CMGS")
                && !f.reason().contains("600123789"));
    }
}
