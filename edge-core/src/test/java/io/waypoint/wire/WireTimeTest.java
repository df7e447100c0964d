package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WireTimeTest {

    @Test
    void formatsUtcWithExactlyMilliseconds() {
        assertThat(WireTime.format(Instant.parse("2026-11-27T12:40:00.123Z"))).isEqualTo("2026-11-27T12:40:00.123Z");
        assertThat(WireTime.format(Instant.parse("2026-11-27T12:40:00Z"))).isEqualTo("2026-11-27T12:40:00.000Z");
        assertThat(WireTime.format(Instant.parse("2026-11-27T12:40:00.1Z"))).isEqualTo("2026-11-27T12:40:00.100Z");
    }

    @Test
    void truncatesFinerPrecision() {
        assertThat(WireTime.format(Instant.parse("2026-11-27T12:40:00.123999999Z"))).isEqualTo("2026-11-27T12:40:00.123Z");
    }

    @Test
    void parsesWhatItFormats() {
        Instant t = Instant.parse("2024-02-29T23:59:59.999Z");
        assertThat(WireTime.parse(WireTime.format(t))).contains(t);
    }

    @Test
    void parsesOffsetsToUtc() {
        assertThat(WireTime.parse("2026-11-27T13:40:00.123+01:00")).contains(Instant.parse("2026-11-27T12:40:00.123Z"));
        assertThat(WireTime.parse("2026-11-27T06:40:00-06:00")).contains(Instant.parse("2026-11-27T12:40:00Z"));
    }

    @Test
    void parsesWithoutFractionOrWithNanoseconds() {
        assertThat(WireTime.parse("2026-11-27T12:40:00Z")).contains(Instant.parse("2026-11-27T12:40:00Z"));
        assertThat(WireTime.parse("2026-11-27T12:40:00.123456789Z")).contains(Instant.parse("2026-11-27T12:40:00.123456789Z"));
    }

    @Test
    void acceptsLowerCaseSeparatorsAsRfc3339Does() {
        assertThat(WireTime.parse("2026-11-27t12:40:00z")).contains(Instant.parse("2026-11-27T12:40:00Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "2026-11-27T12:40:00", "2026-11-27", "2026-02-30T12:40:00.000Z",
            "2026-13-01T00:00:00.000Z", "2026-11-27T24:00:00.000Z", "2026-11-27 12:40:00Z", "2026-11-27T12:40:00.12XZ",
            "1764247200"})
    void refusesWhatIsNotAnInstant(String text) {
        assertThat(WireTime.parse(text)).isEmpty();
    }

    @Test
    void formatRefusesNull() {
        assertThatThrownBy(() -> WireTime.format(null)).isInstanceOf(NullPointerException.class);
    }

    private static final DateTimeFormatter GENERAL_WRITER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void writesWhatInstantToStringAndTheGeneralFormatterWriteForAnyInstant() {
        List<Instant> edges = List.of(Instant.EPOCH, Instant.parse("2000-02-29T23:59:59.999Z"),
                Instant.parse("1900-03-01T00:00:00Z"), Instant.parse("2100-02-28T12:00:00.000001Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59.5Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2026-11-27T20:00:00.120Z"));
        SplittableRandom random = new SplittableRandom(27);
        List<Instant> all = new ArrayList<>(edges);
        for (int i = 0; i < 200_000; i++) {
            long s = random.nextLong(-40_000_000_000L, 260_000_000_000L);
            int nano = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            all.add(Instant.ofEpochSecond(s, nano));
        }
        for (Instant t : all) {
            assertThat(WireTime.isoInstant(t)).isEqualTo(t.toString());
            assertThat(WireTime.format(t)).isEqualTo(GENERAL_WRITER.format(t));
        }
    }
}
