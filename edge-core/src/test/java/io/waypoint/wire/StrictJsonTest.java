package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static final String TELEMETRY = WireCodec.encode(
            Envelope.of(new NodeRef("la-gloria", "well-01"), 3, 42, Instant.parse("2026-03-01T10:00:00Z"), ClockState.SYNCED),
            new WellTelemetry(60, new WellTelemetry.Summary(0.31, 0.4, 0.52, 6), new WellTelemetry.Summary(0, 2.5, 7.25, 6),
                    12.5, 45678.9, 1234.5, "ok", 0, 100_000));

    /** What json-simple makes of the same bytes, or a marker string when it refuses them. */
    private static Object jsonSimple(byte[] bytes) {
        try {
            return Jsoner.deserialize(new String(bytes, StandardCharsets.UTF_8));
        } catch (Exception e) {
            return "refused by json-simple";
        }
    }

    private static void agreesWithJsonSimple(byte[] bytes) {
        JsonObject fast = StrictJson.parseObject(bytes);
        if (fast != null) {
            assertThat(fast).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(jsonSimple(bytes));
        }
    }

    @Test
    void readsTelemetryAsJsonSimpleDoes() {
        byte[] bytes = TELEMETRY.getBytes(StandardCharsets.UTF_8);
        JsonObject fast = StrictJson.parseObject(bytes);
        assertThat(fast).isNotNull().isEqualTo(jsonSimple(bytes));
        assertThat(fast.get("seq")).isEqualTo(new java.math.BigDecimal("42"));
    }

    @Test
    void valuesOfEveryKindComeOutAsJsonSimpleMakesThem() {
        for (String json : List.of(
                "{}", " {\"a\" : [ ] , \"b\":{}}\n", "{\"n\":-0,\"e\":1E+2,\"f\":1.50e-3,\"z\":0.0,\"big\":123456789012345678901234567890}",
                "{\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"x\",null,[true]]}",
                "{\"s\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud800\"}", "{\"é\":\"niño 水\"}", "{\"k\":1,\"k\":2}",
                "{\"\":\"\"}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(StrictJson.parseObject(bytes)).as(json).isNotNull();
            agreesWithJsonSimple(bytes);
        }
    }

    @Test
    void leavesToJsonSimpleWhatIsNotOnePlainObject() {
        for (String json : List.of("", "[]", "1", "\"s\"", "{} {}", "{}x", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
                "{\"a\":+1}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\t\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}",
                "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":[1,]}", "{\"a\":1", "{\"a\":\"x", "{'a':1}", "{a:1}",
                "{\"a\":NaN}", "{\"a\":1e999999999999}", "\uFEFF{}", "{\f}")) {
            assertThat(StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
        }
    }

    @Test
    void neverDisagreesWithJsonSimpleOnMutatedMessages() {
        SplittableRandom random = new SplittableRandom(6);
        byte[] base = (TELEMETRY.substring(0, TELEMETRY.length() - 1) + ",\"x\":[\"a\\u00e9\\n\",-0.5e3,{\"y\":null}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]:,\"\\-+.eE0123456789 \t\nabfnrtu/xé".getBytes(StandardCharsets.UTF_8);
        int parsed = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] b = base.clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                int at = random.nextInt(b.length);
                byte[] next;
                switch (random.nextInt(3)) {
                    case 0 -> { // replace
                        b[at] = alphabet[random.nextInt(alphabet.length)];
                        next = b;
                    }
                    case 1 -> { // delete
                        next = new byte[b.length - 1];
                        System.arraycopy(b, 0, next, 0, at);
                        System.arraycopy(b, at + 1, next, at, b.length - at - 1);
                    }
                    default -> { // insert
                        next = new byte[b.length + 1];
                        System.arraycopy(b, 0, next, 0, at);
                        next[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(b, at, next, at + 1, b.length - at);
                    }
                }
                b = next;
            }
            if (JsonPayload.prescan(b) != null) {
                continue;
            }
            if (StrictJson.parseObject(b) != null) {
                parsed++;
            }
            agreesWithJsonSimple(b);
        }
        assertThat(parsed).as("mutations the fast path read itself").isGreaterThan(1_000);
    }

    private static byte[] bytes(String ascii, int... raw) {
        byte[] a = ascii.getBytes(StandardCharsets.ISO_8859_1);
        int at = ascii.indexOf('#');
        byte[] out = new byte[a.length - 1 + raw.length];
        System.arraycopy(a, 0, out, 0, at);
        for (int k = 0; k < raw.length; k++) {
            out[at + k] = (byte) raw[k];
        }
        System.arraycopy(a, at + 1, out, at + raw.length, a.length - at - 1);
        return out;
    }

    @Test
    void refusesWhatThePrescanRefusesSoThePrescanOnlyWordsIt() {
        String deep = "{\"a\":" + "[".repeat(JsonPayload.MAX_DEPTH) + "]".repeat(JsonPayload.MAX_DEPTH) + "}";
        String deepEnough = "{\"a\":" + "[".repeat(JsonPayload.MAX_DEPTH - 1) + "]".repeat(JsonPayload.MAX_DEPTH - 1) + "}";
        String longNumber = "{\"a\":" + "1".repeat(JsonPayload.MAX_NUMBER_CHARS + 1) + "}";
        String longEnough = "{\"a\":" + "1".repeat(JsonPayload.MAX_NUMBER_CHARS) + "}";
        List<byte[]> refused = List.of(deep.getBytes(StandardCharsets.US_ASCII), longNumber.getBytes(StandardCharsets.US_ASCII),
                bytes("{\"a\":\"x#\"}", 0xC0, 0xAF), // overlong '/'
                bytes("{\"x#\":1}", 0xED, 0xA0, 0x80), // a surrogate, in a key
                bytes("{\"a\":\"\\n#\"}", 0xE9), // a lone Latin-1 byte after an escape
                bytes("{\"a\":\"#\"}", 0xF4, 0x90, 0x80, 0x80)); // above U+10FFFF
        for (byte[] b : refused) {
            assertThat(JsonPayload.prescan(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isNotNull();
            assertThat(StrictJson.parseObject(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isNull();
        }
        for (String fine : List.of(deepEnough, longEnough, "{\"caf\u00e9\":\"\u00e9\\n\u20ac\ud83d\udca7\"}")) {
            byte[] b = fine.getBytes(StandardCharsets.UTF_8);
            assertThat(JsonPayload.prescan(b)).as(fine).isNull();
            assertThat(StrictJson.parseObject(b)).as(fine).isNotNull().isEqualTo(jsonSimple(b));
        }
    }

    @Test
    void neverReadsWhatThePrescanRefusesAmongMutatedBytes() {
        SplittableRandom random = new SplittableRandom(11);
        byte[] base = (TELEMETRY.substring(0, TELEMETRY.length() - 1) + ",\"x\":[\"a\u00e9\\n\u20ac\",[[1]],{\"y\":-0.5e3}]}")
                .getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] b = base.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                b[random.nextInt(b.length)] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x80));
            }
            if (JsonPayload.prescan(b) != null) {
                refused++;
                assertThat(StrictJson.parseObject(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isNull();
            }
        }
        assertThat(refused).as("mutations the prescan refused").isGreaterThan(1_000);
    }
}
