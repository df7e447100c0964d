package io.waypoint.gateway.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WordingTest {
    @Test
    void numbersReadAsPeopleWriteThem() {
        assertThat(Wording.number(7.2000001)).isEqualTo("7.2");
        assertThat(Wording.number(7.19999999)).isEqualTo("7.2");
        assertThat(Wording.number(12.0)).isEqualTo("12");
        assertThat(Wording.number(11.95)).isEqualTo("11.95");
        assertThat(Wording.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Wording.number(-3.0)).isEqualTo("-3");
        assertThat(Wording.number(9999.5)).isEqualTo("9999.5");
        assertThat(Wording.number(45678.9)).isEqualTo("45,678.9");
        assertThat(Wording.number(100_000)).isEqualTo("100,000");
        assertThat(Wording.number(-1_234_567.891)).isEqualTo("-1,234,567.89");
        assertThat(Wording.number(0.0004)).isEqualTo("0.0004");
        assertThat(Wording.number(-0.0)).isEqualTo("0");
    }

    @Test
    void ratiosReadAsWholePercentRoundedDownSoTheyNeverReachALimitTheyAreBelow() {
        assertThat(Wording.percent(0.58)).isEqualTo("58 %");
        assertThat(Wording.percent(0.925)).isEqualTo("92 %");
        assertThat(Wording.percent(0.6999)).isEqualTo("69 %");
        assertThat(Wording.percent(0.7)).isEqualTo("70 %");
        assertThat(Wording.percent(0.29 * 1)).isEqualTo("29 %");
        assertThat(Wording.percent(1.27)).isEqualTo("127 %");
        assertThat(Wording.percent(0.004)).isEqualTo("0.4 %");
        assertThat(Wording.percent(0)).isEqualTo("0 %");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Wording.duration(Duration.ofMinutes(2))).isEqualTo("2 min");
        assertThat(Wording.duration(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Wording.duration(Duration.ofHours(6))).isEqualTo("6 h");
        assertThat(Wording.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Wording.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Wording.duration(Duration.ofDays(1).plusHours(2))).isEqualTo("1 d 2 h");
        assertThat(Wording.duration(Duration.ZERO)).isEqualTo("0 ms");
    }

    @Test
    void unitsComeFromTheMetricName() {
        assertThat(Wording.unit("turbidity_ntu.avg")).isEqualTo(" NTU");
        assertThat(Wording.unit("power.battery_v")).isEqualTo(" V");
        assertThat(Wording.unit("flow_lpm.max")).isEqualTo(" L/min");
        assertThat(Wording.unit("total_litres")).isEqualTo(" L");
        assertThat(Wording.unit("litres")).isEqualTo(" L");
        assertThat(Wording.unit("charging.ports_busy")).isEmpty();
        assertThat(Wording.unit("calls.failed")).isEmpty();
    }

    @Test
    void templatesFillKnownPlaceholdersAndLeaveOtherBracesAlone() {
        assertThat(Wording.render("{node}: {value} > {threshold} {x} {}", Map.of("node", "well-01", "value", "7.2", "threshold", "5")))
                .isEqualTo("well-01: 7.2 > 5 {x} {}");
        assertThat(Wording.unknownPlaceholder("{node} {for}")).isNull();
        assertThat(Wording.unknownPlaceholder("{node} {when}")).isEqualTo("{when}");
    }
}
