package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.ReportMain;
import io.waypoint.testkit.JavaProcess;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.StateBody;
import io.waypoint.wire.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report beside a running gateway process: {@code scripts/report}'s main in a JVM of its own
 * reads the gateway's SQLite store while the gateway writes it, and the gateway process answers the
 * same report over MQTT.
 */
class ReportProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final NodeRef KIOSK = new NodeRef("la-gloria", "kiosk-01");
    @TempDir
    Path dir;

    @Test
    void aReportProcessReadsBesideTheRunningGatewayAndTheGatewayAnswersTheSameOverMqtt() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/kiosk-01/ack", "wp/v1/_gateway/gw-sys/cmd/report/result")) {
            Instant t = Instant.parse("2026-10-15T08:00:00Z");
            probe.publish("wp/v1/la-gloria/kiosk-01/state",
                    WireCodec.encode(Envelope.of(KIOSK, 1, 0, t, ClockState.SYNCED), StateBody.birth()), true);
            for (int seq = 1; seq <= 30; seq++) {
                probe.publish("wp/v1/la-gloria/kiosk-01/telemetry", WireCodec.encode(
                        Envelope.of(KIOSK, 1, seq, t.plusSeconds(60L * seq), ClockState.SYNCED),
                        new KioskTelemetry(60, new KioskTelemetry.Charging(8, 1, 1, 2.5, 0), new KioskTelemetry.Calls(2, 1, 90, 1),
                                new KioskTelemetry.Wifi(3, 1, 4.5, 0.5), null, 0)), false);
            }
            probe.await(WAIT, r -> r.topic().endsWith("/ack") && r.payload().contains("\"seq\":30")); // all 30 stored

            Path out = dir.resolve("report.out");
            Process report = JavaProcess.start(ReportMain.class, out, List.of(), "--data", gateway.dataDir().toString(),
                    "--site", "la-gloria", "--month", "2026-10", "--format", "csv");
            assertThat(report.waitFor(60, TimeUnit.SECONDS)).as("the report exits by itself").isTrue();
            String csv = Files.readString(out);
            assertThat(report.exitValue()).as(csv).isZero();
            assertThat(csv).startsWith("site,month,figure,value\n").contains("la-gloria,2026-10,phones_charged,30\n",
                    "la-gloria,2026-10,calls_placed,60\n", "la-gloria,2026-10,call_time_min,45.0\n",
                    "la-gloria,2026-10,wifi_data_mb,150.0\n", "la-gloria,2026-10,charging_no_data_h,743.5\n");
            assertThat(gateway.isAlive()).isTrue();

            probe.publish("wp/v1/_gateway/gw-sys/cmd/report", "{\"id\":\"p-1\",\"site\":\"la-gloria\",\"month\":\"2026-10\"}", false);
            MqttProbe.Received answer = probe.await(WAIT, r -> r.topic().endsWith("/cmd/report/result"));
            JsonObject result = (JsonObject) Jsoner.deserialize(answer.payload());
            assertThat(result.get("id")).isEqualTo("p-1");
            assertThat(result.get("ok")).isEqualTo(true);
            JsonObject figures = (JsonObject) result.get("report");
            assertThat(figures.get("phones_charged")).hasToString("30");
            assertThat(figures.get("charging_energy_wh")).hasToString("75.0");
        }
    }
}
