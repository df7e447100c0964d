package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectLogTest {
    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void logsEachKindOnceAMinuteAndCountsTheSuppressed() {
        RejectLog log = new RejectLog(Duration.ofMinutes(1));
        assertThat(log.admit("seq = 0: expected an integer >= 1", T0)).isZero();
        assertThat(log.admit("seq = 5: expected an integer >= 1", T0.plusSeconds(1))).isEqualTo(-1);
        assertThat(log.admit("seq = 6: expected an integer >= 1", T0.plusSeconds(2))).isEqualTo(-1);
        assertThat(log.admit("malformed JSON", T0.plusSeconds(3))).isZero();
        assertThat(log.admit("seq = 9: expected an integer >= 1", T0.plusSeconds(61))).isEqualTo(2);
    }
}
