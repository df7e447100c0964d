package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.FlatMetrics;
import io.waypoint.wire.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteLogTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final SiteLog log = new SiteLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), ZoneOffset.UTC);
    private static final Instant T = Instant.parse("2026-11-27T12:40:00Z");

    @Test
    void aWellSummaryReadsAsOneLine() {
        FlatMetrics m = new FlatMetrics(Map.of("turbidity_ntu.avg", 0.6, "flow_lpm.avg", 14.2, "total_litres", 45678.9),
                Map.of("sensor", "ok"));
        assertThat(log.line(T, "la-gloria/well-01", m))
                .isEqualTo("12:40 la-gloria/well-01       0.6 NTU   14.2 L/min  total 45,679 L");
    }

    @Test
    void aFaultySensorShowsTheFaultNotAReading() {
        FlatMetrics m = new FlatMetrics(Map.of("flow_lpm.avg", 3.0), Map.of("sensor", "fault:unplugged"));
        assertThat(log.line(T, "la-gloria/well-01", m)).contains("sensor fault:unplugged").doesNotContain("NTU");
    }

    @Test
    void anAlertReadsWithItsStateAndSeverity() {
        log.alert(new Alert("turbidity_unsafe.well-01", "la-gloria", "well-01", "turbidity_unsafe", Severity.CRITICAL,
                AlertState.RAISED, T, Instant.parse("2026-11-27T12:52:00Z"), 7.2,
                "Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min", null));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("12:52 ALERT critical  Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min" + System.lineSeparator());
    }
}
