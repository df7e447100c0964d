package io.waypoint.drivers.lcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AccentGlyphsTest {
    /** The letters of the kiosk's Spanish, French, Portuguese and Haitian Creole prompts that ASCII lacks. */
    private static final String PROMPT_LETTERS = "áéíóúñçêõàèòâôüïëã" + "ÁÉÍÓÚÑÇÊÕÀÈÒÂÔÜÏËÃ" + "¿¡";

    @Test
    void everyGlyphFitsFiveByEightAndKeepsTheFontsBaseline() {
        for (Map.Entry<Character, Glyph> e : AccentGlyphs.all().entrySet()) {
            int[] rows = e.getValue().rows();
            assertThat(rows).as("%s", e.getKey()).hasSize(8);
            assertThat(java.util.Arrays.stream(rows).boxed().toList()).as("%s: 5 dots a row", e.getKey())
                    .allMatch(r -> r >= 0 && r < 32);
            if ("çÇ".indexOf(e.getKey()) < 0) {
                assertThat(rows[7]).as("%s: the cursor row stays blank", e.getKey()).isZero();
            }
            assertThat(rows[6]).as("%s: sits on the baseline (row 6)", e.getKey()).isNotZero();
        }
    }

    @Test
    void accentsSitAboveTheLetter() {
        for (char c : "áéíóúàèòâêôãõëïÁÉÍÓÚÀÈÒÂÊÔÃÕËÏÑÜÄÖ".toCharArray()) {
            int[] rows = AccentGlyphs.of(c).orElseThrow().rows();
            assertThat(rows[0] | rows[1]).as("%s has an accent in rows 0-1", c).isNotZero();
        }
    }

    @Test
    void everyLetterOfThePromptsHasARomCodeOrAGlyph() {
        for (char c : PROMPT_LETTERS.toCharArray()) {
            assertThat(RomText.code(c) >= 0 || AccentGlyphs.of(c).isPresent()).as("%s", c).isTrue();
        }
    }

    @Test
    void everyLetterOfThePromptsFoldsToItsPlainLetter() {
        String folded = PROMPT_LETTERS.chars().map(RomText::plain)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

        // ñ and ü are in the ROM, so they stand for themselves (codes 0xEE, 0xF5)
        assertThat(folded).isEqualTo("aeiou" + (char) 0xEE + "ceoaeoao" + (char) 0xF5 + "iea"
                + "AEIOUNCEOAEOAOUIEA" + "?!");
    }

    @Test
    void differentLettersHaveDifferentGlyphsButCapitalAndSmallOMayShare() {
        assertThat(AccentGlyphs.of('é')).isNotEqualTo(AccentGlyphs.of('è'));
        assertThat(AccentGlyphs.of('é')).isNotEqualTo(AccentGlyphs.of('É'));
        assertThat(AccentGlyphs.of('ò')).isNotEqualTo(AccentGlyphs.of('ó'));
        assertThat(AccentGlyphs.of('Ó')).isEqualTo(AccentGlyphs.of('ó'));
    }
}
