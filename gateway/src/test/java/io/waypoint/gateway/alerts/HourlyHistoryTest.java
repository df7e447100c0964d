package io.waypoint.gateway.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class HourlyHistoryTest {
    private static final Instant T = Instant.parse("2025-03-10T14:20:00Z");

    @Test
    void recentHoursEndWithTheHourOfTheReadingAndTheBaselineIsTheSameHoursOfEarlierDays() {
        HourlyHistory h = new HourlyHistory();
        for (int d = 0; d <= 3; d++) {
            Instant day = T.minus(Duration.ofDays(d));
            h.add(day.minus(Duration.ofHours(2)), 100, 1000);   // 12:20: outside a 2-hour window
            h.add(day.minus(Duration.ofHours(1)), 10 + d, 1000);   // 13:20
            h.add(day, 20 + d, 1000);                              // 14:20
        }
        assertThat(h.recent(T, 2)).isEqualTo(new HourlyHistory.Mean(30, 2));
        // days 1 and 2 before: 11 + 21 + 12 + 22
        assertThat(h.sameHoursBefore(T, 2, 2)).isEqualTo(new HourlyHistory.Mean(66, 4));
        assertThat(h.sameHoursBefore(T, 2, 7).count()).isEqualTo(6);
        assertThat(HourlyHistory.recentStart(T, 2)).isEqualTo(Instant.parse("2025-03-10T13:00:00Z"));
        assertThat(h.since()).isEqualTo(T.minus(Duration.ofDays(3)).minus(Duration.ofHours(2)));
    }

    @Test
    void memoryIsBoundedByTheHoursItKeepsHoweverLongItRuns() {
        HourlyHistory h = new HourlyHistory();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (long m = 0; m < 60L * 24 * 90; m++) {
            h.add(start.plusSeconds(60 * m), 12, 7 * 24 + 3);
        }
        assertThat(h.hours()).hasSizeLessThanOrEqualTo(7 * 24 + 3 + 1);
        assertThat(h.since()).isEqualTo(start);
        assertThat(h.recent(start.plus(Duration.ofDays(90)).minusSeconds(60), 1)).isEqualTo(new HourlyHistory.Mean(720, 60));
    }
}
