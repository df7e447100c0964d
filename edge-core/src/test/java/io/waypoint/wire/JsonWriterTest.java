package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonWriterTest {

    @ParameterizedTest
    @CsvSource({
            "60, 60", "12.5, 12.5", "45678.9, 45678.9", "0.001, 0.001", "0.0004, 0", "-0.0, 0", "1.23456, 1.235",
            "12.30, 12.3", "-2.5, -2.5", "0.05, 0.05", "0.105, 0.105", "40.0, 40", "1e13, 10000000000000",
            "999999.9999, 1000000", "-0.0006, -0.001"})
    void writesNumbersWithAtMostThreeDecimalsAndNoTrailingZeros(double value, String expected) {
        assertThat(JsonWriter.number(value)).isEqualTo(expected);
    }

    @Test
    void writesFloatingPointNoiseAsTheIntendedDecimal() {
        assertThat(JsonWriter.number(0.1 + 0.2)).isEqualTo("0.3");
    }

    @Test
    void writesANumberTooLongToWriteOutWithAnExponentTheGatewayReads() {
        // found by the fuzz harness: a birth with 1e300 among its extras passed the validator, but the
        // node's encoder wrote it as 301 digits, which the validator refuses unread
        assertThat(JsonWriter.number(1e300)).isEqualTo("1E+300");
        assertThat(JsonWriter.number(-1.5e70)).isEqualTo("-1.5E+70");
        assertThat(JsonWriter.number(1e20)).isEqualTo("100000000000000000000");
        String birth = WireCodec.encode(Examples.envelope(Examples.WELL, 0), StateBody.birth(Map.of("huge", 1e300)));
        assertThat(Examples.VALIDATOR.validate(Examples.WELL_STATE, Examples.bytes(birth), Examples.NOW))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void halfASurrogatePairIsWrittenAsAnEscapeSoItReadsBackAsItWas() throws Exception {
        // found by the fuzz harness: an alert whose message held a lone \\ud800 came back with '?' once sent as UTF-8
        String lone = "turbidi\ud800ty, \udc00, and a pair \ud83d\udca7";
        String json = new JsonWriter().begin().field("message", lone).end().text();
        assertThat(json).contains("turbidi\\ud800ty, \\udc00,").contains("\ud83d\udca7");
        String sent = new String(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(((JsonObject) com.github.cliftonlabs.json_simple.Jsoner.deserialize(sent)).get("message")).isEqualTo(lone);
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThatThrownBy(() -> JsonWriter.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.number(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesStringsSoJsonSimpleReadsThemBack() {
        String nasty = "a\"b\\c\nd\te\u0001f/é\u2028";
        String text = new JsonWriter().begin().field("s", nasty).end().text();
        assertThat(Examples.json(text).get("s")).isEqualTo(nasty);
    }

    @Test
    void keepsKeyOrderAndNestsMapsAndLists() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1L);
        nested.put("a", List.of(true, "x", 2.5));
        nested.put("n", null);
        String text = new JsonWriter().begin().field("b", 1).value("m", nested).field("a", "x").end().text();
        assertThat(text).isEqualTo("{\"b\":1,\"m\":{\"z\":1,\"a\":[true,\"x\",2.5],\"n\":null},\"a\":\"x\"}");
        JsonObject back = Examples.json(text);
        assertThat(back).containsKeys("b", "m", "a");
    }

    @Test
    void refusesValuesThatAreNotJson() {
        assertThatThrownBy(() -> new JsonWriter().begin().value("x", new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Object");
    }
}
