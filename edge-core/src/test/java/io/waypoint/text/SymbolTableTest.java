package io.waypoint.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SymbolTableTest {

    private static String read(SymbolTable t, String s) {
        byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
        int to = b.length - 2;
        return t.string(b, 2, to, SymbolTable.hash(b, 2, to));
    }

    @Test
    void aStringReadAgainIsTheSameInstance() {
        SymbolTable t = new SymbolTable(64, 100, false);
        String first = read(t, "wp/v1/la-gloria/well-01/telemetry");
        assertThat(read(t, "wp/v1/la-gloria/well-01/telemetry")).isSameAs(first).isEqualTo("wp/v1/la-gloria/well-01/telemetry");
    }

    @Test
    void internedOnesAreTheLiteralsInstance() {
        SymbolTable t = new SymbolTable(64, 100, true);
        assertThat(read(t, "turbidity_ntu")).isSameAs("turbidity_ntu");
    }

    @Test
    void utf8IsDecodedAndStringsOfOneHashAreToldApart() {
        SymbolTable t = new SymbolTable(64, 100, false);
        assertThat(read(t, "wp/v1/caf\u00e9/\u20ac")).isEqualTo("wp/v1/caf\u00e9/\u20ac");
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(read(t, "Aa")).isEqualTo("Aa");
        assertThat(read(t, "BB")).isEqualTo("BB");
        assertThat(read(t, "Aa")).isEqualTo("Aa");
    }

    @Test
    void aFloodStaysRightAndTooLongStringsAreReadNotKept() {
        SymbolTable t = new SymbolTable(64, 10, false);
        for (int i = 0; i < 10_000; i++) {
            assertThat(read(t, "k" + i)).isEqualTo("k" + i);
        }
        assertThat(read(t, "k1")).isEqualTo("k1");
        assertThat(read(t, "12345678901")).isEqualTo("12345678901").isNotSameAs(read(t, "12345678901"));
        assertThatThrownBy(() -> new SymbolTable(12, 10, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
