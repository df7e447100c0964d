package io.waypoint.gateway.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.store.GatewayStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
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
        assertThat(badMonth.get("error")).isEqualTo("month 'October': expected YYYY-MM from 1970-01 on, e.g. 2026-10");

        assertThat(answer("{\"site\":\"la-gloria\",\"month\":\"2027-02\"}").get("error").toString()).contains("has not begun");
        assertThat(answer("{\"site\":7,\"month\":\"2026-10\"}").get("error")).isEqualTo("site must be a string, was a number");
        assertThat(answer("{\"site\":4294967296,\"month\":\"2026-10\"}").get("error").toString()).doesNotContain("4294967296");
        assertThat(answer("{\"site\":\"La Gloria\",\"month\":\"2026-10\"}").get("error").toString()).startsWith("site 'La Gloria'");
        assertThat(answer("[1,2]").get("error").toString()).startsWith("the request must be a JSON object");
        assertThat(answer("{\"site\":\"+52 55 1234 5678\",\"month\":\"2026-10\"}").get("error").toString())
                .startsWith("site (a value withheld: it may identify a person)").doesNotContain("5678");
        assertThat(answer("{\"id\":\"a b\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}").get("error").toString())
                .startsWith("id must be");
        JsonObject numberId = answer("{\"id\":\"5551234567\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}");
        assertThat(numberId.get("id")).isNull();
        assertThat(numberId.get("error").toString()).contains("not shaped like a phone number");
    }

    @Test
    void monthsTheCalendarCannotHoldAreRefusedNotThrown() throws Exception {
        for (String month : new String[] {"+999999999-12", "-999999999-01", "0000-01", "1969-12", "12345-01", "2026-1"}) {
            JsonObject a = answer("{\"site\":\"la-gloria\",\"month\":\"" + month + "\"}");
            assertThat(a.get("ok")).as(month).isEqualTo(false);
            assertThat(a.get("error").toString()).as(month).contains("expected YYYY-MM from 1970-01 on");
        }
    }

    @Test
    void anyBytesGetAnAnswerAndNeverAnException() throws Exception {
        // outside bytes over MQTT: a valid request mutated at random (fixed seed), and plain noise
        byte[] valid = "{\"id\":\"r-1\",\"site\":\"la-gloria\",\"month\":\"2026-10\",\"format\":\"csv\",\"zone\":\"UTC\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\",:0123456789-+.eE tfnulasiteonhmzr\\u00".getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            byte[] input = valid.clone();
            for (int k = random.nextInt(1, 4); k > 0; k--) {
                input[random.nextInt(input.length)] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)]
                        : (byte) random.nextInt(256);
            }
            String answer = ReportCommand.answer(input, store, NOW);
            JsonObject a = (JsonObject) Jsoner.deserialize(answer);
            assertThat(a.get("ok")).as(new String(input, StandardCharsets.ISO_8859_1)).isIn(true, false);
            if (Boolean.FALSE.equals(a.get("ok"))) {
                assertThat(a.get("error").toString()).as(new String(input, StandardCharsets.ISO_8859_1))
                        .doesNotContain("failed (");
            }
        }
    }
}
