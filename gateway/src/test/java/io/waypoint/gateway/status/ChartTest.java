package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartTest {
    static final Instant TO = Instant.parse("2026-10-14T12:00:00Z");
    static final Instant FROM = TO.minus(Duration.ofDays(1));

    @Test
    void aDayOfMinuteReadingsBecomesOnePointPerFiveMinutesKeepingTheHighestSoASpikeShows() {
        List<Chart.Point> minutes = new ArrayList<>();
        for (int i = 1; i <= 1440; i++) {
            minutes.add(new Chart.Point(FROM.plusSeconds(60L * i), i == 700 ? 8.0 : 0.5));
        }
        Chart c = Chart.of("NTU", FROM, TO, Map.of("well-01", minutes), 6, List.of(1.0, 5.0), Duration.ofMinutes(2), Chart.Reduce.MAX);
        Chart.Series s = c.series().get(0);
        assertThat(s.runs()).hasSize(1);
        assertThat(s.points()).isLessThanOrEqualTo(Chart.MAX_POINTS).isGreaterThan(280);
        assertThat(s.runs().get(0)).extracting(Chart.Point::v).contains(8.0).containsOnly(0.5, 8.0);
        assertThat(c.yMax()).isEqualTo(10);
    }

    @Test
    void flowIsAveragedWithinAPoint() {
        List<Chart.Point> p = List.of(new Chart.Point(FROM.plusSeconds(60), 10), new Chart.Point(FROM.plusSeconds(120), 20));
        Chart c = Chart.of("L/min", FROM, TO, Map.of("well-01", p), 1, List.of(), Duration.ofMinutes(2), Chart.Reduce.MEAN);
        assertThat(c.series().get(0).runs().get(0)).extracting(Chart.Point::v).containsExactly(15.0);
        assertThat(c.yMax()).isEqualTo(20);
    }

    @Test
    void missingReadingsBreakTheLineAndReadingsOutsideTheWindowAreLeftOut() {
        List<Chart.Point> p = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            p.add(new Chart.Point(FROM.plus(Duration.ofMinutes(10L * i)), 1)); // one every 10 min
        }
        for (int i = 0; i < 6; i++) {
            p.add(new Chart.Point(FROM.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(10L * i)), 2)); // five hours later
        }
        p.add(new Chart.Point(FROM.minusSeconds(1), 99));
        p.add(new Chart.Point(TO.plusSeconds(1), 99));
        Chart c = Chart.of("NTU", FROM, TO, Map.of("well-01", p), 6, List.of(), Duration.ofMinutes(20), Chart.Reduce.MAX);
        assertThat(c.series().get(0).runs()).hasSize(2).allSatisfy(run -> assertThat(run).hasSize(6));
        assertThat(c.yMax()).isEqualTo(10); // the 99s were outside
    }

    @Test
    void theScaleIsARoundNumberAtOrAboveTheFloorAndEveryValue() {
        assertThat(Chart.roundUp(6)).isEqualTo(10);
        assertThat(Chart.roundUp(14.2)).isEqualTo(20);
        assertThat(Chart.roundUp(20)).isEqualTo(20);
        assertThat(Chart.roundUp(0.3)).isEqualTo(0.5);
        assertThat(Chart.roundUp(101)).isEqualTo(200);
        assertThat(Chart.roundUp(0)).isEqualTo(1);
        Chart c = Chart.of("NTU", FROM, TO, Map.of("well-01", List.of(new Chart.Point(FROM.plusSeconds(5), 0.2))), 6, List.of(),
                Duration.ofMinutes(2), Chart.Reduce.MAX);
        assertThat(c.yMax()).isEqualTo(10); // the floor keeps the 5 NTU line in view
    }

    @Test
    void eachNodeIsItsOwnSeriesInNameOrder() {
        Chart c = Chart.of("NTU", FROM, TO, Map.of("well-02", List.of(new Chart.Point(FROM.plusSeconds(5), 1)),
                "well-01", List.of(new Chart.Point(FROM.plusSeconds(5), 2))), 6, List.of(), Duration.ofMinutes(2), Chart.Reduce.MAX);
        assertThat(c.series()).extracting(Chart.Series::node).containsExactly("well-01", "well-02");
    }
}
