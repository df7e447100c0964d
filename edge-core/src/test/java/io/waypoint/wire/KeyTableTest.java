package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTableTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String keyOf(KeyTable t, String s) {
        byte[] b = ascii("xx" + s + "yy");
        return t.key(b, 2, 2 + s.length(), s.hashCode());
    }

    private static String onlyKey(JsonObject o) {
        return o.keySet().iterator().next();
    }

    @Test
    void aKeyReadAgainIsTheSameInstanceAsTheLiteral() {
        JsonObject first = StrictJson.parseObject(ascii("{\"turbidity_ntu\":1}"));
        JsonObject second = StrictJson.parseObject(ascii("{ \"turbidity_ntu\" : 2 }"));
        assertThat(onlyKey(first)).isSameAs(onlyKey(second)).isSameAs("turbidity_ntu");
        assertThat(second.get("turbidity_ntu")).hasToString("2");
    }

    @Test
    void keysWithEscapesOrNonAsciiAreReadAsTheyAre() {
        JsonObject escaped = StrictJson.parseObject(ascii("{\"ph\\u006fne\":1}"));
        JsonObject accented = StrictJson.parseObject("{\"caudal_l\u00edtros\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(onlyKey(escaped)).isEqualTo("phone");
        assertThat(onlyKey(accented)).isEqualTo("caudal_l\u00edtros");
    }

    @Test
    void aFloodOfNewKeysEmptiesTheTableAndEveryAnswerStaysRight() {
        KeyTable t = new KeyTable();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String k = "k" + i;
            made.add(k);
            assertThat(keyOf(t, k)).isEqualTo(k);
        }
        // a key kept before the flood is kept again after it, and comes back as one instance
        String again = keyOf(t, "flow_lpm");
        assertThat(keyOf(t, "flow_lpm")).isSameAs(again).isEqualTo("flow_lpm");
        assertThat(keyOf(t, made.get(4_999))).isEqualTo("k4999");
    }

    @Test
    void verdictsAreThePrivacyGuardsEachTime() {
        KeyTable t = new KeyTable();
        for (int round = 0; round < 2; round++) {
            assertThat(t.verdict("flow_lpm")).isEqualTo(KeyTable.Verdict.FINE);
            assertThat(t.verdict("callerId")).isEqualTo(KeyTable.Verdict.NAMED_IDENTIFYING);
            assertThat(t.verdict("IMEI")).isEqualTo(KeyTable.Verdict.NAMED_IDENTIFYING);
            assertThat(t.verdict("+52 55 1234 5678")).isEqualTo(KeyTable.Verdict.SHAPED_LIKE_IDENTIFIER);
            assertThat(t.verdict("aa:bb:cc:dd:ee:ff")).isEqualTo(KeyTable.Verdict.SHAPED_LIKE_IDENTIFIER);
        }
        for (int i = 0; i < 5_000; i++) {
            assertThat(t.verdict("sensor_" + i)).isEqualTo(KeyTable.Verdict.FINE);
        }
        assertThat(t.verdict("phone")).isEqualTo(KeyTable.Verdict.NAMED_IDENTIFYING);
    }

    @Test
    void joinsArePathsAndTheSameInstanceEachTime() {
        KeyTable t = new KeyTable();
        String j = t.join("turbidity_ntu", "min");
        assertThat(j).isEqualTo("turbidity_ntu.min");
        assertThat(t.join("turbidity_ntu", "min")).isSameAs(j);
        assertThat(t.join("turbidity_ntu", "max")).isEqualTo("turbidity_ntu.max");
        for (int i = 0; i < 5_000; i++) {
            assertThat(t.join("p" + i, "q")).isEqualTo("p" + i + ".q");
        }
        assertThat(t.join("turbidity_ntu", "min")).isEqualTo("turbidity_ntu.min");
    }
}
