package io.waypoint.drivers.lcd;

import java.util.Arrays;
import java.util.Objects;

/**
 * A custom character for an HD44780's CGRAM: 8 rows of 5 dots, drawn as text so it reads like the
 * picture it is:
 *
 * <pre>{@code
 * Glyph battery = Glyph.of(
 *         ".###.",
 *         "#...#",
 *         "#...#",
 *         "#####",
 *         "#####",
 *         "#####",
 *         "#####",
 *         ".....");
 * }</pre>
 *
 * The bottom row is where the cursor underline shows; with the cursor off (as {@link CharacterLcd}
 * keeps it) it is free. Immutable.
 */
public final class Glyph {
    public static final int WIDTH = 5;
    public static final int HEIGHT = 8;

    private final int[] rows;

    private Glyph(int[] rows) {
        this.rows = rows;
    }

    /**
     * The glyph drawn by {@code rows}: 8 strings of 5 characters, {@code #} a dot that is on and
     * {@code .} one that is off.
     *
     * @throws IllegalArgumentException naming the row that is not 5 of {@code #} or {@code .}, or the
     *         count of rows if it is not 8
     */
    public static Glyph of(String... rows) {
        if (rows.length != HEIGHT) {
            throw new IllegalArgumentException("a glyph is " + HEIGHT + " rows of " + WIDTH + " dots, not "
                    + rows.length + " rows");
        }
        int[] bits = new int[HEIGHT];
        for (int r = 0; r < HEIGHT; r++) {
            String row = Objects.requireNonNull(rows[r], "row");
            if (row.length() != WIDTH || !row.matches("[#.]*")) {
                throw new IllegalArgumentException("glyph row " + r + " is '" + row + "': expected " + WIDTH
                        + " characters, each # (on) or . (off)");
            }
            for (int c = 0; c < WIDTH; c++) {
                if (row.charAt(c) == '#') {
                    bits[r] |= 1 << (WIDTH - 1 - c);
                }
            }
        }
        return new Glyph(bits);
    }

    /** The 8 rows as the CGRAM holds them: 5 bits each, bit 4 the leftmost dot. */
    public int[] rows() {
        return rows.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Glyph g && Arrays.equals(rows, g.rows);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rows);
    }

    /** The picture, rows separated by {@code /}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < HEIGHT; r++) {
            if (r > 0) {
                s.append('/');
            }
            for (int c = WIDTH - 1; c >= 0; c--) {
                s.append((rows[r] >> c & 1) != 0 ? '#' : '.');
            }
        }
        return s.toString();
    }
}
