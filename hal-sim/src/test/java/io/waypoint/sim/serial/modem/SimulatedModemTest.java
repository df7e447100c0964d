package io.waypoint.sim.serial.modem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.serial.modem.ModemBehaviour.Refusal;
import io.waypoint.sim.serial.modem.ModemBehaviour.Registration;
import io.waypoint.sim.serial.modem.ModemBehaviour.SimCard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated modem through a real pseudo-terminal, spoken to as a person at a terminal would. */
class SimulatedModemTest {
    private static final String NUMBER = "+34911222333";
    private static final Duration QUIET = Duration.ofMillis(250);

    private SimulatedModem modem;
    private Terminal terminal;

    private void start(ModemBehaviour behaviour) throws Exception {
        modem = SimulatedModem.start(behaviour.withReplyDelay(Duration.ZERO));
        terminal = Terminal.open(modem.driverPort());
    }

    /** Echo off, numeric errors, ATH hangs up voice: how a driver sets it up. */
    private void startQuiet(ModemBehaviour behaviour) throws Exception {
        start(behaviour);
        terminal.ask("ATE0");
        terminal.ask("AT+CMEE=1");
    }

    @AfterEach
    void stop() throws Exception {
        if (terminal != null) {
            terminal.close();
        }
        if (modem != null) {
            modem.close();
        }
    }

    @Test
    void echoesCommandsUntilAte0() throws Exception {
        start(ModemBehaviour.normal());
        assertThat(terminal.ask("AT")).containsExactly("AT", "OK");
        assertThat(terminal.ask("ATE0")).containsExactly("ATE0", "OK");
        assertThat(terminal.ask("AT")).containsExactly("OK");
    }

    @Test
    void errorsArePlainUntilCmeeThenCodesThenTexts() throws Exception {
        start(ModemBehaviour.normal().withSim(SimCard.ABSENT));
        terminal.ask("ATE0");
        assertThat(terminal.ask("AT+CPIN?")).containsExactly("ERROR");
        terminal.ask("AT+CMEE=1");
        assertThat(terminal.ask("AT+CPIN?")).containsExactly("+CME ERROR: 10");
        terminal.ask("AT+CMEE=2");
        assertThat(terminal.ask("AT+CPIN?")).containsExactly("+CME ERROR: SIM not inserted");
    }

    @Test
    void unknownCommandsAreErrors() throws Exception {
        startQuiet(ModemBehaviour.normal());
        assertThat(terminal.ask("AT+XYZZY")).containsExactly("ERROR");
        assertThat(terminal.ask("AT+CMEE=7")).containsExactly("+CME ERROR: 3");
    }

    @Test
    void reportsSimSignalRegistrationAndOperatorAsTheyAreNow() throws Exception {
        startQuiet(ModemBehaviour.normal());
        assertThat(terminal.ask("AT+CPIN?")).containsExactly("+CPIN: READY", "OK");
        assertThat(terminal.ask("AT+CSQ")).containsExactly("+CSQ: 18,0", "OK");
        assertThat(terminal.ask("AT+CREG?")).containsExactly("+CREG: 0,1", "OK");
        assertThat(terminal.ask("AT+COPS?")).containsExactly("+COPS: 0,0,\"SIM NET\",0", "OK");

        modem.update(b -> b.withCsq(4).withRegistration(Registration.ROAMING));
        assertThat(terminal.ask("AT+CSQ")).containsExactly("+CSQ: 4,0", "OK");
        assertThat(terminal.ask("AT+CREG?")).containsExactly("+CREG: 0,5", "OK");

        modem.update(b -> b.withCsq(99).withRegistration(Registration.DENIED).withSim(SimCard.PIN_REQUIRED));
        assertThat(terminal.ask("AT+CSQ")).containsExactly("+CSQ: 99,99", "OK");
        assertThat(terminal.ask("AT+CPIN?")).containsExactly("+CPIN: SIM PIN", "OK");
        assertThat(terminal.ask("AT+CREG?")).as("no registration without an unlocked SIM").containsExactly("+CREG: 0,0", "OK");
        assertThat(terminal.ask("AT+COPS?")).containsExactly("+COPS: 0", "OK");
    }

