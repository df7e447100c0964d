package io.waypoint.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a person's terminal sends, byte by byte, and what they see echoed. */
class LineEditorTest {
    private final StringBuilder echo = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private int interrupts;
    private final LineEditor editor = new LineEditor(new LineEditor.Listener() {
        @Override
        public void echo(String text) {
            echo.append(text);
        }

        @Override
        public void line(String line) {
            lines.add(line);
        }

        @Override
        public void interrupt() {
            interrupts++;
        }
    });

    private void send(byte... bytes) {
        editor.feed(bytes, 0, bytes.length);
    }

    private void send(String ascii) {
        send(ascii.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typedCharactersAreEchoedAndEnterEndsTheLine() {
        send("help\r");

        assertThat(echo).hasToString("help\r\n");
        assertThat(lines).containsExactly("help");
    }

    @Test
    void crLfLfAndCrAloneEachEndOneLine() {
        send("a\r\nb\nc\r\r\n");

        assertThat(lines).containsExactly("a", "b", "c", "");
    }

    @Test
    void aCrLfSplitAcrossTwoReadsIsStillOneLineEnd() {
        send("status\r");
        send("\n");

        assertThat(lines).containsExactly("status");
    }

    @Test
    void backspaceAndDelRubOutTheLastCharacterOnScreenAndInTheLine() {
        send("stx\bax\u007ftus\r");

        assertThat(lines).containsExactly("status");
        assertThat(echo).hasToString("stx\b \bax\b \btus\r\n");
    }

    @Test
    void backspaceOnAnEmptyLineDoesNothing() {
        send("\u007f\u007fok\r");

        assertThat(echo).hasToString("ok\r\n");
        assertThat(lines).containsExactly("ok");
    }

    @Test
    void backspaceRemovesAWholeAccentedLetter() {
        send("ni\u00f1".getBytes(StandardCharsets.UTF_8));
        send("\u007fo\r");

        assertThat(lines).containsExactly("nio");
    }

    @Test
    void ctrlUClearsTheLineAndCtrlCAbandonsIt() {
        send("calibrate\u0015status\r");
        send("cartridge rep\u0003");
        send("\r");

        assertThat(lines).containsExactly("status", "");
        assertThat(interrupts).isEqualTo(1);
        assertThat(echo.toString()).contains("^C");
    }

    @Test
    void arrowAndFunctionKeysAreDroppedNotTyped() {
        send("\u001b[Asta\u001b[D\u001bOPtus\u001b[15~\r");

        assertThat(lines).containsExactly("status");
        assertThat(echo.toString()).doesNotContain("[").doesNotContain("\u001b");
    }

    @Test
    void noiseBytesAndBrokenUtf8AreDroppedAndTheRestOfTheLineKept() {
        send(new byte[] {'s', 0x00, (byte) 0xFF, 't', (byte) 0x80, 'a', (byte) 0xC3, 't', 0x07, 'u', (byte) 0xC0,
                (byte) 0xAF, 's', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC2, (byte) 0x85, '\r'});

        assertThat(lines).containsExactly("status");
        assertThat(echo).hasToString("status\r\n");
    }

    @Test
    void validUtf8IsKeptAndEchoed() {
        send("note caf\u00e9 \u20ac\r".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).containsExactly("note caf\u00e9 \u20ac");
        assertThat(echo).hasToString("note caf\u00e9 \u20ac\r\n");
    }

    @Test
    void anEndlessLineStopsGrowingOnePastTheLimitSoTheShellRefusesIt() {
        send("x".repeat(10_000) + "\r");

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).hasSize(ConsoleShell.MAX_LINE_CHARS + 1);
        assertThat(echo).hasSize(ConsoleShell.MAX_LINE_CHARS + 1 + 2);
    }

    @Test
    void aTabIsASpace() {
        send("calibrate\tflow\t10\r");

        assertThat(lines).containsExactly("calibrate flow 10");
    }
}
