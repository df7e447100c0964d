package io.waypoint.drivers.lcd;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Glyphs for the letters of Spanish, French, Portuguese and Haitian Creole prompts that the A00
 * ROM lacks (it has only ä ñ ö ü, in lower case). Every glyph keeps the ROM font's baseline: the
 * letter in rows 2–6 (a capital shortened to the height of a lower-case letter, as there is no room
 * above it), the accent in rows 0–1; ç and Ç hang their cedilla into rows 6–7.
 */
final class AccentGlyphs {
    private static final String[] ACUTE = {"...#.", "..#.."};
    private static final String[] GRAVE = {".#...", "..#.."};
    private static final String[] CIRCUMFLEX = {"..#..", ".#.#."};
    private static final String[] TILDE = {".##.#", "#..#."};
    private static final String[] DIAERESIS = {".....", ".#.#."};

    private static final String[] A = {".###.", "....#", ".####", "#...#", ".####"};
    private static final String[] E = {".###.", "#...#", "#####", "#....", ".###."};
    private static final String[] I = {".##..", "..#..", "..#..", "..#..", ".###."};
    private static final String[] O = {".###.", "#...#", "#...#", "#...#", ".###."};
    private static final String[] U = {"#...#", "#...#", "#...#", "#..##", ".##.#"};
    private static final String[] CAPITAL_A = {".###.", "#...#", "#####", "#...#", "#...#"};
    private static final String[] CAPITAL_E = {"#####", "#....", "####.", "#....", "#####"};
    private static final String[] CAPITAL_I = {".###.", "..#..", "..#..", "..#..", ".###."};
    private static final String[] CAPITAL_O = {".###.", "#...#", "#...#", "#...#", ".###."};
    private static final String[] CAPITAL_U = {"#...#", "#...#", "#...#", "#...#", ".###."};
    private static final String[] CAPITAL_N = {"#...#", "##..#", "#.#.#", "#..##", "#...#"};
    private static final String BLANK = ".....";

    private static final Map<Character, Glyph> GLYPHS;

    static {
        Map<Character, Glyph> g = new LinkedHashMap<>();
        accented(g, A, "áàâã");
        accented(g, CAPITAL_A, "ÁÀÂÃÄ");
        accented(g, E, "éèêë");
        accented(g, CAPITAL_E, "ÉÈÊË");
        accented(g, I, "íìîï");
        accented(g, CAPITAL_I, "ÍÌÎÏ");
        accented(g, O, "óòôõ");
        accented(g, CAPITAL_O, "ÓÒÔÕÖ");
        accented(g, U, "úùû");
        accented(g, CAPITAL_U, "ÚÙÛÜ");
        g.put('Ñ', stack(TILDE, CAPITAL_N));
        g.put('ç', Glyph.of(BLANK, ".###.", "#....", "#....", "#...#", ".###.", "..#..", ".##.."));
        g.put('Ç', Glyph.of(".###.", "#...#", "#....", "#....", "#...#", ".###.", "..#..", ".##.."));
        g.put('¿', Glyph.of("..#..", BLANK, "..#..", ".#...", "#....", "#...#", ".###.", BLANK));
        g.put('¡', Glyph.of("..#..", BLANK, "..#..", "..#..", "..#..", "..#..", "..#..", BLANK));
        GLYPHS = Collections.unmodifiableMap(g);
    }

    private AccentGlyphs() {}

    /** The glyph for {@code letter}, if it has one. */
    static Optional<Glyph> of(int letter) {
        return letter > Character.MAX_VALUE ? Optional.empty() : Optional.ofNullable(GLYPHS.get((char) letter));
    }

    /** Every letter with a glyph, and its glyph. */
    static Map<Character, Glyph> all() {
        return GLYPHS;
    }

    /** Puts {@code body} under the accent of each of {@code letters}. */
    private static void accented(Map<Character, Glyph> g, String[] body, String letters) {
        for (char letter : letters.toCharArray()) {
            g.put(letter, stack(accentOf(letter), body));
        }
    }

    /** The accent of {@code letter}, read from its canonical decomposition. */
    private static String[] accentOf(char letter) {
        String nfd = Normalizer.normalize(String.valueOf(letter), Normalizer.Form.NFD);
        return switch (nfd.charAt(1)) {
            case '\u0301' -> ACUTE;
            case '\u0300' -> GRAVE;
            case '\u0302' -> CIRCUMFLEX;
            case '\u0303' -> TILDE;
            case '\u0308' -> DIAERESIS;
            default -> throw new IllegalArgumentException("no accent glyph for " + letter);
        };
    }

    private static Glyph stack(String[] accent, String[] body) {
        return Glyph.of(accent[0], accent[1], body[0], body[1], body[2], body[3], body[4], BLANK);
    }
}
