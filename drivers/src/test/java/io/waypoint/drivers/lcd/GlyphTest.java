package io.waypoint.drivers.lcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlyphTest {
    @Test
    void aPictureBecomesFiveBitRowsLeftmostDotHighest() {
        Glyph g = Glyph.of("#....", "....#", "#####", ".....", ".....", ".....", ".....", ".#.#.");

        assertThat(g.rows()).containsExactly(0b10000, 0b00001, 0b11111, 0, 0, 0, 0, 0b01010);
        assertThat(g).hasToString("#..../....#/#####/...../...../...../...../.#.#.");
        assertThat(g).isEqualTo(Glyph.of(g.toString().split("/")));
    }

    @Test
    void aRowOfTheWrongWidthOrCharacterIsNamed() {
        assertThatThrownBy(() -> Glyph.of("#....", "......", ".....", ".....", ".....", ".....", ".....", "....."))
                .hasMessageContaining("glyph row 1 is '......'");
        assertThatThrownBy(() -> Glyph.of("#....", ".....", "..o..", ".....", ".....", ".....", ".....", "....."))
                .hasMessageContaining("glyph row 2 is '..o..'");
        assertThatThrownBy(() -> Glyph.of("#....")).hasMessageContaining("not 1 rows");
    }

    @Test
    void rowsAreACopy() {
        Glyph g = Glyph.of(".....", ".....", ".....", ".....", ".....", ".....", ".....", "#####");
        g.rows()[7] = 0;

        assertThat(g.rows()[7]).isEqualTo(31);
    }
}
