package io.waypoint.drivers.lcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScreenCodesTest {
    private static final Glyph E_ACUTE = AccentGlyphs.of('é').orElseThrow();
    private static final Glyph A_GRAVE = AccentGlyphs.of('à').orElseThrow();

    private static ScreenCodes.Plan plan(List<String> lines, Map<Character, Integer> custom, Glyph[] loaded) {
        return ScreenCodes.plan(lines, 8, 2, custom, loaded);
    }

    @Test
    void asciiIsItsOwnCodePaddedAndCut() {
        ScreenCodes.Plan p = plan(List.of("abc", "0123456789"), Map.of(), new Glyph[8]);

        assertThat(p.codes()[0]).containsExactly('a', 'b', 'c', ' ', ' ', ' ', ' ', ' ');
        assertThat(p.codes()[1]).containsExactly('0', '1', '2', '3', '4', '5', '6', '7');
        assertThat(p.loads()).isEmpty();
    }

    @Test
    void aDecomposedAccentIsOneCharacter() {
        ScreenCodes.Plan p = plan(List.of("Te\u0301l"), Map.of(), new Glyph[8]);

        assertThat(p.codes()[0]).startsWith('T', 0, 'l', ' ');
        assertThat(p.loads()).containsExactly(Map.entry(0, E_ACUTE));
    }

    @Test
    void aLoadedGlyphKeepsItsSlotAndIsNotLoadedAgain() {
        Glyph[] loaded = new Glyph[8];
        loaded[5] = E_ACUTE;

        ScreenCodes.Plan p = plan(List.of("àé"), Map.of(), loaded);

        assertThat(p.codes()[0]).startsWith(0, 5);
        assertThat(p.loads()).containsExactly(Map.entry(0, A_GRAVE));
    }

    @Test
    void lettersBeyondTheFreeSlotsFoldInReadingOrder() {
        Glyph[] loaded = new Glyph[8];
        Map<Character, Integer> custom = Map.of('▮', 0, '☎', 1, '→', 2, '♥', 3, '✓', 4, '✗', 5, '⚡', 6);

        ScreenCodes.Plan p = plan(List.of("èé", "à"), custom, loaded);

        assertThat(p.codes()[0]).startsWith(7, 'e');
        assertThat(p.codes()[1]).startsWith('a');
        assertThat(p.loads()).containsOnlyKeys(7);
    }

    @Test
    void theSameTextGivesTheSameLettersWhateverWasLoadedBefore() {
        Glyph[] fresh = new Glyph[8];
        Glyph[] used = new Glyph[8];
        for (int s = 0; s < 8; s++) {
            used[s] = AccentGlyphs.of("ÁÉÍÓÚÀÈÒ".charAt(s)).orElseThrow();
        }
        List<String> text = List.of("áéíóúàèò", "ç");

        String seenFresh = shown(plan(text, Map.of(), fresh), fresh);
        String seenUsed = shown(plan(text, Map.of(), used), used);

        assertThat(seenUsed).isEqualTo(seenFresh);
        assertThat(seenFresh).contains("c").doesNotContain("ç");
    }

    @Test
    void charactersOutsideTheRomAndTheGlyphsBecomeTheirPlainStandIn() {
        ScreenCodes.Plan p = plan(List.of("€5 \\ ~", "中\t"), Map.of(), new Glyph[8]);

        assertThat(p.codes()[0]).startsWith('E', '5', ' ', '/', ' ', '-');
        assertThat(p.codes()[1]).startsWith('?', ' ');
    }

    @Test
    void widthCountsCharactersAfterComposition() {
        assertThat(ScreenCodes.width("a\u0301b")).isEqualTo(2);
    }

    /** What the screen looks like: each code as the letter whose glyph its slot holds, else the ROM character. */
    private static String shown(ScreenCodes.Plan p, Glyph[] loaded) {
        Glyph[] slots = loaded.clone();
        p.loads().forEach((s, g) -> slots[s] = g);
        StringBuilder out = new StringBuilder();
        for (int[] row : p.codes()) {
            for (int code : row) {
                if (code < 8) {
                    Glyph g = slots[code];
                    out.append(AccentGlyphs.all().entrySet().stream().filter(e -> e.getValue().equals(g))
                            .findFirst().orElseThrow().getKey());
                } else {
                    out.append((char) code);
                }
            }
            out.append('/');
        }
        return out.toString();
    }
}
