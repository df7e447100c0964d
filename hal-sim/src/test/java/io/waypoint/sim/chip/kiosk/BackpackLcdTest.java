package io.waypoint.sim.chip.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The module driven byte by byte as a driver would, through the backpack's port. */
class BackpackLcdTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final int BL = BackpackLcd.BACKLIGHT;

    private final ManualScheduler time = new ManualScheduler(T0);
    private BackpackLcd lcd = new BackpackLcd(time.clock(), 20, 4);

    /** One E pulse with {@code nibble} on D7–D4, as one transaction. */
    private void pulse(int nibble, boolean data) {
        int p = nibble << 4 | BL | (data ? BackpackLcd.RS : 0);
        lcd.write(new byte[] {(byte) (p | BackpackLcd.E), (byte) p});
    }

    /** A byte as two pulses in one transaction, then the wait a careful driver makes. */
    private void send(int value, boolean data, Duration wait) {
        int rs = data ? BackpackLcd.RS : 0;
        int hi = (value & 0xF0) | BL | rs;
        int lo = (value << 4 & 0xF0) | BL | rs;
        lcd.write(new byte[] {(byte) (hi | BackpackLcd.E), (byte) hi, (byte) (lo | BackpackLcd.E), (byte) lo});
        time.advance(wait);
    }

    private void command(int instruction) {
        send(instruction, false, Duration.ofNanos(50_000));
    }

    private void text(String s) {
        for (char c : s.toCharArray()) {
            send(c, true, Duration.ofNanos(50_000));
        }
    }

    private void initialise() {
        lcd.write(new byte[] {(byte) BL});
        pulse(0x3, false);
        time.advance(Duration.ofNanos(4_500_000));
        pulse(0x3, false);
        time.advance(Duration.ofNanos(4_500_000));
        pulse(0x3, false);
        time.advance(Duration.ofNanos(150_000));
        pulse(0x2, false);
        time.advance(Duration.ofNanos(150_000));
        command(0x28);
        command(0x0C);
        send(0x01, false, Duration.ofMillis(2));
        command(0x06);
    }

    @Test
    void theDatasheetInitialisationGivesAnEmptyDisplayInFourBitMode() {
        assertThat(lcd.display().fourBitMode()).isFalse();

        initialise();

        assertThat(lcd.display().fourBitMode()).isTrue();
        assertThat(lcd.display().displayOn()).isTrue();
        assertThat(lcd.text()).containsOnly(" ".repeat(20));
        assertThat(lcd.display().lostWrites()).isZero();
    }

    @Test
    void rowsOfATwentyByFourStartAt00_40_14_54() {
        initialise();
        for (int[] row : new int[][] {{0x00, 'A'}, {0x40, 'B'}, {0x14, 'C'}, {0x54, 'D'}}) {
            command(0x80 | row[0]);
            text(Character.toString(row[1]) + "bc");
        }

        assertThat(lcd.text()).containsExactly("Abc" + " ".repeat(17), "Bbc" + " ".repeat(17),
                "Cbc" + " ".repeat(17), "Dbc" + " ".repeat(17));
    }

    @Test
    void writingPastTheEndOfRowOneContinuesOnRowThreeThenRowTwo() {
        initialise();
        command(0x80 | 0x12);
        text("abcd");
        command(0x80 | 0x26);
        text("xyz");

        assertThat(lcd.text().get(0)).endsWith("ab");
        assertThat(lcd.text().get(2)).startsWith("cd").endsWith("xy");
        assertThat(lcd.text().get(1)).startsWith("z");
    }

    @Test
    void aSixteenByTwoShowsLinesFrom00And40() {
        lcd = new BackpackLcd(time.clock(), 16, 2);
        initialise();
        command(0x80 | 0x0E);
        text("abcd");
        command(0x80 | 0x40);
        text("row 2");

        assertThat(lcd.text()).containsExactly(" ".repeat(14) + "ab", "row 2" + " ".repeat(11));
    }

    @Test
    void anInstructionSentTooSoonAfterAClearIsLost() {
        initialise();
        text("old");
        send(0x01, false, Duration.ZERO); // a driver that does not wait 1.52 ms
        command(0x80 | 0x40);
        text("new");
        time.advance(Duration.ofMillis(2));

        assertThat(lcd.display().lostWrites()).isPositive();
        assertThat(lcd.text().get(1)).doesNotContain("new");
    }

    @Test
    void waitingThroughTheClearKeepsEverything() {
        initialise();
        text("old");
        send(0x01, false, Duration.ofNanos(1_520_000));
        command(0x80 | 0x40);
        text("new");

        assertThat(lcd.display().lostWrites()).isZero();
        assertThat(lcd.text().get(1)).startsWith("new");
    }

    @Test
    void atOneHundredKilohertzTheBusAloneSpacesCharactersEnough() {
        initialise();
        send('a', true, Duration.ZERO);
        send('b', true, Duration.ZERO);
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (char c : "cdef".toCharArray()) {
            int hi = (c & 0xF0) | BL | BackpackLcd.RS;
            int lo = (c << 4 & 0xF0) | BL | BackpackLcd.RS;
            run.writeBytes(new byte[] {(byte) (hi | BackpackLcd.E), (byte) hi, (byte) (lo | BackpackLcd.E), (byte) lo});
        }
        lcd.write(run.toByteArray());

        assertThat(lcd.text().get(0)).startsWith("abcdef ");
        assertThat(lcd.display().lostWrites()).isZero();
    }

    @Test
    void charactersCloserThanTheExecutionTimeAreLost() {
        lcd = new BackpackLcd(time.clock(), 20, 4, 1_000_000); // beyond the PCF8574's 100 kHz: 9 µs a byte
        initialise();
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        for (char c : "ab".toCharArray()) {
            int hi = (c & 0xF0) | BL | BackpackLcd.RS;
            int lo = (c << 4 & 0xF0) | BL | BackpackLcd.RS;
            two.writeBytes(new byte[] {(byte) (hi | BackpackLcd.E), (byte) hi, (byte) (lo | BackpackLcd.E), (byte) lo});
        }
        lcd.write(two.toByteArray()); // 'b' completes 36 µs after 'a': within its 37 µs

        assertThat(lcd.display().lostWrites()).isEqualTo(1);
        assertThat(lcd.text().get(0)).startsWith("a ");
    }

    @Test
    void theFirstInstructionAfterPowerOnTakesFourMilliseconds() {
        lcd.write(new byte[] {(byte) BL});
        pulse(0x3, false);
        time.advance(Duration.ofMillis(1));
        pulse(0x3, false);

        assertThat(lcd.display().lostWrites()).isEqualTo(1);
    }

    @Test
    void threeTimesThreeThenTwoRecoversFromAnyNibblePhase() {
        initialise();
        pulse(0x5, false); // a stray nibble: the controller now waits for a low nibble
        time.advance(Duration.ofMillis(5));

        initialise();
        command(0x80);
        text("ok");

        assertThat(lcd.text().get(0)).startsWith("ok ");
        assertThat(lcd.display().fourBitMode()).isTrue();
    }

    @Test
    void customCharactersAreDefinedInCgramAndShownAsMarkers() {
        initialise();
        int[] heart = {0b00000, 0b01010, 0b11111, 0b11111, 0b01110, 0b00100, 0b00000, 0b00000};
        command(0x40 | 3 << 3);
        for (int row : heart) {
            send(row, true, Duration.ofNanos(50_000));
        }
        command(0x80);
        send(3, true, Duration.ofNanos(50_000));
        text("ok");

        assertThat(lcd.display().glyph(3)).containsExactly(heart);
        assertThat(lcd.display().code(0, 0)).isEqualTo(3);
        assertThat(lcd.text().get(0)).startsWith(Hd44780Display.marker(3) + "ok");
        assertThat(Hd44780Display.marker(3)).isEqualTo('③');
        assertThat(Hd44780Display.marker(0)).isEqualTo('⓪');
    }

    @Test
    void theBacklightFollowsP3() {
        assertThat(lcd.backlightOn()).as("port powers on high").isTrue();
        lcd.write(new byte[] {0});
        assertThat(lcd.backlightOn()).isFalse();
        lcd.write(new byte[] {(byte) BL});
        assertThat(lcd.backlightOn()).isTrue();
    }

    @Test
    void displayOffBlanksTheGlassAndKeepsTheText() {
        initialise();
        text("kept");
        command(0x08);
        assertThat(lcd.text()).containsOnly(" ".repeat(20));

        command(0x0C);
        assertThat(lcd.text().get(0)).startsWith("kept");
    }

    @Test
    void entryModeDecrementWritesRightToLeft() {
        initialise();
        command(0x04);
        command(0x80 | 0x05);
        text("abc");

        assertThat(lcd.text().get(0)).startsWith("   cba");
    }

    @Test
    void aDisplayShiftMovesEveryLine() {
        initialise();
        text("abc");
        command(0x18); // shift display left

        assertThat(lcd.text().get(0)).startsWith("bc ");
    }

    @Test
    void homeReturnsTheAddressAndUndoesTheShift() {
        initialise();
        text("abc");
        command(0x18);
        send(0x02, false, Duration.ofMillis(2));
        text("X");

        assertThat(lcd.text().get(0)).startsWith("Xbc");
    }

    @Test
    void oneLineModeLeavesTheSecondLineBlank() {
        initialise();
        command(0x20); // 4-bit, one line
        command(0x80 | 0x40);
        text("hidden");
        command(0x80);
        text("shown");

        assertThat(lcd.text().get(0)).startsWith("shown");
        assertThat(lcd.text().get(1)).isBlank();
    }

    @Test
    void theA00RomHasNoAccentsButAFewUmlautsAndTheYen() {
        assertThat(Hd44780Display.character('A')).isEqualTo('A');
        assertThat(Hd44780Display.character(0x5C)).isEqualTo('¥');
        assertThat(Hd44780Display.character(0xEE)).isEqualTo('ñ');
        assertThat(Hd44780Display.character(0xF5)).isEqualTo('ü');
        assertThat(Hd44780Display.character(0xDF)).isEqualTo('ﾟ');
        assertThat(Hd44780Display.character(0xB1)).isEqualTo('ｱ');
        assertThat(Hd44780Display.character(0xFF)).isEqualTo('█');
        assertThat(Hd44780Display.character(0x9A)).isEqualTo(' ');
        assertThat(Hd44780Display.character(0x0B)).isEqualTo(Hd44780Display.marker(3));
    }

    @Test
    void bytesOfOneTransactionLandNinetyMicrosecondsApartAtOneHundredKilohertz() {
        java.util.List<Instant> seen = new java.util.ArrayList<>();
        Pcf8574Chip port = new Pcf8574Chip(time.clock(), 100_000, (at, pins) -> seen.add(at));

        port.write(new byte[] {1, 2, 3});

        assertThat(seen).containsExactly(T0.plusNanos(180_000), T0.plusNanos(270_000), T0.plusNanos(360_000));
        assertThat(port.read(1)).containsExactly(3);
        port.write(new byte[] {4});
        // after 4 bytes of the write and 2 of the read, as if each call had taken its bus time
        assertThat(seen.get(3)).isEqualTo(T0.plusNanos(6 * 90_000 + 180_000));
    }
}
