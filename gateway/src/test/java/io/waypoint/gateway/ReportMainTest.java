package io.waypoint.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.testkit.PostgresServer;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WireCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/report}: where it reads, what it prints, and one line with exit 2 or 1 when it cannot. */
class ReportMainTest {
    private static final Clock NOV_27 = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, List<String> err) {}

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReportMain.run(args, NOV_27, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private Path gatewayWithOneKioskSummary() {
        Path data = dir.resolve("gw-data");
        Instant t = Instant.parse("2026-10-15T10:00:00Z");
        String body = WireCodec.encode(Envelope.of(new NodeRef("la-gloria", "kiosk-01"), 1, 1, t, ClockState.SYNCED),
                new KioskTelemetry(60, new KioskTelemetry.Charging(8, 1, 3, 4.5, 0), null, null, null, 0));
        try (GatewayStore s = GatewayStore.sqlite(data)) {
            s.write(new Batch(List.of(new StoredMessage("la-gloria", "kiosk-01", 1, 1, "telemetry", t, t, body)), List.of(), List.of(),
                    List.of(), List.of(), null));
        }
        return data;
    }

    @Test
    void readsTheStoreInTheGatewaysConfiguredDataDirAndPrintsTheReport() throws Exception {
        Path data = gatewayWithOneKioskSummary();
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[gateway]\nid = gw-1\n[broker]\nurl = tcp://127.0.0.1:1883\n[data]\ndir = " + data + "\n");

        Outcome o = run("--config", conf.toString(), "--site", "la-gloria", "--month", "2026-10", "--format", "csv");

        assertThat(o.err()).isEmpty();
        assertThat(o.exit()).isZero();
        assertThat(o.out()).startsWith("site,month,figure,value\n").contains("la-gloria,2026-10,phones_charged,3\n")
                .contains("la-gloria,2026-10,charging_energy_wh,4.5\n");
    }

    @Test
    void textIsTheDefaultFormat() {
        Path data = gatewayWithOneKioskSummary();

        Outcome o = run("--data", data.toString(), "--site", "la-gloria", "--month", "2026-10");

        assertThat(o.exit()).isZero();
        assertThat(o.out()).startsWith("Monthly report: la-gloria, 2026-10 (UTC)\n").containsPattern("(?m)^  phones_charged +3$");
    }

    @Test
    void aBadMonthIsOneLineAndExitTwo() {
        Outcome o = run("--data", dir.toString(), "--site", "la-gloria", "--month", "2026-13");

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).containsExactly("report: command line: month '2026-13': expected YYYY-MM from 1970-01 on, e.g. 2026-10");
    }

    @Test
    void aMissingSiteAnUnknownOptionAndAnUnknownFormatAreEachOneLineAndExitTwo() {
        assertThat(run("--month", "2026-10").err()).containsExactly("report: command line: site missing: expected a site id like la-gloria");
        Outcome unknown = run("--site", "la-gloria", "--month", "2026-10", "--sites", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).singleElement().asString().startsWith("report: command line: --sites = (missing): expected one of --config");
        Outcome format = run("--site", "la-gloria", "--month", "2026-10", "--format", "pdf");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).containsExactly("report: command line: a report format is csv, json or text, was 'pdf'");
    }

    @Test
    void aMonthNotBegunIsExitTwo() {
        Path data = gatewayWithOneKioskSummary();

        Outcome o = run("--data", data.toString(), "--site", "la-gloria", "--month", "2027-01");

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).singleElement().asString().contains("month 2027-01 has not begun");
    }

    @Test
    void noDatabaseInTheDataDirIsExitOneNamingTheFileAndCreatesNothing() {
        Path empty = dir.resolve("not-a-gateway");

        Outcome o = run("--data", empty.toString(), "--site", "la-gloria", "--month", "2026-10");

        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).singleElement().asString().startsWith("report: no gateway database at " + empty.resolve("gateway.db"));
        assertThat(empty).doesNotExist();
    }

    @Test
    void readsThePostgresqlStoreTheGatewaysConfigNames() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dir.resolve("pg"))) {
            String url = postgres.freshDatabase();
            Instant t = Instant.parse("2026-10-15T10:00:00Z");
            String body = WireCodec.encode(Envelope.of(new NodeRef("la-gloria", "kiosk-01"), 1, 1, t, ClockState.SYNCED),
                    new KioskTelemetry(60, null, new KioskTelemetry.Calls(5, 4, 600, 1), null, null, 0));
            try (GatewayStore s = GatewayStore.postgres(url, PostgresServer.USER, PostgresServer.PASSWORD.toCharArray())) {
                s.write(new Batch(List.of(new StoredMessage("la-gloria", "kiosk-01", 1, 1, "telemetry", t, t, body)), List.of(),
                        List.of(), List.of(), List.of(), null));
            }
            Path conf = dir.resolve("gateway.conf");
            Files.writeString(conf, "[store]\nurl = " + url + "\nuser = " + PostgresServer.USER + "\npassword = "
                    + PostgresServer.PASSWORD + "\n");

            Outcome o = run("--config", conf.toString(), "--site", "la-gloria", "--month", "2026-10", "--format", "json");

            assertThat(o.err()).isEmpty();
            assertThat(o.exit()).isZero();
            assertThat(o.out()).contains("\"calls_placed\":5").contains("\"calls_answered\":4").contains("\"call_time_min\":10.0")
                    .doesNotContain(PostgresServer.PASSWORD);
        }
    }
}
