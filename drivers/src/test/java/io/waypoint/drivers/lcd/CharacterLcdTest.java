package io.waypoint.drivers.lcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.sim.chip.kiosk.BackpackLcd;
import io.waypoint.sim.chip.kiosk.Hd44780Display;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against the emulated PCF8574 backpack and HD44780, through Pi4J and the hal-sim plugin. */
class CharacterLcdTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final String BLANK = " ".repeat(20);

    private final ManualScheduler time = new ManualScheduler(T0);
    private final BackpackLcd module = new BackpackLcd(time.clock(), 20, 4);
    private final CountingBytes bus = new CountingBytes(module);
    private final SimBoard board = SimBoard.builder(time).i2c(1, 0x27, bus).build();
    private final Context pi4j = SimBoards.pi4jContext(board);
    /** Lets simulated time pass while the driver waits: what a caller with a manual clock provides. */
    private final CharacterLcd.InstructionWait advance = time::advance;

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    private CharacterLcd lcd() {
        return CharacterLcd.open(pi4j, 1, 0x27, CharacterLcd.Size.COLUMNS_20_ROWS_4, advance);
    }

    private static String m(int slot) {
        return String.valueOf(Hd44780Display.marker(slot));
    }

    @Test
    void showsFourLinesPaddedAndCut() {
        lcd().show("Cargar su telefono", "Puerto 3: libre", "", "This line is longer than twenty");

        assertThat(module.text()).containsExactly("Cargar su telefono  ", "Puerto 3: libre     ", BLANK,
                "This line is longer ");
        assertThat(module.display().lostWrites()).isZero();
        assertThat(module.backlightOn()).isTrue();
    }

    @Test
    void fewerLinesLeaveTheRestBlankAndTooManyAreRefused() {
        CharacterLcd lcd = lcd();
        lcd.show("one", "two", "three", "four");
        lcd.show("only");

        assertThat(module.text()).containsExactly("only" + " ".repeat(16), BLANK, BLANK, BLANK);
        assertThatThrownBy(() -> lcd.show("1", "2", "3", "4", "5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 lines for a display of 4 rows");
    }

    @Test
    void aSixteenByTwoShowsTwoLinesOfSixteen() {
        BackpackLcd small = new BackpackLcd(time.clock(), 16, 2);
        SimBoard b = SimBoard.builder(time).i2c(1, 0x3F, small).build();
        Context c = SimBoards.pi4jContext(b);
        try {
            CharacterLcd.open(c, 1, 0x3F, CharacterLcd.Size.COLUMNS_16_ROWS_2, advance)
                    .show("Agua segura", "Safe water - 16 chars max");

            assertThat(small.text()).containsExactly("Agua segura     ", "Safe water - 16 ");
        } finally {
            c.shutdown();
            b.close();
        }
    }

    @Test
    void rewritesOnlyTheCharactersThatChanged() {
        CharacterLcd lcd = lcd();
        lcd.show("Hora 10:41:07", "Puertos libres: 5");
        long before = bus.bytes();

        lcd.show("Hora 10:41:07", "Puertos libres: 5");
        assertThat(bus.bytes()).as("nothing changed: nothing sent").isEqualTo(before);

        lcd.show("Hora 10:41:08", "Puertos libres: 5");
        // one address instruction and one character, 4 port bytes each
        assertThat(bus.bytes() - before).isEqualTo(8);
        assertThat(module.text().get(0)).startsWith("Hora 10:41:08 ");
    }

    @Test
    void aChangeInTwoPlacesSendsTwoRuns() {
        CharacterLcd lcd = lcd();
        lcd.show("ab-cd");
        long before = bus.bytes();

        lcd.show("xb-cy");

        assertThat(bus.bytes() - before).isEqualTo(16);
        assertThat(module.text().get(0)).startsWith("xb-cy ");
    }

    @Test
    void accentedLettersGetCustomCharactersInReadingOrder() {
        lcd().show("Teléfono", "Ça marche, où?", "Ñandú");

        List<String> text = module.text();
        assertThat(text.get(0)).startsWith("Tel" + m(0) + "fono");
        assertThat(text.get(1)).startsWith(m(1) + "a marche, o" + m(2) + "?");
        assertThat(text.get(2)).startsWith(m(3) + "and" + m(4));
        assertThat(module.display().glyph(0)).containsExactly(AccentGlyphs.of('é').orElseThrow().rows());
        assertThat(module.display().glyph(1)).containsExactly(AccentGlyphs.of('Ç').orElseThrow().rows());
        assertThat(module.display().glyph(4)).containsExactly(AccentGlyphs.of('ú').orElseThrow().rows());
    }

    @Test
    void theRomsOwnLettersNeedNoCustomCharacter() {
        lcd().show("Niño, pingüino");

        assertThat(module.text().get(0)).startsWith("Niño, pingüino");
        assertThat(module.display().code(0, 2)).isEqualTo(0xEE);
    }

    @Test
    void aNinthAccentedLetterOnOneScreenLosesItsAccentOnly() {
        lcd().show("á é í ó ú", "à è ò ç");

        assertThat(module.text().get(0)).isEqualTo(m(0) + " " + m(1) + " " + m(2) + " " + m(3) + " " + m(4)
                + " ".repeat(11));
        assertThat(module.text().get(1)).startsWith(m(5) + " " + m(6) + " " + m(7) + " c ");
    }

    @Test
    void aGlyphAlreadyLoadedIsNotWrittenAgain() {
        CharacterLcd lcd = lcd();
        lcd.show("Teléfono 1");
        long before = bus.bytes();

        lcd.show("Teléfono 2");

        assertThat(bus.bytes() - before).isEqualTo(8);
    }

    @Test
    void applicationGlyphsTakeTheirSlotForGoodAndShowForTheirCharacter() {
        CharacterLcd lcd = lcd();
        Glyph battery = Glyph.of(".###.", "#...#", "#...#", "#####", "#####", "#####", "#####", ".....");
        lcd.defineGlyph('▮', battery);

        lcd.show("▮ 80% Teléfono");

        assertThat(module.text().get(0)).startsWith(m(0) + " 80% Tel" + m(1) + "fono");
        assertThat(module.display().glyph(0)).containsExactly(battery.rows());
    }

    @Test
    void nineApplicationGlyphsAreRefused() {
        CharacterLcd lcd = lcd();
        Glyph g = Glyph.of(".....", ".....", ".....", ".....", ".....", ".....", ".....", "#####");
        for (char c = 'α'; c < 'α' + 8; c++) {
            lcd.defineGlyph(c, g);
        }

        assertThatThrownBy(() -> lcd.defineGlyph('z', g)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all 8 custom characters");
    }

    @Test
    void theBacklightSwitchesWithoutTouchingTheText() {
        CharacterLcd lcd = lcd();
        lcd.show("Hola");

        lcd.backlight(false);
        assertThat(module.backlightOn()).isFalse();
        lcd.show("Hola!");

        assertThat(module.backlightOn()).as("stays off while writing").isFalse();
        assertThat(module.text().get(0)).startsWith("Hola! ");
        lcd.backlight(true);
        assertThat(module.backlightOn()).isTrue();
    }

    @Test
    void waitsTheClearTimeAndTheInitialisationsOwn() {
        lcd().show("x");

        // 50 ms power-on, 4.5 + 4.5 ms + 150 µs, 2 ms clear, and 50 µs after each of 4 other steps and 1 row
        assertThat(time.now()).isEqualTo(T0.plusNanos(50_000_000 + 9_000_000 + 150_000 + 2_000_000 + 5 * 50_000));
    }

    @Test
    void aDriverThatDoesNotWaitLosesInstructionsAndTheEmulationShowsIt() {
        CharacterLcd hasty = CharacterLcd.open(pi4j, 1, 0x27, CharacterLcd.Size.COLUMNS_20_ROWS_4, d -> { });

        hasty.show("Bienvenido");

        assertThat(module.display().lostWrites()).isPositive();
        assertThat(module.text().get(0)).isNotEqualTo("Bienvenido" + " ".repeat(10));
    }

    @Test
    void afterAnI2cErrorTheNextCallInitialisesAndRedrawsEverything() {
        CharacterLcd lcd = lcd();
        lcd.show("Agua", "segura");
        bus.failNext();
        assertThatThrownBy(() -> lcd.show("Agua", "no segura")).isInstanceOf(LcdException.class);

        lcd.show("Agua", "no segura");

        assertThat(module.text()).startsWith("Agua" + " ".repeat(16), "no segura" + " ".repeat(11));
        assertThat(module.display().lostWrites()).isZero();
    }

    @Test
    void aDisplayLeftMidByteIsBroughtBackByTheInitialisation() {
        CharacterLcd first = lcd();
        first.show("before");
        module.write(new byte[] {(byte) 0x5C, (byte) 0x58}); // half a byte: a driver killed mid-write
        first.close();
        time.advance(Duration.ofSeconds(1));

        lcd().show("after");

        assertThat(module.text().get(0)).startsWith("after ");
    }

    @Test
    void reinitialisingRepairsADisplayScrambledByNoise() {
        CharacterLcd lcd = lcd();
        lcd.show("Agua segura");
        module.write(new byte[] {0x0C, 0x08}); // noise on E: a stray nibble, so every later byte is split wrong
        time.advance(Duration.ofMillis(1));
        lcd.show("Agua segura!");
        assertThat(module.text().get(0)).isNotEqualTo("Agua segura!" + " ".repeat(8));

        lcd.reinitialise();

        assertThat(module.text().get(0)).isEqualTo("Agua segura!" + " ".repeat(8));
    }

    // Failures a technician must be able to act on.

    @Test
    void aMissingDisplayIsReportedWithItsBusAddressAndPads() {
        CharacterLcd missing = CharacterLcd.open(pi4j, 1, 0x3F, CharacterLcd.Size.COLUMNS_20_ROWS_4, advance);

        assertThatThrownBy(() -> missing.show("x")).isInstanceOf(LcdException.class)
                .hasMessageStartingWith("LCD 20x4 (PCF8574 backpack) at I2C bus 1 address 0x3F did not answer when"
                        + " initialising it")
                .hasMessageContaining("A0-A2").hasMessageContaining("i2cdetect -y 1");
    }

    @Test
    void anAddressNoBackpackCanHaveIsRefused() {
        assertThatThrownBy(() -> CharacterLcd.open(pi4j, 1, 0x30, CharacterLcd.Size.COLUMNS_20_ROWS_4, advance))
                .isInstanceOf(LcdException.class).hasMessageContaining("0x30").hasMessageContaining("0x27 or 0x3F");
    }

    @Test
    void aBusThatDoesNotExistPointsAtTheI2cSetting() {
        assertThatThrownBy(() -> CharacterLcd.open(pi4j, 4, 0x27, CharacterLcd.Size.COLUMNS_20_ROWS_4, advance))
                .isInstanceOf(LcdException.class).hasMessageContaining("bus 4").hasMessageContaining("enable I2C");
    }

    @Test
    void widthCountsComposedCharactersOnce() {
        assertThat(CharacterLcd.width("Tele\u0301fono")).isEqualTo(8);
        assertThat(CharacterLcd.width("Téléphone gratuit")).isEqualTo(17);
    }

    /** Counts the bytes written to the display, and can fail the next transaction as a loose wire does. */
    private static final class CountingBytes implements I2cDevice {
        private final I2cDevice device;
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean fail;

        CountingBytes(I2cDevice device) {
            this.device = device;
        }

        long bytes() {
            return bytes.get();
        }

        void failNext() {
            fail = true;
        }

        @Override
        public void write(byte[] data) {
            if (fail) {
                fail = false;
                throw new io.waypoint.sim.chip.I2cNack("loose SDA wire");
            }
            bytes.addAndGet(data.length);
            device.write(data);
        }

        @Override
        public byte[] read(int length) {
            return device.read(length);
        }
    }
}
