package io.waypoint.kiosk.panel;

import io.waypoint.wire.PrivacyGuard;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the 20×4 LCD shows: four lines of exactly twenty characters (code points, in NFC), in
 * Unicode; {@link #ascii()} folds them for the A00 ROM, still twenty characters each.
 *
 * <p>A screen may echo the digits being dialled, so {@link #toString()} hides any line shaped
 * like a phone number: a screen in a log must not give a number away.
 */
public record Screen(List<String> lines) {
    public static final int ROWS = 4;
    public static final int COLUMNS = 20;

    /** @throws IllegalArgumentException unless there are 4 lines of exactly 20 code points */
    public Screen {
        lines = List.copyOf(lines);
        if (lines.size() != ROWS) {
            throw new IllegalArgumentException("a screen has " + ROWS + " lines, not " + lines.size());
        }
        for (String line : lines) {
            int n = line.codePointCount(0, line.length());
            if (n != COLUMNS) {
                throw new IllegalArgumentException("a screen line has " + COLUMNS + " characters, not " + n + ": "
                        + shown(line));
            }
        }
    }

    /**
     * Up to four lines of up to twenty characters each, normalised to NFC, padded with spaces (and
     * blank lines) to fill the screen.
     *
     * @throws IllegalArgumentException for more than four lines or a line longer than twenty
     */
    public static Screen of(List<String> text) {
        if (text.size() > ROWS) {
            throw new IllegalArgumentException("a screen has " + ROWS + " lines, not " + text.size());
        }
        List<String> padded = new ArrayList<>(ROWS);
        for (String line : text) {
            String nfc = Normalizer.normalize(line, Normalizer.Form.NFC);
            int n = nfc.codePointCount(0, nfc.length());
            if (n > COLUMNS) {
                throw new IllegalArgumentException("a screen line is " + n + " characters, more than " + COLUMNS + ": "
                        + shown(nfc));
            }
            padded.add(nfc + " ".repeat(COLUMNS - n));
        }
        while (padded.size() < ROWS) {
            padded.add(" ".repeat(COLUMNS));
        }
        return new Screen(padded);
    }

    /** The four lines folded to ASCII for the A00 ROM, twenty characters each. */
    public List<String> ascii() {
        List<String> out = new ArrayList<>(ROWS);
        for (String line : lines) {
            out.add(AsciiFold.fold(line));
        }
        return out;
    }

    /** The lines, with any that looks like a phone number hidden. */
    @Override
    public String toString() {
        List<String> shown = new ArrayList<>(ROWS);
        for (String line : lines) {
            shown.add(shown(line));
        }
        return "Screen" + shown;
    }

    private static String shown(String line) {
        return PrivacyGuard.identifyingValue(line) ? "(hidden)" : "'" + line + "'";
    }
}
