package io.waypoint.gateway.alerts;

import io.waypoint.wire.AlertState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.waypoint.gateway.alerts.Feed.feed;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.well;
import static org.assertj.core.api.Assertions.assertThat;

class RateRuleTest {
    private final AlertEngine engine = new AlertEngine(Feed.rules("""
            [rule turbidity_jump]
            kind = rate
            metric = turbidity_ntu.avg
            rise_per_min = 2
            fall_per_min = 1
            clear_for = 3m
            """));

    @Test
    void risingFasterThanTheLimitBetweenConsecutiveReadingsRaisesWithTheRatePerMinute() {
        assertThat(feed(engine, List.of(well("well-01", min(0), 1.0), well("well-01", min(1), 1.5)))).isEmpty();

        assertThat(engine.observe(well("well-01", min(2), 5.0))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RAISED);
            assertThat(a.since()).isEqualTo(min(2));
            assertThat(a.value()).isEqualTo(3.5);
            assertThat(a.message()).isEqualTo(
                    "turbidity_ntu.avg at la-gloria/well-01 changed by 3.5 NTU per min, beyond 2 NTU per min");
        });
    }

    @Test
    void resolvesWhenTheRateStaysWithinLimitsForClearFor() {
        feed(engine, List.of(well("well-01", min(0), 1.0), well("well-01", min(1), 5.0)));
        assertThat(feed(engine, List.of(well("well-01", min(2), 5.1), well("well-01", min(4), 5.2)))).isEmpty();

        assertThat(engine.observe(well("well-01", min(5), 5.2))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(5));
        });
    }

    @Test
    void aFallBeyondItsLimitRaisesWithANegativeRate() {
        feed(engine, List.of(well("well-01", min(0), 10)));
        assertThat(engine.observe(well("well-01", min(1), 7))).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo(-3.0));
    }

    @Test
    void theRateIsPerMinuteOfEventTimeSoASlowChangeOverAGapRaisesNothing() {
        assertThat(feed(engine, List.of(well("well-01", min(0), 1.0), well("well-01", min(10), 16.0)))).isEmpty();
    }
}
