package io.waypoint.drivers.lcd;

import io.waypoint.drivers.RootCause;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HD44780 character LCD (20×4 or 16×2) behind a PCF8574 I2C backpack (addresses 0x20–0x27, or
 * 0x38–0x3F for a PCF8574A), with the usual wiring (see {@link BackpackBytes}).
 *
 * <p>{@link #show} puts a whole screen up: each line is padded or cut to the width; letters the
 * A00 ROM lacks get one of the 8 custom characters (accented letters of Spanish, French,
 * Portuguese and Haitian Creole) or, when the screen needs more than 8, their plain letter, as
 * {@link ScreenCodes} decides from the text alone. The driver remembers what the display holds and
 * writes only the characters that changed (a screen redrawn every second with a clock on it costs a
 * few bytes, not 80 characters), and nothing at all when nothing changed.
 *
 * <p>Nothing is sent when the driver is opened: the first call initialises the display (4-bit
 * mode by the datasheet's sequence, which works from any state the controller was left in: 0x3 three
 * times, 0x2, then 0x28, 0x0C, clear, 0x06). After an I2C error the next call initialises it again
 * and redraws it whole, since a display whose power dipped has lost its mode and its text.
 *
 * <p>Timing: the driver never reads the busy flag; it waits, through its {@link InstructionWait}, the
 * execution time of what it sent before it sends anything more: 1.52 ms after clear (2 ms), 37 µs
 * after anything else (50 µs), and the initialisation's own waits. Within one I2C transaction the bus
 * spaces the bytes (a character's 4 port bytes take 360 µs at 100 kHz, 90 µs at 400 kHz), so an
 * address and a run of characters go in one transaction.
 *
 * <p>Thread-safe. Errors are {@link LcdException}s whose messages name the display, its bus and
 * address, and what to check. A display that answers but shows nothing, or a row of blocks, needs
 * the contrast potentiometer on its backpack turned: no software sees that.
 */
public final class CharacterLcd implements AutoCloseable {
    static final Duration SHORT_WAIT = Duration.ofNanos(50_000);
    static final Duration CLEAR_WAIT = Duration.ofMillis(2);
    static final Duration POWER_ON_WAIT = Duration.ofMillis(50);
    static final Duration FIRST_FUNCTION_SET_WAIT = Duration.ofNanos(4_500_000);
    static final Duration THIRD_FUNCTION_SET_WAIT = Duration.ofNanos(150_000);

    private static final int CLEAR = 0x01;
    private static final int ENTRY_INCREMENT = 0x06;
    private static final int DISPLAY_ON_CURSOR_OFF = 0x0C;
    private static final int FOUR_BIT_TWO_LINES = 0x28;
    private static final int SET_CGRAM_ADDRESS = 0x40;
    private static final int SET_DDRAM_ADDRESS = 0x80;

    /** The display's geometry and where each row starts in the controller's memory. */
    public enum Size {
        /** 20 columns, 4 rows: rows at 0x00, 0x40, 0x14, 0x54. */
        COLUMNS_20_ROWS_4(20, 4),
        /** 16 columns, 2 rows: rows at 0x00, 0x40. */
        COLUMNS_16_ROWS_2(16, 2);

        private final int columns;
        private final int rows;

        Size(int columns, int rows) {
            this.columns = columns;
            this.rows = rows;
        }

        public int columns() {
            return columns;
        }

        public int rows() {
            return rows;
        }

        /** DDRAM address of the first position of {@code row}: line {@code row % 2}, then the next {@code columns}. */
        int rowAddress(int row) {
            return (row % 2) * 0x40 + (row / 2) * columns;
        }

        @Override
        public String toString() {
            return columns + "x" + rows;
        }
    }

    /** How the driver lets the display's execution time pass (see the class comment). */
    @FunctionalInterface
    public interface InstructionWait {
        /** Returns once {@code duration} has passed. */
        void await(Duration duration);

        /**
         * Spins on {@code clock} until the duration has passed (the waits are 50 µs to 50 ms, too short
         * to hand the thread back). A clock that does not move is an {@link IllegalStateException}
         * after a billion spins, never a hang.
         */
        static InstructionWait spinning(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            return duration -> {
                Instant end = clock.instant().plus(duration);
                for (long spins = 0; clock.instant().isBefore(end); spins++) {
                    if (spins > 1_000_000_000L) {
                        throw new IllegalStateException("the clock given to the LCD driver does not move: give it"
                                + " the system clock, or an InstructionWait that advances a manual one");
                    }
                    Thread.onSpinWait();
                }
            };
        }
    }

    private final Context pi4j;
    private final I2C i2c;
    private final Size size;
    private final InstructionWait wait;
    private final String part;
    private final Map<Character, Integer> customSlots = new HashMap<>();
    private final Glyph[] customGlyphs = new Glyph[ScreenCodes.SLOTS];
    /** What each CGRAM slot holds, as far as the driver knows (null: unknown). */
    private final Glyph[] loaded = new Glyph[ScreenCodes.SLOTS];
    /** The codes the display holds at each position, as far as the driver knows. */
    private final int[][] shown;
    private List<String> lines = List.of();
    private boolean backlight = true;
    private boolean initialised;

    private CharacterLcd(Context pi4j, I2C i2c, Size size, InstructionWait wait) {
        this.pi4j = pi4j;
        this.i2c = i2c;
        this.size = size;
        this.wait = wait;
        this.part = String.format("LCD %s (PCF8574 backpack) at I2C bus %d address 0x%02X", size, i2c.bus(),
                i2c.device());
        this.shown = new int[size.rows][size.columns];
    }

    /** Opens the display, spinning on {@code clock} while it executes instructions. */
    public static CharacterLcd open(Context pi4j, int bus, int address, Size size, Clock clock) {
        return open(pi4j, bus, address, size, InstructionWait.spinning(clock));
    }

    /**
     * Opens the display at {@code address} on I2C {@code bus}. Nothing is sent yet: a missing display
     * shows at the first call.
     *
     * @throws LcdException if the address is not one a PCF8574 backpack can have, or the device cannot be opened
     */
    public static CharacterLcd open(Context pi4j, int bus, int address, Size size, InstructionWait wait) {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(wait, "wait");
        if (!(address >= 0x20 && address <= 0x27) && !(address >= 0x38 && address <= 0x3F)) {
            throw new LcdException(String.format("LCD %s address 0x%02X on I2C bus %d: a PCF8574 backpack answers"
                    + " at 0x20-0x27 (0x38-0x3F for a PCF8574A), set by its A0-A2 pads; most boards come as 0x27 or"
                    + " 0x3F: fix the address in the config (i2cdetect -y %d lists what answers)", size, address, bus,
                    bus), null);
        }
        try {
            I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id(String.format("lcd-%d-%02x", bus, address))
                    .name(String.format("LCD %s bus %d 0x%02X", size, bus, address))
                    .bus(bus).device(address).build());
            return new CharacterLcd(pi4j, i2c, size, wait);
        } catch (Pi4JException e) {
            throw new LcdException(String.format("LCD %s at I2C bus %d address 0x%02X cannot be opened (%s): enable"
                    + " I2C (raspi-config, Interface Options, I2C), check the bus number in the config and that"
                    + " nothing else opened this display", size, bus, address, RootCause.message(e)), e);
        }
    }

    /** "LCD 20x4 (PCF8574 backpack) at I2C bus 1 address 0x27": how messages name this display. */
    public String part() {
        return part;
    }

    public Size size() {
        return size;
    }

    /**
     * How many positions {@code text} takes on the display (its characters in Unicode normal form C,
     * whatever the ROM makes of them): a prompt fits a line if this is at most {@link Size#columns()}.
     */
    public static int width(String text) {
        return ScreenCodes.width(text);
    }

    /**
     * Shows {@code lines}, one per row from the top: each padded with spaces or cut to the width,
     * rows without a line left blank.
     *
     * @throws IllegalArgumentException if there are more lines than rows
     */
    public synchronized void show(List<String> lines) {
        if (lines.size() > size.rows) {
            throw new IllegalArgumentException(lines.size() + " lines for a display of " + size.rows + " rows");
        }
        lines.forEach(l -> Objects.requireNonNull(l, "line"));
        this.lines = List.copyOf(lines);
        run(this::draw);
    }

    /** Shows {@code lines}: see {@link #show(List)}. */
    public void show(String... lines) {
        show(List.of(lines));
    }

    /**
     * Initialises the display again and redraws the last screen whole. The driver writes only what
     * it believes changed, so a display scrambled by electrical noise (a relay switching beside its
     * cable) stays wrong until this is called: a kiosk calls it every few minutes, and the technician's
     * self-test calls it.
     */
    public synchronized void reinitialise() {
        initialised = false;
        run(this::draw);
    }

    /** Switches the backlight on or off (the text stays). */
    public synchronized void backlight(boolean on) {
        backlight = on;
        run(() -> send(new BackpackBytes(on).idle(), Duration.ZERO, "switching the backlight"));
    }

    /**
     * Shows {@code glyph} wherever {@code character} appears in text from now on (an icon: a battery,
     * a phone), on one of the 8 custom characters, taken for good: fewer remain for accented letters.
     * Defining a character again replaces its glyph. Shown from the next {@link #show}.
     *
     * @throws IllegalStateException if 8 characters are defined already
     */
    public synchronized void defineGlyph(char character, Glyph glyph) {
        Objects.requireNonNull(glyph, "glyph");
        Integer slot = customSlots.get(character);
        if (slot == null) {
            if (customSlots.size() == ScreenCodes.SLOTS) {
                throw new IllegalStateException(part + ": all 8 custom characters are defined (" + customSlots.keySet()
                        + "): an HD44780 has no more");
            }
            slot = 0;
            while (customSlots.containsValue(slot)) {
                slot++;
            }
            customSlots.put(character, slot);
        }
        customGlyphs[slot] = glyph;
    }

    private void run(Runnable action) {
        try {
            if (!initialised) {
                initialise();
            }
            action.run();
        } catch (LcdException e) {
            initialised = false;
            throw e;
        }
    }

    private void initialise() {
        wait.await(POWER_ON_WAIT);
        send(new BackpackBytes(backlight).idle().nibble(0x3), FIRST_FUNCTION_SET_WAIT, "initialising it");
        send(new BackpackBytes(backlight).nibble(0x3), FIRST_FUNCTION_SET_WAIT, "initialising it");
        send(new BackpackBytes(backlight).nibble(0x3), THIRD_FUNCTION_SET_WAIT, "initialising it");
        send(new BackpackBytes(backlight).nibble(0x2), SHORT_WAIT, "initialising it");
        send(new BackpackBytes(backlight).instruction(FOUR_BIT_TWO_LINES), SHORT_WAIT, "initialising it");
        send(new BackpackBytes(backlight).instruction(DISPLAY_ON_CURSOR_OFF), SHORT_WAIT, "initialising it");
        send(new BackpackBytes(backlight).instruction(CLEAR), CLEAR_WAIT, "clearing it");
        send(new BackpackBytes(backlight).instruction(ENTRY_INCREMENT), SHORT_WAIT, "initialising it");
        for (int[] row : shown) {
            Arrays.fill(row, ' ');
        }
        Arrays.fill(loaded, null);
        initialised = true;
    }

    private void draw() {
        for (int slot = 0; slot < ScreenCodes.SLOTS; slot++) {
            if (customGlyphs[slot] != null && !customGlyphs[slot].equals(loaded[slot])) {
                load(slot, customGlyphs[slot]);
            }
        }
        ScreenCodes.Plan plan = ScreenCodes.plan(lines, size.columns, size.rows, customSlots, loaded);
        plan.loads().forEach(this::load);
        for (int r = 0; r < size.rows; r++) {
            int[] want = plan.codes()[r];
            int c = 0;
            while (c < size.columns) {
                if (want[c] == shown[r][c]) {
                    c++;
                    continue;
                }
                BackpackBytes run = new BackpackBytes(backlight).instruction(SET_DDRAM_ADDRESS | size.rowAddress(r) + c);
                int start = c;
                while (c < size.columns && want[c] != shown[r][c]) {
                    run.data(want[c]);
                    c++;
                }
                send(run, SHORT_WAIT, "writing row " + (r + 1));
                System.arraycopy(want, start, shown[r], start, c - start);
            }
        }
    }

    private void load(int slot, Glyph glyph) {
        BackpackBytes bytes = new BackpackBytes(backlight).instruction(SET_CGRAM_ADDRESS | slot << 3);
        for (int row : glyph.rows()) {
            bytes.data(row);
        }
        loaded[slot] = null; // unknown until the write succeeds
        send(bytes, SHORT_WAIT, "defining custom character " + slot);
        loaded[slot] = glyph;
    }

    /** Writes {@code bytes} in one transaction, then waits {@code then}. */
    private void send(BackpackBytes bytes, Duration then, String doing) {
        try {
            i2c.write(bytes.toBytes());
        } catch (Pi4JException e) {
            throw new LcdException(String.format("%s did not answer when %s (%s): check its wiring (VCC 5 V, GND, SDA"
                    + " to GPIO2, SCL to GPIO3) and the address pads A0-A2 (i2cdetect -y %d lists what answers)",
                    part, doing, RootCause.message(e), i2c.bus()), e);
        }
        if (!then.isZero()) {
            wait.await(then);
        }
    }

    /** Releases the I2C device (it may be opened again); the display keeps showing what it shows. */
    @Override
    public void close() {
        try {
            pi4j.shutdown(i2c.id());
        } catch (RuntimeException e) {
            // closing a device whose bus is gone changes nothing for the caller
        }
    }
}
