package io.waypoint.drivers.lcd;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which character codes a screen of text becomes on an A00 ROM display, and which custom character
 * (CGRAM) slots must be loaded for it.
 *
 * <p>Text is taken in Unicode normal form C (so an {@code e} followed by a combining acute is one
 * {@code é}), one character per position, padded with spaces or cut to the width. Each character
 * becomes, in this order: the slot of a glyph the application defined for it; the ROM's own code;
 * an {@link AccentGlyphs accent glyph} in a free slot; or its {@link RomText#plain plain stand-in}.
 * Free slots go to the accent glyphs in reading order (row by row, left to right) of their first
 * use, so which letters keep their accent depends only on the text: the ninth different accented
 * letter of a screen (if the application reserved no slot) shows without its accent. Letters whose
 * glyphs are the same picture share a slot. A glyph already loaded keeps its slot, so a screen that
 * changes a little reloads nothing.
 */
final class ScreenCodes {
    static final int SLOTS = 8;

    /**
     * A screen's codes.
     *
     * @param codes one array of codes per row
     * @param loads glyphs to write into CGRAM slots before the codes are shown
     */
    record Plan(int[][] codes, Map<Integer, Glyph> loads) {}

    private ScreenCodes() {}

    /**
     * The plan for {@code lines} on a {@code columns × rows} display.
     *
     * @param custom characters the application defined a glyph for, with their (reserved) slot
     * @param loaded what each slot holds now, null where unknown; not changed
     */
    static Plan plan(List<String> lines, int columns, int rows, Map<Character, Integer> custom, Glyph[] loaded) {
        int[][] points = new int[rows][];
        for (int r = 0; r < rows; r++) {
            points[r] = cells(r < lines.size() ? lines.get(r) : "", columns);
        }
        Set<Glyph> wanted = new LinkedHashSet<>();
        for (int[] row : points) {
            for (int p : row) {
                if (customSlot(custom, p) < 0 && RomText.code(p) < 0) {
                    AccentGlyphs.of(p).ifPresent(wanted::add);
                }
            }
        }
        Map<Glyph, Integer> slotOf = assign(wanted, custom, loaded);
        Map<Integer, Glyph> loads = new HashMap<>();
        slotOf.forEach((glyph, slot) -> {
            if (!glyph.equals(loaded[slot])) {
                loads.put(slot, glyph);
            }
        });
        int[][] codes = new int[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                codes[r][c] = code(points[r][c], custom, slotOf);
            }
        }
        return new Plan(codes, loads);
    }

    /** How many positions {@code text} takes: its characters in normal form C. */
    static int width(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return nfc.codePointCount(0, nfc.length());
    }

    private static int[] cells(String line, int columns) {
        int[] out = new int[columns];
        int[] points = Normalizer.normalize(line, Normalizer.Form.NFC).codePoints().toArray();
        for (int c = 0; c < columns; c++) {
            out[c] = c < points.length ? points[c] : ' ';
        }
        return out;
    }

    /** Slots for as many wanted glyphs as there are free slots, keeping those already loaded where they are. */
    private static Map<Glyph, Integer> assign(Set<Glyph> wanted, Map<Character, Integer> custom, Glyph[] loaded) {
        List<Integer> free = new ArrayList<>();
        for (int s = 0; s < SLOTS; s++) {
            if (!custom.containsValue(s)) {
                free.add(s);
            }
        }
        List<Glyph> chosen = new ArrayList<>(wanted).subList(0, Math.min(wanted.size(), free.size()));
        Map<Glyph, Integer> slotOf = new HashMap<>();
        for (Glyph g : chosen) {
            for (int s : free) {
                if (g.equals(loaded[s])) {
                    slotOf.put(g, s);
                    break;
                }
            }
        }
        free.removeAll(slotOf.values());
        for (Glyph g : chosen) {
            if (!slotOf.containsKey(g)) {
                slotOf.put(g, free.remove(0));
            }
        }
        return slotOf;
    }

    private static int code(int point, Map<Character, Integer> custom, Map<Glyph, Integer> slotOf) {
        int slot = customSlot(custom, point);
        if (slot >= 0) {
            return slot;
        }
        int rom = RomText.code(point);
        if (rom >= 0) {
            return rom;
        }
        Integer accent = AccentGlyphs.of(point).map(slotOf::get).orElse(null);
        return accent != null ? accent : RomText.plain(point);
    }

    private static int customSlot(Map<Character, Integer> custom, int point) {
        Integer slot = point <= Character.MAX_VALUE ? custom.get((char) point) : null;
        return slot == null ? -1 : slot;
    }
}