    @Test
    void aCallIsListedDiallingThenRingingThenActiveUntilTheFarEndHangsUp() throws Exception {
        startQuiet(ModemBehaviour.normal().withAlertAfter(Duration.ofMillis(300))
                .withFarEnd(FarEnd.answersAndHangsUp(Duration.ofMillis(700), Duration.ofMillis(500))));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("OK");
        Set<String> seen = new LinkedHashSet<>();
        boolean ended = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ended && System.nanoTime() < deadline) {
            terminal.type("AT+CLCC");
            for (String line = terminal.next(); !line.equals("OK"); line = terminal.next()) {
                if (line.equals("NO CARRIER")) {
                    ended = true;
                } else {
                    seen.add(line);
                }
            }
            Thread.sleep(20);
        }
        assertThat(ended).as("NO CARRIER when the far end hung up").isTrue();
        assertThat(seen).containsExactly("+CLCC: 1,0,2,0,0,\"" + NUMBER + "\",145", "+CLCC: 1,0,3,0,0,\"" + NUMBER + "\",145",
                "+CLCC: 1,0,0,0,0,\"" + NUMBER + "\",145");
        assertThat(terminal.ask("AT+CLCC")).containsExactly("OK");
    }

    @Test
    void aBusyFarEndSaysBusy() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(new FarEnd.Busy(Duration.ofMillis(100))));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("OK");
        assertThat(terminal.next()).isEqualTo("BUSY");
        await().atMost(Terminal.WAIT).until(() -> modem.callsInProgress() == 0);
    }

    @Test
    void anUnansweredCallSaysNoAnswer() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(new FarEnd.NoAnswer(Duration.ofMillis(100))));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.next()).isEqualTo("NO ANSWER");
    }

    @Test
    void aDroppedCallSaysNoCarrier() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(new FarEnd.Drops(Duration.ofMillis(100))));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.next()).isEqualTo("NO CARRIER");
    }

    @Test
    void aChanceOfNoneTakesTheOtherWay() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(new FarEnd.Chance(0, FarEnd.answersAfter(Duration.ZERO),
                new FarEnd.Busy(Duration.ofMillis(50)))));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.next()).isEqualTo("BUSY");
    }

    @Test
    void athLeavesAVoiceCallUpUntilCvhuIsZero() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.ask("ATH")).containsExactly("OK");
        assertThat(modem.callsInProgress()).as("ATH with AT+CVHU=1, as the modem starts").isEqualTo(1);
        terminal.ask("AT+CVHU=0");
        assertThat(terminal.ask("ATH")).containsExactly("OK");
        assertThat(modem.callsInProgress()).isZero();
        assertThat(terminal.linesWithin(QUIET)).as("no word for a call we ended").isEmpty();
    }

    @Test
    void chupHangsUpWhateverCvhuSays() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.ask("AT+CHUP")).containsExactly("OK");
        assertThat(modem.callsInProgress()).isZero();
    }

    @Test
    void aSecondCallWhileOneIsUpIsRefused() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(terminal.ask("ATD+34911000000;")).containsExactly("ERROR");
    }

    @Test
    void withColpOneTheOkWaitsForTheAnswerAndNamesTheParty() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(FarEnd.answersAfter(Duration.ofMillis(200))));
        terminal.ask("AT+COLP=1");
        terminal.type("ATD" + NUMBER + ";");
        assertThat(terminal.linesWithin(Duration.ofMillis(100))).isEmpty();
        assertThat(terminal.next()).isEqualTo("+COLP: \"" + NUMBER + "\",145,\"\",0");
        assertThat(terminal.next()).isEqualTo("OK");
    }

    @Test
    void withoutASimOnlyEmergencyNumbersGoThrough() throws Exception {
        startQuiet(ModemBehaviour.normal().withSim(SimCard.ABSENT).withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: 10");
        assertThat(terminal.ask("ATD112;")).containsExactly("OK");
        assertThat(modem.placedCalls()).extracting(SimulatedModem.PlacedCall::number, SimulatedModem.PlacedCall::emergency)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("112", true));
    }

    @Test
    void aLockedSimRefusesOrdinaryCalls() throws Exception {
        startQuiet(ModemBehaviour.normal().withSim(SimCard.PIN_REQUIRED));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: 11");
    }

    @Test
    void withoutRegistrationCallsFailEachTheirWayButEmergencyGoesThrough() throws Exception {
        startQuiet(ModemBehaviour.normal().withRegistration(Registration.NONE).withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: 30");
        modem.update(b -> b.withRegistration(Registration.SEARCHING));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("NO DIALTONE");
        modem.update(b -> b.withRegistration(Registration.DENIED));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: 32");
        assertThat(terminal.ask("ATD911;")).containsExactly("OK");
    }

    @Test
    void withoutCreditTheNetworkRejectsTheCall() throws Exception {
        startQuiet(ModemBehaviour.normal().withCredit(false, Refusal.CME_ERROR));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: 257");
        terminal.ask("AT+CMEE=2");
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("+CME ERROR: network rejected request");
    }

    @Test
    void withoutCreditTheOperatorMaySaySoThenTheCallEnds() throws Exception {
        startQuiet(ModemBehaviour.normal().withCredit(false, Refusal.OPERATOR_MESSAGE));
        assertThat(terminal.ask("ATD" + NUMBER + ";")).containsExactly("OK");
        assertThat(terminal.next()).isEqualTo("+CUSD: 0,\"" + SimulatedModem.NO_CREDIT_TEXT + "\",15");
        assertThat(terminal.next()).isEqualTo("NO CARRIER");
    }

    @Test
    void emergencyNumbersGoThroughWithoutCredit() throws Exception {
        startQuiet(ModemBehaviour.normal().withCredit(false, Refusal.CME_ERROR).withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        assertThat(terminal.ask("ATD999;")).containsExactly("OK");
        await().atMost(Terminal.WAIT).until(() -> modem.callsInProgress() == 1);
    }

    @Test
    void answersItsIdentityWhenAskedSoADriverMustNeverAsk() throws Exception {
        startQuiet(ModemBehaviour.normal());
        ModemBehaviour b = modem.behaviour();
        assertThat(terminal.ask("AT+CGSN")).containsExactly(b.imei(), "OK");
        assertThat(terminal.ask("AT+CIMI")).containsExactly(b.imsi(), "OK");
        assertThat(terminal.ask("AT+CCID")).containsExactly(b.iccid(), "OK");
        modem.update(x -> x.withSim(SimCard.ABSENT));
        assertThat(terminal.ask("AT+CIMI")).containsExactly("+CME ERROR: 10");
    }

    @Test
    void aSilentModemDropsEverythingThenAnswersAgain() throws Exception {
        startQuiet(ModemBehaviour.normal());
        modem.update(b -> b.withSilent(true));
        terminal.type("AT");
        terminal.type("AT+CSQ");
        modem.unsolicited("RING");
        assertThat(terminal.linesWithin(QUIET)).isEmpty();
        modem.update(b -> b.withSilent(false));
        assertThat(terminal.ask("AT")).containsExactly("OK");
    }

    @Test
    void noiseComesAsLinesOfBytesThatAreNoTextBeforeRealLines() throws Exception {
        startQuiet(ModemBehaviour.normal().withNoise(1.0));
        List<String> reply = terminal.ask("AT+CSQ");
        assertThat(reply).hasSize(4);
        assertThat(reply.get(1)).isEqualTo("+CSQ: 18,0");
        assertThat(reply.get(3)).isEqualTo("OK");
        for (String noise : List.of(reply.get(0), reply.get(2))) {
            assertThat(noise.chars().anyMatch(c -> c >= 0x80)).as("noise holds a byte that is not ASCII").isTrue();
        }
    }

    @Test
    void strangersCallsShowUpUnaskedWithTheirNumbers() throws Exception {
        startQuiet(ModemBehaviour.normal().withUnsolicitedEvery(Duration.ofMillis(40)));
        List<String> lines = new ArrayList<>();
        await().atMost(Terminal.WAIT).until(() -> {
            lines.addAll(terminal.linesWithin(Duration.ofMillis(50)));
            return lines.stream().anyMatch(l -> l.startsWith("+CLIP:")) && lines.stream().anyMatch(l -> l.startsWith("MISSED_CALL:"));
        });
        assertThat(lines).contains("RING");
        assertThat(lines).filteredOn(l -> !l.equals("RING"))
                .allMatch(l -> SimulatedModem.STRANGERS.stream().anyMatch(l::contains));
    }

    @Test
    void aPowerCycleCutsTheCallAndForgetsTheSettings() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(FarEnd.answersAfter(Duration.ZERO)));
        terminal.ask("AT+CVHU=0");
        terminal.ask("ATD" + NUMBER + ";");
        modem.powerCycle();
        assertThat(terminal.next()).isEqualTo("RDY");
        assertThat(terminal.next()).isEqualTo("+CPIN: READY");
        assertThat(terminal.next()).isEqualTo("Call Ready");
        assertThat(modem.callsInProgress()).isZero();
        assertThat(terminal.ask("AT+CMEE?")).as("echo on, CMEE 0").containsExactly("AT+CMEE?", "+CMEE: 0", "OK");
        terminal.ask("ATD" + NUMBER + ";");
        terminal.ask("ATH");
        assertThat(modem.callsInProgress()).as("AT+CVHU=1 again").isEqualTo(1);
    }

    @Test
    void recordsWhatItWasAskedAndTheCallsPlaced() throws Exception {
        startQuiet(ModemBehaviour.normal().withFarEnd(new FarEnd.Busy(Duration.ZERO)));
        terminal.ask("ATD" + NUMBER + ";");
        assertThat(modem.commands()).containsExactly("ATE0", "AT+CMEE=1", "ATD" + NUMBER + ";");
        assertThat(modem.placedCalls()).singleElement().satisfies(c -> {
            assertThat(c.number()).isEqualTo(NUMBER);
            assertThat(c.emergency()).isFalse();
        });
    }

    @Test
    void takesAnSmsInTextModeAtItsPromptRecordsItAndRefusesOnDemand() throws Exception {
        startQuiet(ModemBehaviour.normal());
        // PDU mode is the default: a number where the PDU's length belongs is an error
        assertThat(terminal.ask("AT+CMGS=\"+34600123789\"")).containsExactly("ERROR");
        assertThat(terminal.ask("AT+CMGF=1")).containsExactly("OK");
        terminal.type("AT+CMGS=\"+34600123789\"");
        terminal.type("agua no potable\u001A");
        assertThat(List.of(terminal.next(), terminal.next(), terminal.next())).containsExactly("> ", "+CMGS: 1", "OK");
        assertThat(modem.sentSms()).singleElement().satisfies(s -> {
            assertThat(s.number()).isEqualTo("+34600123789");
            assertThat(s.text()).isEqualTo("agua no potable");
            assertThat(s.duringCall()).isFalse();
        });
        // ESC at the prompt abandons it
        terminal.type("AT+CMGS=\"+34600123789\"");
        terminal.type("never sent\u001B");
        assertThat(List.of(terminal.next(), terminal.next())).containsExactly("> ", "OK");
        // the network refuses the next one
        modem.failNextSms(1);
        terminal.type("AT+CMGS=\"+34600123789\"");
        terminal.type("refused\u001A");
        assertThat(List.of(terminal.next(), terminal.next())).containsExactly("> ", "+CMS ERROR: 500");
        assertThat(modem.sentSms()).hasSize(1);
        assertThat(modem.commands()).noneMatch(c -> c.contains("agua") || c.contains("never") || c.contains("refused"));
    }
}
