package io.waypoint.wire;

import static io.waypoint.wire.Examples.NOW;
import static io.waypoint.wire.Examples.VALIDATOR;
import static io.waypoint.wire.Examples.WELL_TELEMETRY;
import static io.waypoint.wire.Examples.bytes;
import static io.waypoint.wire.Examples.reasons;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the validator answers with reasons and never throws. */
class GarbageInputTest {

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, b, NOW))).isNotEmpty();
        }
    }

    @Test
    void mutatedMessagesNeverThrow() {
        Random random = new Random(7);
        byte[] good = bytes(Examples.kioskText());
        byte[] alphabet = bytes("{}[]\",:0123456789.-+eE \\truefalsnul");
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] payload = b;
            assertThatCode(() -> VALIDATOR.validate(Examples.KIOSK_TELEMETRY, payload, NOW)).doesNotThrowAnyException();
        }
    }

    @Test
    void arraysNested10000DeepAreRefusedWithoutStackOverflow() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(deep), NOW)))
                .containsExactly("payload nests objects or arrays more than 32 levels deep");
        String deepInBody = Examples.wellText().replace("\"sensor\"", "\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"sensor\"");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(deepInBody), NOW)))
                .containsExactly("payload nests objects or arrays more than 32 levels deep");
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(deepObjects), NOW))).hasSize(1);
    }

    @Test
    void aKeyOfAnyLengthOrControlCharactersIsShownShortAndPrintable() {
        // found by the fuzz harness: a reason repeated a 25 kB key of BEL characters (a non-finite number under it),
        // which made the gateway's reject unreadable and put raw control characters into its log
        String key = "bo" + "\u0007".repeat(25_000) + "ot";
        String text = Examples.wellText().replace("\"sensor\"", "\"" + key + "\":{\"d\":-1e999,\"phone\":1},\"sensor\"");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW))).isNotEmpty().allSatisfy(r -> {
            assertThat(r.length()).isLessThan(200);
            assertThat(r.chars().noneMatch(c -> c < 0x20)).as(r).isTrue();
        }).anySatisfy(r -> assertThat(r).startsWith("bo???").contains("….d = -1E+999"));
    }

    @Test
    void bracketsInsideStringsDoNotCountAsNesting() {
        String text = Examples.wellText().replace("\"sensor\"", "\"note\":\"" + "[{".repeat(100) + "\\\"\",\"sensor\"");
        Examples.valid(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW));
    }

    @Test
    void overlongAndSurrogateUtf8IsRefused() {
        byte[][] bad = {
                {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},               // overlong '/'
                {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},  // surrogate
                {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82}};                         // cut short
        for (byte[] b : bad) {
            assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, b, NOW))).singleElement().asString()
                    .startsWith("payload is not valid UTF-8");
        }
        byte[] good = "{\"a\":\"é€𝄞\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, good, NOW))).noneMatch(r -> r.contains("UTF-8"));
    }

    @Test
    void aNullPayloadIsAReasonNotAnException() {
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, null, NOW))).containsExactly("payload is empty: expected a JSON object");
    }

    @Test
    void hugeStringsInReasonsAreCut() {
        String text = Examples.wellText().replace("\"sensor\":\"ok\"", "\"sensor\":\"" + "s".repeat(10_000) + "\"");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW))).singleElement().asString().hasSizeLessThan(200);
    }
}
