package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AtLineTest {
    private static final String NUMBER = "+441234567890";

    private static AtLine parse(String line) {
        return AtLine.parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsFinalResultCodes() {
        assertThat(parse("OK")).isEqualTo(new AtLine.Ok());
        assertThat(parse("ERROR")).isEqualTo(new AtLine.Error());
        assertThat(parse("+CME ERROR: 10")).isEqualTo(new AtLine.CmeError(10));
        assertThat(parse("+CME ERROR: 257")).isEqualTo(new AtLine.CmeError(257));
        assertThat(parse("+CMS ERROR: 500")).isEqualTo(new AtLine.Error());
        assertThat(parse("  ok ")).as("case and spaces").isEqualTo(new AtLine.Ok());
    }

    @Test
    void readsCmeErrorTextsAsTheirCodes() {
        assertThat(parse("+CME ERROR: SIM not inserted")).isEqualTo(new AtLine.CmeError(10));
        assertThat(parse("+CME ERROR: no network service")).isEqualTo(new AtLine.CmeError(30));
        assertThat(parse("+CME ERROR: network rejected request")).isEqualTo(new AtLine.CmeError(257));
        assertThat(parse("+CME ERROR: Saldo insuficiente")).isEqualTo(new AtLine.CmeError(-1));
    }

    @Test
    void anAnswerOnlyEndsACommandWhenItIsAFinalResult() {
        assertThat(parse("OK").endsAnyCommand()).isTrue();
        assertThat(parse("+CME ERROR: 3").endsAnyCommand()).isTrue();
        assertThat(parse("NO CARRIER").endsAnyCommand()).as("only ATD ends on call progress").isFalse();
        assertThat(parse("+CSQ: 20,0").endsAnyCommand()).isFalse();
    }

    @Test
    void readsCallProgressWords() {
        assertThat(parse("NO CARRIER")).isEqualTo(new AtLine.CallProgress(AtLine.Progress.NO_CARRIER));
        assertThat(parse("BUSY")).isEqualTo(new AtLine.CallProgress(AtLine.Progress.BUSY));
        assertThat(parse("NO ANSWER")).isEqualTo(new AtLine.CallProgress(AtLine.Progress.NO_ANSWER));
        assertThat(parse("NO DIALTONE")).isEqualTo(new AtLine.CallProgress(AtLine.Progress.NO_DIALTONE));
        assertThat(parse("NO DIAL TONE")).isEqualTo(new AtLine.CallProgress(AtLine.Progress.NO_DIALTONE));
    }

    @Test
    void readsTheErrorModeTheSyncAsksFor() {
        assertThat(parse("+CMEE: 1")).isEqualTo(new AtLine.ErrorMode(1));
        assertThat(parse("+CMEE: x")).isInstanceOf(AtLine.Unknown.class);
    }

    @Test
    void readsSignalAndSim() {
        assertThat(parse("+CSQ: 18,0")).isEqualTo(new AtLine.SignalQuality(18, 0));
        assertThat(parse("+CSQ: 99,99")).isEqualTo(new AtLine.SignalQuality(99, 99));
        assertThat(parse("+CSQ: x")).isInstanceOf(AtLine.Unknown.class);
        assertThat(parse("+CPIN: READY")).isEqualTo(new AtLine.SimStatus(AtLine.Sim.READY));
        assertThat(parse("+CPIN: SIM PIN")).isEqualTo(new AtLine.SimStatus(AtLine.Sim.PIN_REQUIRED));
        assertThat(parse("+CPIN: SIM PUK")).isEqualTo(new AtLine.SimStatus(AtLine.Sim.PUK_REQUIRED));
        assertThat(parse("+CPIN: NOT INSERTED")).isEqualTo(new AtLine.SimStatus(AtLine.Sim.NOT_INSERTED));
    }

    @Test
    void readsRegistrationInTheAnswerAndTheUnsolicitedForm() {
        assertThat(parse("+CREG: 0,1")).isEqualTo(new AtLine.Registration(1));
        assertThat(parse("+CREG: 2,5,\"1A2B\",\"01C3\"")).isEqualTo(new AtLine.Registration(5));
        assertThat(parse("+CREG: 3")).as("unsolicited, n=1").isEqualTo(new AtLine.Registration(3));
        assertThat(parse("+CREG: 1,\"1A2B\",\"01C3\"")).as("unsolicited, n=2").isEqualTo(new AtLine.Registration(1));
    }

    @Test
    void readsACurrentCallWithoutItsNumber() {
        AtLine line = parse("+CLCC: 1,0,3,0,0,\"" + NUMBER + "\",145");
        assertThat(line).isEqualTo(new AtLine.CurrentCall(1, true, 3, true));
        assertThat(parse("+CLCC: 2,1,4,0,0,\"" + NUMBER + "\",145")).isEqualTo(new AtLine.CurrentCall(2, false, 4, true));
        assertThat(parse("+CLCC: 1,0,0,1,0,\"\",129")).as("a data call").isEqualTo(new AtLine.CurrentCall(1, true, 0, false));
        assertThat(line.toString()).doesNotContain("441234");
        assertThat(line.kind()).isEqualTo("+CLCC stat 3 outgoing");
    }

    @Test
    void aCurrentCallLineThatDoesNotParseSaysOnlyThat() {
        AtLine line = parse("+CLCC: 1,0,x" + NUMBER);
        assertThat(line).isInstanceOf(AtLine.Unknown.class);
        assertThat(line.kind()).startsWith("+CLCC malformed").doesNotContain("441234");
        assertThat(parse("+CLCC: 1,0")).isInstanceOf(AtLine.Unknown.class);
    }

    @Test
    void linesThatNameAPartyOrCarryOperatorTextKeepNothingButTheirKind() {
        for (String line : new String[] {"+CLIP: \"" + NUMBER + "\",145,\"\",0,\"\",0", "+COLP: \"" + NUMBER + "\",145",
                "+CCWA: \"" + NUMBER + "\",145,1", "MISSED_CALL: 10:15AM " + NUMBER,
                "+CUSD: 0,\"Your number " + NUMBER + " has no credit\",15", "+CME ERROR: " + NUMBER + " barred",
                "+CSQ: " + NUMBER, "+CREG: " + NUMBER, "+XNUM: " + NUMBER, "Calling " + NUMBER}) {
            AtLine parsed = parse(line);
            assertThat(parsed.toString()).as(line).doesNotContain("441234");
            assertThat(parsed.kind()).as(line).doesNotContain("441234");
        }
        assertThat(parse("MISSED_CALL: 10:15AM " + NUMBER)).isEqualTo(new AtLine.PartyInfo("MISSED_CALL"));
        assertThat(parse("+CLIP: \"" + NUMBER + "\",145")).isEqualTo(new AtLine.PartyInfo("+CLIP"));
        assertThat(parse("+CUSD: 0,\"x\",15")).isEqualTo(new AtLine.OperatorMessage());
    }

    @Test
    void ourOwnCommandsComingBackAreEchoes() {
        assertThat(parse("AT+CSQ")).isEqualTo(new AtLine.Echo());
        assertThat(parse("ATD" + NUMBER + ";")).isEqualTo(new AtLine.Echo());
        assertThat(parse("ATD" + NUMBER + ";").kind()).isEqualTo("echo");
    }

    @Test
    void unknownLinesGiveTheirPrefixOrNothing() {
        assertThat(parse("+CMTI: \"SM\",3").kind()).isEqualTo("+CMTI (13 bytes)");
        assertThat(parse("Call Ready").kind()).isEqualTo("text (10 bytes)");
        assertThat(parse("RING")).isEqualTo(new AtLine.Ring());
    }

    @Test
    void anUnknownLineStartingWithANumberIsNotNamedByIt() {
        // found by the fuzz harness: the kind of "+<number>: ..." was the number, and kinds are logged
        assertThat(parse(NUMBER + ": 1").kind()).isEqualTo("text (16 bytes)");
        assertThat(parse("+9223372036854775807: x").kind()).doesNotContainPattern("[0-9]{4}");
        assertThat(parse("+C5GREG: 1,\"00C3\"").kind()).as("a code with a digit in its name").startsWith("+C5GREG ");
        assertThat(parse("+QIND4412345: 1").kind()).as("no code has more than a few digits").startsWith("text");
    }

    @Test
    void bytesThatAreNotTextAreUnreadableNotAnError() {
        byte[] noise = {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 0x00, 'O', 'K'};
        assertThat(AtLine.parse(noise)).isEqualTo(new AtLine.Unknown("unreadable", 7));
        byte[] clipWithNoise = ("+CLIP: \"" + NUMBER + "\u00ff\u00fe\",145").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(AtLine.parse(clipWithNoise)).isEqualTo(new AtLine.PartyInfo("+CLIP"));
        byte[] okWithNoise = {'O', 'K', (byte) 0x80};
        assertThat(AtLine.parse(okWithNoise)).as("a damaged OK is no OK").isInstanceOf(AtLine.Unknown.class);
        assertThat(AtLine.parse(new byte[0])).isInstanceOf(AtLine.Unknown.class);
    }
}
