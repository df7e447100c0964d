package io.waypoint.kiosk.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScreenTest {

    @Test
    void linesArePaddedToFourOfTwentyCharacters() {
        Screen s = Screen.of(List.of("Chajè 3", "Ap chaje"));
        assertThat(s.lines()).hasSize(4).allSatisfy(line -> assertThat(line).hasSize(20));
        assertThat(s.lines().get(0)).isEqualTo("Chajè 3             ");
        assertThat(s.ascii()).containsExactly("Chaje 3             ", "Ap chaje            ", " ".repeat(20),
                " ".repeat(20));
    }

    @Test
    void decomposedAccentsCountAsOneCharacter() {
        Screen s = Screen.of(List.of("Te\u0301le\u0301phone charge\u0301"));
        assertThat(s.lines().get(0)).startsWith("Téléphone chargé");
        assertThat(s.ascii().get(0)).isEqualTo("Telephone charge    ");
    }

    @Test
    void refusesALineTooLongOrTooManyLines() {
        assertThatThrownBy(() -> Screen.of(List.of("x".repeat(21)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21 characters");
        assertThatThrownBy(() -> Screen.of(List.of("a", "b", "c", "d", "e")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Screen(List.of("short", "", "", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLineShapedLikeAPhoneNumberIsHiddenFromToStringAndErrors() {
        Screen s = Screen.of(List.of("Dial the number", "and press the button", "Emergency: 112", "0034612345678"));
        assertThat(s.toString()).contains("Emergency: 112").doesNotContain("612345678").contains("(hidden)");
        assertThatThrownBy(() -> Screen.of(List.of("+0034612345678901234567"))).hasMessageNotContaining("612345678");
    }
}
