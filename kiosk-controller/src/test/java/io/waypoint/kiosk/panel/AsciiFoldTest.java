package io.waypoint.kiosk.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiFoldTest {

    @Test
    void accentedLettersLoseTheirAccentOneCharacterForOne() {
        assertThat(AsciiFold.fold("áéíóúñüç ÁÉÍÓÚÑÇ àèòùâêôãõ ÀÈÒ")).isEqualTo("aeiounuc AEIOUNC aeouaeoao AEO");
    }

    @Test
    void typographicPunctuationBecomesItsPlainForm() {
        assertThat(AsciiFold.fold("¿Sí? ¡Ya! «x» “y” ‘z’ a–b c—d e…")).isEqualTo("?Si? !Ya! \"x\" \"y\" 'z' a-b c-d e.");
        assertThat(AsciiFold.fold("10\u00a0V 20\u202fA 5°")).isEqualTo("10 V 20 A 5o");
    }

    @Test
    void theTwoAsciiCharactersTheA00RomReplacesAreAvoided() {
        assertThat(AsciiFold.fold("a\\b~c")).isEqualTo("a/b-c");
    }

    @Test
    void controlCharactersBecomeSpacesAndTheUnfoldableAQuestionMark() {
        assertThat(AsciiFold.fold("a\tb\nc")).isEqualTo("a b c");
        assertThat(AsciiFold.fold("€ 中 😀")).isEqualTo("? ? ?");
    }

    @Test
    void foldingKeepsTheNumberOfCharactersAndIsDeterministic() {
        String text = "Português Kreyòl Français Español ßæœøłđı";
        String folded = AsciiFold.fold(text);
        assertThat(folded).hasSize(text.codePointCount(0, text.length())).isEqualTo(AsciiFold.fold(text));
        assertThat(folded).isEqualTo("Portugues Kreyol Francais Espanol saooldi");
        assertThat(folded.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
