package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> text(List<byte[]> lines) {
        return lines.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void cutsAtCrAndLfAndDropsEmptyLines() {
        LineFramer framer = new LineFramer();
        assertThat(text(framer.accept(bytes("AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n")))).containsExactly("AT+CSQ",
                "+CSQ: 20,0", "OK");
        assertThat(text(framer.accept(bytes("RING\nBUSY\r")))).containsExactly("RING", "BUSY");
    }

    @Test
    void aLineInPiecesWaitsForItsEnd() {
        LineFramer framer = new LineFramer();
        assertThat(framer.accept(bytes("\r\n+CS"))).isEmpty();
        assertThat(framer.accept(bytes("Q: 1"))).isEmpty();
        assertThat(text(framer.accept(bytes("8,0\r\nO")))).containsExactly("+CSQ: 18,0");
        assertThat(text(framer.accept(bytes("K\r\n")))).containsExactly("OK");
    }

    @Test
    void keepsBytesThatAreNotTextAsTheyAre() {
        LineFramer framer = new LineFramer();
        byte[] noise = {(byte) 0xFF, (byte) 0xC3, 0x28, 0x00, '\r', '\n'};
        List<byte[]> lines = framer.accept(noise);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).containsExactly(0xFF, 0xC3, 0x28, 0x00);
    }

    @Test
    void anOverlongLineIsDroppedWholeAndTheNextOneIsRead() {
        LineFramer framer = new LineFramer();
        byte[] endless = new byte[LineFramer.MAX_LINE * 3];
        Arrays.fill(endless, (byte) 'x');
        assertThat(framer.accept(endless)).isEmpty();
        assertThat(text(framer.accept(bytes("tail\r\nOK\r\n")))).containsExactly("OK");
        assertThat(framer.droppedLines()).isEqualTo(1);
    }

    @Test
    void aLineOfExactlyTheLimitIsKept() {
        LineFramer framer = new LineFramer();
        byte[] line = new byte[LineFramer.MAX_LINE + 1];
        Arrays.fill(line, (byte) 'y');
        line[LineFramer.MAX_LINE] = '\n';
        assertThat(framer.accept(line)).singleElement().satisfies(l -> assertThat(l).hasSize(LineFramer.MAX_LINE));
    }

    @Test
    void theSmsPromptIsALineAlthoughNoCrOrLfFollowsIt() {
        LineFramer framer = new LineFramer();
        assertThat(text(framer.accept(bytes("\r\n> ")))).containsExactly("> ");
        // the prompt in pieces, and a line that merely starts with '>' still waits for its end
        assertThat(text(framer.accept(bytes("\r\n>")))).containsExactly(">");
        assertThat(framer.accept(bytes("> not a prompt"))).isEmpty();
        assertThat(text(framer.accept(bytes("\r\n")))).containsExactly("> not a prompt");
    }
}
