package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.site.SiteRecord;
import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Critical alerts by SMS while the site's uplink to head office is down, end to end: a head-office
 * Mosquitto, the site's Mosquitto bridged to it with the bridge notifications {@code scripts/install}
 * writes, the gateway and a kiosk on hal-sim as their own processes (the kiosk's modem on a socat
 * pseudo-terminal, driven through jssc), and turbidity readings that raise {@code turbidity_unsafe}
 * (critical) at one well after another. What the simulated modem's network took is read from the
 * site record.
 */
class SmsFallbackTest {
    private static final String ROOT = "wp/v1/la-gloria/";
    private static final String STATE = "$SYS/broker/connection/head-office/state";
    private static final List<String> STAFF = List.of("+34600123789", "+50255501234");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void criticalAlertsGoBySmsToEveryStaffNumberOnlyWhileTheUplinkIsDownAndWithinTheHourlyLimit() throws Exception {
        int hoPort = FreePorts.next();
        Path kioskDir = dir.resolve("kiosk");
        Path scenario = dir.resolve("quiet-kiosk.conf");
        // nobody at the phone: the SMS never wait for a person's call here (SmsTest covers that)
        Files.writeString(scenario, "[kiosk]\npeople_per_day = 20\ncall_share = 0\n");
        try (MosquittoBroker headOffice = MosquittoBroker.startOn(hoPort, dir.resolve("head-office"), false, List.of());
             MosquittoBroker site = MosquittoBroker.start(dir.resolve("site"), false, List.of(
                     "connection head-office", "address 127.0.0.1:" + hoPort, "bridge_protocol_version mqttv311",
                     "cleansession false", "notifications true", "notifications_local_only true",
                     "notification_topic " + STATE, "restart_timeout 1 2", "topic " + ROOT + "alerts/events out 1"));
             MqttProbe probe = MqttProbe.connect(site.url(), STATE, "wp/v1/#");
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gateway"), site.url(), List.of(
                     "[sms]", "kiosks = la-gloria/kiosk-01", "to = staff", "per_hour = 2")).start();
             SimNodeProcess kiosk = SimNodeProcess.kiosk(kioskDir, site.url(), "kiosk-01", scenario.toString(), 1,
                     "[sms]", "staff = " + String.join(", ", STAFF))) {
            probe.await(WAIT, r -> r.topic().equals(STATE) && r.payload().equals("1"));
            probe.await(WAIT, r -> r.topic().equals(ROOT + "kiosk-01/state") && r.payload().contains("\"online\":true"));
            awaitLog(gateway.outputFile(), "uplink to head office up");

            // the uplink is up: a critical alert reaches staff over MQTT, no SMS goes
            raiseTurbidity(probe, "well-01");

            // head office gone: the bridge says 0, and the next critical alert goes to each number by SMS
            headOffice.kill();
            probe.await(WAIT, r -> r.topic().equals(STATE) && r.payload().equals("0"));
            awaitLog(gateway.outputFile(), "uplink to head office down");
            raiseTurbidity(probe, "well-02");
            await("the SMS of well-02's alert at both numbers").atMost(WAIT).until(() -> sms(kioskDir).size() == 2);
            assertThat(sms(kioskDir)).extracting(l -> l.words().get(1)).containsExactlyInAnyOrderElementsOf(STAFF);
            assertThat(sms(kioskDir)).allSatisfy(l -> {
                assertThat(l.words().get(2)).as("sent while no call was in progress").isEqualTo("idle");
                assertThat(text(l)).startsWith("la-gloria CRITICAL ").contains("Water unsafe at well-02: turbidity 7.2 NTU")
                        .hasSizeLessThanOrEqualTo(160);
            });

            // two an hour: well-03 is the second, well-04 and well-05 are left out for the summary
            raiseTurbidity(probe, "well-03");
            await("the SMS of well-03's alert").atMost(WAIT).until(() -> sms(kioskDir).size() == 4);
            raiseTurbidity(probe, "well-04");
            raiseTurbidity(probe, "well-05");
            awaitLog(gateway.outputFile(), "alert turbidity_unsafe.well-05.* raised not sent by SMS");
            // the kiosk's answer to each command it got has come back: nothing is still on its way
            await().atMost(WAIT).until(() -> probe.received(r -> r.topic().equals(ROOT + "kiosk-01/cmd/sms/result")).size() == 2);
            assertThat(sms(kioskDir)).hasSize(4).extracting(SmsFallbackTest::text)
                    .noneMatch(t -> t.contains("well-01") || t.contains("well-04") || t.contains("well-05"));
            assertThat(probe.received(r -> r.topic().equals(ROOT + "kiosk-01/cmd/sms/result")))
                    .allSatisfy(r -> assertThat(r.payload()).contains("\"ok\":true", "\"queued\":2"));

            // the numbers: never on the broker, never in the gateway's files, masked in the kiosk's log
            for (String number : STAFF) {
                String tail = number.substring(3);
                assertThat(probe.received(r -> r.payload().contains(tail))).isEmpty();
                assertThat(filesContaining(gateway.dataDir(), tail)).isEmpty();
                assertThat(Files.readString(gateway.outputFile())).doesNotContain(tail);
                assertThat(filesContaining(kiosk.dataDir(), tail)).isEmpty();
                assertThat(kiosk.output()).doesNotContain(tail);
            }
            assertThat(kiosk.output() + String.join("", logs(kiosk.dataDir()))).contains("+34******789", "+50******234");
        }
    }

    /** Four summaries a minute apart with the turbidity at 7.2 NTU: above 5 for 2 min raises turbidity_unsafe, critical. */
    private static void raiseTurbidity(MqttProbe probe, String well) {
        Instant base = Instant.now().minus(Duration.ofMinutes(10));
        for (int seq = 1; seq <= 4; seq++) {
            Envelope e = Envelope.of(new NodeRef("la-gloria", well), 1, seq, base.plusSeconds(60L * seq), ClockState.SYNCED);
            WellTelemetry t = new WellTelemetry(60, new WellTelemetry.Summary(7.0, 7.2, 7.4, 6),
                    new WellTelemetry.Summary(0, 3.2, 11.8, 60), 12.5, 45678.9, 1234.5, "ok", 0);
            probe.publish(ROOT + well + "/telemetry", WireCodec.encode(e, t), false);
        }
        probe.await(WAIT, r -> r.topic().equals(ROOT + "alerts/events") && r.payload().contains("turbidity_unsafe." + well)
                && r.payload().contains("\"raised\""));
    }

    private static List<SiteRecord.Line> sms(Path kioskDir) {
        return SiteRecord.read(SimNodeProcess.recordDir(kioskDir)).stream().filter(l -> l.is("sms")).toList();
    }

    /** The SMS text of a record line {@code sms <number> idle|during-call <text>}. */
    private static String text(SiteRecord.Line l) {
        return l.event().split(" ", 4)[3];
    }

    private static void awaitLog(Path file, String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        await(regex).atMost(WAIT).until(() -> Files.readAllLines(file).stream().anyMatch(l -> p.matcher(l).find()));
    }

    private static List<Path> filesContaining(Path root, String needle) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(needle);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }

    private static List<String> logs(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".log")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    return "";
                }
            }).toList();
        }
    }
}
