package io.waypoint.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.store.GatewayStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answers of the gateway's report command, without a broker (the broker path is in SimulatedMonthReportTest). */
class ReportCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
    @TempDir
    Path dir;
    private GatewayStore store;

    @BeforeEach
    void open() {
        store = GatewayStore.sqlite(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private JsonObject answer(String request) throws Exception {
        return (JsonObject) Jsoner.deserialize(ReportCommand.answer(request.getBytes(StandardCharsets.UTF_8), store, NOW));
    }

    @Test
    void topicsAreUnderTheGatewaysOwnNamespace() {
        assertThat(ReportCommand.requestTopic("gw-1")).isEqualTo("wp/v1/_gateway/gw-1/cmd/report");
    }

    @Test
    void aJsonReportIsTheFiguresObjectAndTheIdComesBack() throws Exception {
        JsonObject a = answer("{\"id\":\"r-7\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}");

        assertThat(a.get("id")).isEqualTo("r-7");
        assertThat(a.get("ok")).isEqualTo(true);
        assertThat(a.get("format")).isEqualTo("json");
        JsonObject report = (JsonObject) a.get("report");
        assertThat(report.get("site")).isEqualTo("la-gloria");
        assertThat(report.get("period_h")).hasToString("744.0");
        assertThat(report.get("phones_charged")).hasToString("0");
    }

    @Test
    void csvAndTextReportsAreStrings() throws Exception {
        assertThat((String) answer("{\"site\":\"la-gloria\",\"month\":\"2026-10\",\"format\":\"csv\"}").get("report"))
                .startsWith("site,month,figure,value\n");
        assertThat((String) answer("{\"site\":\"la-gloria\",\"month\":\"2026-11\",\"format\":\"text\",\"zone\":\"America/Mexico_City\"}")
                .get("report")).startsWith("Monthly report: la-gloria, 2026-11 (America/Mexico_City)");
    }

    @Test
    void aBadRequestIsAnsweredWithWhatIsWrong() throws Exception {
        JsonObject badMonth = answer("{\"id\":\"r-8\",\"site\":\"la-gloria\",\"month\":\"October\"}");
        assertThat(badMonth.get("ok")).isEqualTo(false);
        assertThat(badMonth.get("id")).isEqualTo("r-8");
        assertThat(badMonth.get("error")).isEqualTo("month 'October': expected YYYY-MM, e.g. 2026-10");

        assertThat(answer("{\"site\":\"la-gloria\",\"month\":\"2027-02\"}").get("error").toString()).contains("has not begun");
        assertThat(answer("{\"site\":7,\"month\":\"2026-10\"}").get("error")).isEqualTo("site must be a string, was 7");
        assertThat(answer("{\"site\":\"La Gloria\",\"month\":\"2026-10\"}").get("error").toString()).startsWith("site 'La Gloria'");
        assertThat(answer("[1,2]").get("error").toString()).startsWith("the request must be a JSON object");
        assertThat(answer("{\"id\":\"a b\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}").get("error").toString())
                .startsWith("id must be");
    }
}
