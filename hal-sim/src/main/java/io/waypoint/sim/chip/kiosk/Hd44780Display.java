package io.waypoint.sim.chip.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Hitachi HD44780 (or compatible) character LCD controller with its glass, wired for 4-bit
 * operation (D7–D4 connected; D3–D0 open, read as 1 through the chip's own pull-ups), with the A00
 * (Japanese) character ROM.
 *
 * <p>What it does, as the datasheet says:
 * <ul>
 *   <li>It latches RS, RW and D7–D4 as they were while E was high, on E's falling edge. After power
 *       on it is in 8-bit mode: each pulse is a whole byte (D7–D4 and the open D3–D0). A function set
 *       with DL = 0 switches to 4-bit mode, where a byte is two pulses, high nibble first; one with
 *       DL = 1 switches back. So 0x3 sent three times and then 0x2 brings it to 4-bit mode from any
 *       state.</li>
 *   <li>Instructions: clear (DDRAM to spaces, address 0, increment), home, entry mode (I/D, S),
 *       display on/off (D, C, B), cursor or display shift, function set (DL, N, F), set CGRAM
 *       address, set DDRAM address. Data writes go to the RAM of the last address set and move the
 *       address counter; in two-line mode DDRAM is 0x00–0x27 and 0x40–0x67, wrapping from one line to
 *       the other. Reads (RW = 1) return nothing here, but a data read moves the address counter as on
 *       the chip.</li>
 *   <li>Execution time: an instruction or data write keeps the controller busy for 37 µs, clear and
 *       home for 1.52 ms; a byte that arrives while it is busy is lost, as on the real part (it
 *       ignores instructions while its busy flag is set). The first instruction after power-on keeps
 *       it busy 4.1 ms: the datasheet's wait after the first function set of an initialisation by
 *       instruction.</li>
 *   <li>The glass: {@code rows × columns}; row {@code r} shows line {@code r % 2} from position
 *       {@code (r / 2) × columns}, so a 20×4 shows 0x00, 0x40, 0x14, 0x54 and a 16×2 0x00, 0x40. In
 *       one-line mode (N = 0) line 1 is 80 positions and the rows of line 2 stay blank. Display off:
 *       every position blank.</li>
 * </ul>
 * Not emulated: the power-on wait (the display is taken to have been powered long before software
 * starts, as on a kiosk that boots for 20 s), E pulse width and setup times, the cursor and blink
 * on the glass, the 5×10 font. Thread-safe.
 */
public final class Hd44780Display {
    static final Duration SHORT_EXECUTION = Duration.ofNanos(37_000);
    static final Duration LONG_EXECUTION = Duration.ofNanos(1_520_000);
    static final Duration FIRST_INSTRUCTION = Duration.ofNanos(4_100_000);
    /** The open D3–D0 of a 4-bit wiring, pulled up inside the controller. */
    private static final int OPEN_LOW_NIBBLE = 0xF;
    private static final int LINE_2 = 0x40;
    private static final int TWO_LINE_LENGTH = 40;
    private static final int ONE_LINE_LENGTH = 80;
    /** What the A00 ROM shows for 0xE0–0xFF, as near as Unicode gets. */
    private static final String ROM_E0_TO_FF = "αäβεμσρg√⁻jˣ¢£ñöpqθ∞ΩüΣπxy千万円÷ █";

    private final int columns;
    private final int rows;
    private final byte[] ddram = new byte[128];
    private final byte[] cgram = new byte[64];

    private boolean eightBit = true;
    private boolean twoLines;
    private boolean displayOn;
    private boolean increment = true;
    private boolean shiftOnWrite;
    private boolean addressingCgram;
    private int address;
    private int displayShift;
    private int pendingHighNibble = -1;
    private boolean poweredOn = true;
    private Instant busyUntil = Instant.MIN;
    private long lost;

    private boolean rs;
    private boolean rw;
    private boolean enable;
    private int data;

    /** A display of {@code columns × rows} characters (20×4, 16×2, 16×4...), just powered on. */
    public Hd44780Display(int columns, int rows) {
        if (columns < 8 || columns > 40 || rows < 1 || rows > 4 || (rows > 2 && columns > 20)) {
            throw new IllegalArgumentException("an HD44780 drives up to 2 lines of 40 or 4 rows of 20 characters,"
                    + " not " + columns + "x" + rows);
        }
        this.columns = columns;
        this.rows = rows;
        Arrays.fill(ddram, (byte) ' ');
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /**
     * The controller's pins are now as given, from {@code at} on: register select, read/write,
     * enable, and D7–D4 as the low four bits of {@code d7to4}.
     */
    public synchronized void pins(Instant at, boolean rs, boolean rw, boolean enable, int d7to4) {
        if (this.enable && !enable) {
            latch(at, this.rs, this.rw, this.data);
        }
        this.rs = rs;
        this.rw = rw;
        this.enable = enable;
        this.data = d7to4 & 0xF;
    }

    /** What the glass shows, one string per row; CGRAM characters as {@link #marker}s. */
    public synchronized List<String> text() {
        List<String> lines = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            StringBuilder line = new StringBuilder(columns);
            for (int c = 0; c < columns; c++) {
                int code = shownCode(r, c);
                line.append(code < 0 ? ' ' : character(code));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The character code shown at {@code row}, {@code column}, or -1 where the glass is blank. */
    public synchronized int code(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("no position " + row + "," + column + " on a " + columns + "x" + rows);
        }
        return shownCode(row, column);
    }

    /** The 8 rows (5 bits each, bit 4 leftmost) of custom character {@code code} (0–7, or its mirror 8–15). */
    public synchronized int[] glyph(int code) {
        if (code < 0 || code > 15) {
            throw new IllegalArgumentException("custom characters are codes 0-7 (8-15 mirror them), not " + code);
        }
        int[] out = new int[8];
        for (int i = 0; i < 8; i++) {
            out[i] = cgram[(code & 7) * 8 + i] & 0x1F;
        }
        return out;
    }

    public synchronized boolean displayOn() {
        return displayOn;
    }

    /** Whether the controller is in 4-bit mode. */
    public synchronized boolean fourBitMode() {
        return !eightBit;
    }

    /** Bytes (instructions or data) that arrived while the controller was busy, and were lost. */
    public synchronized long lostWrites() {
        return lost;
    }

    /** How {@link #text()} shows custom character {@code slot} (0–7): ⓪ ① … ⑦. */
    public static char marker(int slot) {
        return slot == 0 ? '\u24EA' : (char) ('\u2460' + slot - 1);
    }

    /** The A00 ROM's character for {@code code} (CGRAM codes as markers). */
    static char character(int code) {
        if (code < 0x10) {
            return marker(code & 7);
        }
        if (code < 0x20 || (code >= 0x80 && code <= 0xA0)) {
            return ' ';
        }
        return switch (code) {
            case 0x5C -> '¥';
            case 0x7E -> '→';
            case 0x7F -> '←';
            default -> code < 0x80 ? (char) code
                    : code < 0xE0 ? (char) (0xFF61 + code - 0xA1) // JIS X 0201 katakana, as the ROM has them
                    : ROM_E0_TO_FF.charAt(code - 0xE0);
        };
    }

    private int shownCode(int row, int column) {
        if (!displayOn) {
            return -1;
        }
        int line = row % 2;
        if (!twoLines && line == 1) {
            return -1;
        }
        int length = twoLines ? TWO_LINE_LENGTH : ONE_LINE_LENGTH;
        int offset = Math.floorMod((row / 2) * columns + column + displayShift, length);
        return ddram[line * LINE_2 + offset] & 0xFF;
    }

    private void latch(Instant at, boolean rs, boolean rw, int nibble) {
        int value;
        if (eightBit) {
            value = nibble << 4 | OPEN_LOW_NIBBLE;
        } else if (pendingHighNibble < 0) {
            pendingHighNibble = nibble;
            return;
        } else {
            value = pendingHighNibble << 4 | nibble;
            pendingHighNibble = -1;
        }
        if (rw) {
            if (rs) {
                moveAddress();
            }
            return;
        }
        if (at.isBefore(busyUntil)) {
            lost++;
            return;
        }
        Duration busy = rs ? writeData(value) : execute(value);
        if (poweredOn) {
            poweredOn = false;
            busy = FIRST_INSTRUCTION;
        }
        busyUntil = at.plus(busy);
    }

    private Duration writeData(int value) {
        if (addressingCgram) {
            cgram[address & 0x3F] = (byte) value;
        } else {
            ddram[address & 0x7F] = (byte) value;
            if (shiftOnWrite) {
                displayShift += increment ? 1 : -1;
            }
        }
        moveAddress();
        return SHORT_EXECUTION;
    }

    private Duration execute(int instruction) {
        if (instruction == 0x01) {
            Arrays.fill(ddram, (byte) ' ');
            address = 0;
            addressingCgram = false;
            increment = true;
            displayShift = 0;
            return LONG_EXECUTION;
        }
        if ((instruction & 0xFE) == 0x02) {
            address = 0;
            addressingCgram = false;
            displayShift = 0;
            return LONG_EXECUTION;
        }
        if ((instruction & 0xFC) == 0x04) {
            increment = (instruction & 0x02) != 0;
            shiftOnWrite = (instruction & 0x01) != 0;
        } else if ((instruction & 0xF8) == 0x08) {
            displayOn = (instruction & 0x04) != 0;
        } else if ((instruction & 0xF0) == 0x10) {
            boolean right = (instruction & 0x04) != 0;
            if ((instruction & 0x08) != 0) {
                displayShift += right ? -1 : 1;
            } else {
                step(right);
            }
        } else if ((instruction & 0xE0) == 0x20) {
            boolean toEightBit = (instruction & 0x10) != 0;
            if (toEightBit != eightBit) {
                pendingHighNibble = -1;
            }
            eightBit = toEightBit;
            twoLines = (instruction & 0x08) != 0;
        } else if ((instruction & 0xC0) == 0x40) {
            address = instruction & 0x3F;
            addressingCgram = true;
        } else {
            address = instruction & 0x7F;
            addressingCgram = false;
        }
        return SHORT_EXECUTION;
    }

    private void moveAddress() {
        step(increment);
    }

    /** Moves the address counter one place forward or back, wrapping as the RAM in use does. */
    private void step(boolean forward) {
        if (addressingCgram) {
            address = (address + (forward ? 1 : -1)) & 0x3F;
            return;
        }
        if (!twoLines) {
            address = Math.floorMod(address + (forward ? 1 : -1), ONE_LINE_LENGTH);
            return;
        }
        int line = address >= LINE_2 ? LINE_2 : 0;
        int offset = address - line + (forward ? 1 : -1);
        if (offset >= TWO_LINE_LENGTH) {
            address = line == 0 ? LINE_2 : 0;
        } else if (offset < 0) {
            address = (line == 0 ? LINE_2 : 0) + TWO_LINE_LENGTH - 1;
        } else {
            address = line + offset;
        }
    }
}
