package io.waypoint.gateway.report;

import static io.waypoint.gateway.report.MonthTallyTest.LATER;
import static io.waypoint.gateway.report.MonthTallyTest.OCTOBER;
import static io.waypoint.gateway.report.MonthTallyTest.OCT_1;
import static io.waypoint.gateway.report.MonthTallyTest.SITE;
import static io.waypoint.gateway.report.MonthTallyTest.kiosk;
import static io.waypoint.gateway.report.MonthTallyTest.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each format prints every figure, under the same names, and nothing else. */
class ReportFormatTest {

    private static MonthlyReport report() {
        MonthTally t = new MonthTally(SITE, OCTOBER, ZoneOffset.UTC, LATER);
        t.add(stored("kiosk-01", 1, 1, OCT_1.plus(Duration.ofDays(1)), kiosk(60, 7, 30.5, 12, 9, 1500, 4, 20.25, 2.5)));
        t.alerts(MonthTallyTest.aMonthOfAlerts());
        return t.finish();
    }

    @Test
    void csvHasOneHeaderAndOneRowPerFigure() {
        MonthlyReport r = report();
        List<String> lines = ReportFormat.CSV.render(r).lines().toList();

        assertThat(lines.get(0)).isEqualTo("site,month,figure,value");
        assertThat(lines).hasSize(1 + r.figures().size() - 2); // site and month are columns, not rows
        assertThat(lines).contains("la-gloria,2026-10,phones_charged,7", "la-gloria,2026-10,call_time_min,25.0",
                "la-gloria,2026-10,water_unavailable_h,", "la-gloria,2026-10,alerts_raised,4",
                "la-gloria,2026-10,period_start,2026-10-01T00:00:00Z");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(4));
    }

    @Test
    void jsonHoldsEveryFigureAsANumberUnderItsName() throws Exception {
        MonthlyReport r = report();
        JsonObject o = (JsonObject) Jsoner.deserialize(ReportFormat.JSON.render(r));

        assertThat(o.keySet()).containsExactlyInAnyOrderElementsOf(r.figures().keySet());
        assertThat(o.get("site")).isEqualTo("la-gloria");
        assertThat(o.get("phones_charged")).isEqualTo(new BigDecimal("7"));
        assertThat(o.get("charging_energy_wh")).isEqualTo(new BigDecimal("30.5"));
        assertThat(o.get("alert_ack_median_min")).isEqualTo(new BigDecimal("17.5"));
        assertThat(o.containsKey("water_l")).isTrue();
        assertThat(o.get("water_unavailable_h")).isNull();
    }

    @Test
    void textAlignsTheValuesInOneColumn() {
        List<String> lines = ReportFormat.TEXT.render(report()).lines().toList();

        assertThat(lines.get(0)).isEqualTo("Monthly report: la-gloria, 2026-10 (UTC)");
        assertThat(lines.stream().skip(1).map(ReportFormatTest::valueColumn).distinct()).hasSize(1);
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  phones_charged +7"));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("  water_unavailable_h +-"));
    }

    private static int valueColumn(String line) {
        int nameEnd = line.indexOf(' ', 2);
        int i = nameEnd;
        while (line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    @Test
    void noFormatNamesWhoAcknowledgedAnAlert() {
        MonthlyReport r = report();
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(f.render(r)).doesNotContain("maria").doesNotContain("jo\u00e3o").doesNotContain("\"by\"");
        }
    }

    @Test
    void formatsAreNamedInLowerCaseAndAnUnknownOneIsRefused() {
        assertThat(Arrays.stream(ReportFormat.values()).map(ReportFormat::wire)).containsExactly("csv", "json", "text");
        assertThat(ReportFormat.named("json")).isEqualTo(ReportFormat.JSON);
        assertThatThrownBy(() -> ReportFormat.named("xml")).hasMessage("a report format is csv, json or text, was 'xml'");
    }
}
