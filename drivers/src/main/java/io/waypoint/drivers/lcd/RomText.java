package io.waypoint.drivers.lcd;

import java.text.Normalizer;
import java.util.Map;

/**
 * What the HD44780's A00 (Japanese) character ROM can show by itself: printable ASCII but for
 * {@code \} (¥ on this ROM) and {@code ~} (→), a few letters and signs of its upper half (ä ñ ö ü °
 * µ and some Greek), and a plain stand-in for everything else.
 */
final class RomText {
    private static final Map<Character, Integer> UPPER_HALF = Map.ofEntries(
            Map.entry('ä', 0xE1), Map.entry('ñ', 0xEE), Map.entry('ö', 0xEF), Map.entry('ü', 0xF5),
            Map.entry('°', 0xDF), Map.entry('µ', 0xE4), Map.entry('μ', 0xE4), Map.entry('α', 0xE0),
            Map.entry('β', 0xE2), Map.entry('θ', 0xF2), Map.entry('Ω', 0xF4), Map.entry('Σ', 0xF6),
            Map.entry('π', 0xF7), Map.entry('∞', 0xF3), Map.entry('√', 0xE8), Map.entry('÷', 0xFD),
            Map.entry('¢', 0xEC), Map.entry('£', 0xED), Map.entry('¥', 0x5C), Map.entry('→', 0x7E),
            Map.entry('←', 0x7F), Map.entry('█', 0xFF));
    private static final Map<Character, Character> STAND_INS = Map.ofEntries(
            Map.entry('\\', '/'), Map.entry('~', '-'), Map.entry('¿', '?'), Map.entry('¡', '!'),
            Map.entry('«', '"'), Map.entry('»', '"'), Map.entry('“', '"'), Map.entry('”', '"'),
            Map.entry('‘', '\''), Map.entry('’', '\''), Map.entry('–', '-'), Map.entry('—', '-'),
            Map.entry('…', '.'), Map.entry('€', 'E'), Map.entry('ø', 'o'), Map.entry('Ø', 'O'),
            Map.entry('ß', 's'), Map.entry('æ', 'a'), Map.entry('Æ', 'A'), Map.entry('œ', 'o'),
            Map.entry('Œ', 'O'));

    private RomText() {}

    /** The ROM's code for {@code codePoint}, or -1 if the ROM has no such character. */
    static int code(int codePoint) {
        if (codePoint >= 0x20 && codePoint <= 0x7D && codePoint != '\\') {
            return codePoint;
        }
        Integer upper = codePoint <= Character.MAX_VALUE ? UPPER_HALF.get((char) codePoint) : null;
        return upper == null ? -1 : upper;
    }

    /**
     * The ROM code of the plain character that stands for {@code codePoint}: itself if the ROM has
     * it, else the letter without its accents (é → e), a near sign (¿ → ?), a space for a control
     * character, and {@code ?} for anything else.
     */
    static int plain(int codePoint) {
        int code = code(codePoint);
        if (code >= 0) {
            return code;
        }
        if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
            return ' ';
        }
        Character standIn = codePoint <= Character.MAX_VALUE ? STAND_INS.get((char) codePoint) : null;
        if (standIn != null) {
            return standIn;
        }
        String base = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        if (base.length() == 1 && code(base.charAt(0)) >= 0) {
            return code(base.charAt(0));
        }
        return '?';
    }
}
