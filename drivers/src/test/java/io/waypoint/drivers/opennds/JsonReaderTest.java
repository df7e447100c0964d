package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsObjectsArraysAndQuotedStringsInOrder() throws Exception {
        Object v = JsonReader.read("{\"b\":\"2\",\"a\":{\"x\":[\"1\",\"2\"]},\"c\":\"null\"}");
        assertThat(v).isEqualTo(Map.of("b", "2", "a", Map.of("x", List.of("1", "2")), "c", "null"));
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("b", "a", "c"));
    }

    @Test
    void keepsBareNumbersAndLiteralsAsTheirText() throws Exception {
        assertThat(JsonReader.read("{\"id\":2,\"avg\":69.53,\"ok\":true,\"none\":null,\"neg\":-1}"))
                .isEqualTo(Map.of("id", "2", "avg", "69.53", "ok", "true", "none", "null", "neg", "-1"));
    }

    @Test
    void decodesEscapes() throws Exception {
        assertThat(JsonReader.read("{\"s\":\"a\\\"b\\\\c\\/d\\n\\u0041\\q\"}")).isEqualTo(Map.of("s", "a\"b\\c/d\nAq"));
    }

    @Test
    void toleratesTextAroundTheValueTrailingCommasAndMissingCommas() throws Exception {
        assertThat(JsonReader.read("warning: something\n{\"a\":\"1\",,\"b\":\"2\",}\ntrailing text"))
                .isEqualTo(Map.of("a", "1", "b", "2"));
        assertThat(JsonReader.read("{\"a\":\"1\" \"b\":[\"x\" \"y\",]}"))
                .isEqualTo(Map.of("a", "1", "b", List.of("x", "y")));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValue() throws Exception {
        assertThat(JsonReader.read("{\"a\":\"1\",\"a\":\"2\"}")).isEqualTo(Map.of("a", "2"));
    }

    @Test
    void rawControlCharactersInStringsAreKept() throws Exception {
        assertThat(JsonReader.read("{\"name\":\"kiosk\tone\u0001\"}")).isEqualTo(Map.of("name", "kiosk\tone\u0001"));
    }

    @Test
    void anEmptyObjectIsAnEmptyMap() throws Exception {
        assertThat(JsonReader.read("{}\n")).isEqualTo(Map.of());
    }

    @Test
    void whatIsNoJsonIsMalformed() {
        assertThatThrownBy(() -> JsonReader.read("ndsctl thread is busy, please try later."))
                .isInstanceOf(JsonReader.Malformed.class).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> JsonReader.read("")).isInstanceOf(JsonReader.Malformed.class);
        assertThatThrownBy(() -> JsonReader.read("{\"a\":\"1\"")).isInstanceOf(JsonReader.Malformed.class)
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> JsonReader.read("{\"a\":\"1}")).isInstanceOf(JsonReader.Malformed.class)
                .hasMessageContaining("string");
        assertThatThrownBy(() -> JsonReader.read("{\"a\" \"1\"}")).isInstanceOf(JsonReader.Malformed.class)
                .hasMessageContaining("':'");
        assertThatThrownBy(() -> JsonReader.read("[1, }")).isInstanceOf(JsonReader.Malformed.class);
    }

    @Test
    void nestingDeeperThanTheLimitIsMalformedNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> JsonReader.read(deep)).isInstanceOf(JsonReader.Malformed.class)
                .hasMessageContaining("deeper than " + JsonReader.MAX_DEPTH);
    }

    @Test
    void anErrorNeverQuotesTheInput() {
        String secret = "{\"clients\":{\"7e:c6:be:e4:b4:97\":{\"ip\":\"192.168.1.195\"";
        Throwable t = catchThrowable(() -> JsonReader.read(secret));
        assertThat(t).isInstanceOf(JsonReader.Malformed.class);
        assertThat(t.getMessage()).doesNotContain("7e:c6").doesNotContain("192.168");
    }

    @Test
    void junkOnlyEverGivesAValueOrMalformed() {
        // anything else (a runtime exception, a stack overflow, a hang) fails the test
        Random random = new Random(42);
        String alphabet = "{}[]\":,\\ \n\tabcu0123456789-.enull";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder junk = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                junk.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            readOrMalformed(junk.toString());
        }
    }

    @Test
    void aMangledClientListOnlyEverGivesClientsOrMalformed() {
        Random random = new Random(4242);
        String list = NdsctlOutputs.OPENNDS_10_TWO_CLIENTS;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder mangled = new StringBuilder(list);
            for (int edits = 1 + random.nextInt(5); edits > 0 && mangled.length() > 0; edits--) {
                int at = random.nextInt(mangled.length());
                switch (random.nextInt(3)) {
                    case 0 -> mangled.deleteCharAt(at);
                    case 1 -> mangled.insert(at, "{}[]\",: x".charAt(random.nextInt(9)));
                    default -> mangled.setCharAt(at, (char) random.nextInt(128));
                }
            }
            try {
                ClientListJson.parse(mangled.toString());
            } catch (JsonReader.Malformed e) {
                // fine: a mangled list may be unreadable
            }
        }
    }

    private static void readOrMalformed(String text) {
        try {
            JsonReader.read(text);
        } catch (JsonReader.Malformed e) {
            // fine: junk may be unreadable
        }
    }

    @Test
    void aClientListCutShortIsNeverTakenForAShorterList() {
        // ndsctl killed mid-output must not look like "fewer phones"
        String list = NdsctlOutputs.OPENNDS_10_TWO_CLIENTS;
        int complete = list.lastIndexOf('}') + 1;
        for (int end = 0; end < complete; end++) {
            String cut = list.substring(0, end);
            assertThat(catchThrowable(() -> ClientListJson.parse(cut))).as("cut at %d", end)
                    .isInstanceOf(JsonReader.Malformed.class);
        }
    }
}
