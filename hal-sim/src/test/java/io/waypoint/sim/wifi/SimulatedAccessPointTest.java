package io.waypoint.sim.wifi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access point through its fake ndsctl, run as a process exactly as the adapter runs it. */
class SimulatedAccessPointTest {
    private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");
    private final AtomicReference<Instant> world = new AtomicReference<>(NOON);
    @TempDir
    Path dir;
    private SimulatedAccessPoint ap;

    record Run(int exit, String out, String err) {
    }

    private Run ndsctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ap.ndsctl().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("ndsctl finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void passes(Duration d) {
        world.set(world.get().plus(d));
    }

    @BeforeEach
    void start() throws IOException {
        ap = SimulatedAccessPoint.start(dir.resolve("ap"), world::get, 11);
    }

    @AfterEach
    void stop() {
        ap.close();
    }

    @Test
    void anEmptyPortalPrintsOpenNdssEmptyList() throws Exception {
        Run r = ndsctl("json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("{\n  \"client_list_length\":\"0\",\n  \"clients\":{\n  }\n}\n");
    }

    @Test
    void joiningPhonesAreListedByMacAndHeldAtThePortal() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        SimulatedPhone b = ap.join(TrafficScript.idle());
        assertThat(a.mac()).matches("[0-9a-f][26ae](:[0-9a-f]{2}){5}").isNotEqualTo(b.mac());
        assertThat(a.ip()).startsWith("192.168.").isNotEqualTo(b.ip());
        String out = ndsctl("json").out();
        assertThat(out).startsWith("{\n  \"client_list_length\":\"2\",\n  \"clients\":{\n    \"" + a.mac() + "\":{\n");
        assertThat(out).contains("      \"mac\":\"" + b.mac() + "\",\n      \"ip\":\"" + b.ip() + "\",\n");
        assertThat(out).contains("      \"session_start\":\"0\",\n      \"session_end\":\"null\",\n");
        assertThat(out).contains("      \"state\":\"Preauthenticated\",\n");
        assertThat(out).contains("      \"download_this_session\":\"0\",\n      \"download_session_avg\":\"0.00\",\n");
        assertThat(out).contains("    },\n    \"" + b.mac() + "\":{\n").endsWith("    }\n  }\n}\n");
    }

    @Test
    void authLetsAPhoneThroughForItsMinutes() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        Run r = ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "waypoint");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Client " + a.mac() + " authenticated.\n");
        assertThat(a.state()).isEqualTo("Authenticated");
        String out = ndsctl("json").out();
        assertThat(out).contains("\"session_start\":\"" + NOON.getEpochSecond() + "\"")
                .contains("\"session_end\":\"" + (NOON.getEpochSecond() + 1800) + "\"")
                .contains("\"state\":\"Authenticated\"");
    }

    @Test
    void authOfAPhoneAlreadyThroughOrUnknownFailsWithExit1() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "waypoint");
        Run again = ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "waypoint");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).isEqualTo("Failed to authenticate client " + a.mac() + ".\n");
        assertThat(ndsctl("auth", "02:00:00:00:00:01", "30", "0", "0", "0", "0", "x").exit()).isEqualTo(1);
    }

    @Test
    void aPhoneCanBeNamedByIpOrToken() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        SimulatedPhone b = ap.join(TrafficScript.idle());
        assertThat(ndsctl("auth", a.ip(), "5", "0", "0", "0", "0", "w").exit()).isZero();
        assertThat(ndsctl("auth", b.token(), "5", "0", "0", "0", "0", "w").exit()).isZero();
        assertThat(ndsctl("json", b.ip()).out()).startsWith("{\n  \"gatewayname\"").contains("\"mac\":\"" + b.mac() + "\"");
        assertThat(ndsctl("json", "10.9.9.9").out()).isEqualTo("{}\n");
    }

    @Test
    void authenticatedPhonesMoveDataAtTheirScriptsRates() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.steady(100, 10));
        ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "w");
        passes(Duration.ofSeconds(50));
        String out = ndsctl("json").out();
        assertThat(out).contains("\"download_this_session\":\"5000\"").contains("\"upload_this_session\":\"500\"");
        // 5000 kB in 50 s = 5,120,000 bytes / 125 / 50 = 819.20 kbit/s
        assertThat(out).contains("\"download_session_avg\":\"819.20\"");
        assertThat(out).contains("\"last_active\":\"" + (NOON.getEpochSecond() + 50) + "\"");
    }

    @Test
    void phonesHeldAtThePortalMoveNothing() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.steady(100, 10));
        passes(Duration.ofMinutes(5));
        ap.update();
        assertThat(a.kbDown()).isZero();
    }

    @Test
    void aSessionEndsWhenItsMinutesRunOut() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.steady(1, 1));
        String token = a.token();
        ndsctl("auth", a.mac(), "2", "0", "0", "0", "0", "w");
        passes(Duration.ofSeconds(119));
        ap.update();
        assertThat(a.state()).isEqualTo("Authenticated");
        passes(Duration.ofSeconds(1));
        assertThat(ndsctl("json").out()).contains("\"state\":\"Preauthenticated\"").contains("\"session_start\":\"0\"");
        assertThat(a.lastSessionEnd()).isEqualTo("timeout");
        assertThat(a.token()).isNotEqualTo(token);
        assertThat(a.kbDown()).isZero();
    }

    @Test
    void aSessionEndsAtItsDownloadQuota() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.steady(100, 1));
        ndsctl("auth", a.mac(), "60", "0", "0", "0", "1000", "w");
        assertThat(ndsctl("json").out()).contains("\"download_quota\":\"1000\"").contains("\"upload_quota\":\"null\"");
        passes(Duration.ofSeconds(9));
        ap.update();
        assertThat(a.state()).isEqualTo("Authenticated");
        passes(Duration.ofSeconds(2));
        ap.update();
        assertThat(a.state()).isEqualTo("Preauthenticated");
        assertThat(a.lastSessionEnd()).isEqualTo("downquota");
    }

    @Test
    void aSessionEndsAtItsUploadQuota() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.steady(1, 50));
        ndsctl("auth", a.mac(), "60", "0", "0", "100", "0", "w");
        passes(Duration.ofSeconds(3));
        ap.update();
        assertThat(a.lastSessionEnd()).isEqualTo("upquota");
    }

    @Test
    void deauthEndsASessionAndOfAPhoneNotThroughSaysNotFound() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "w");
        Run r = ndsctl("deauth", a.mac());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Client " + a.mac() + " deauthenticated.\n");
        assertThat(a.state()).isEqualTo("Preauthenticated");
        Run again = ndsctl("deauth", a.mac());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).isEqualTo("Client " + a.mac() + " not found.\n");
    }

    @Test
    void aPhoneThatLeavesIsNoLongerListed() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        ap.leave(a);
        assertThat(a.present()).isFalse();
        assertThat(ndsctl("json").out()).doesNotContain(a.mac());
    }

    @Test
    void aBlockedPhoneIsListedAsAuthBlocked() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        ap.block(a);
        assertThat(ndsctl("json").out()).contains("\"state\":\"AuthBlocked\"");
    }

    @Test
    void aBusyPortalAnswersBusyWithExit4ForTheCallsAsked() throws Exception {
        ap.busyFor(2);
        for (int i = 0; i < 2; i++) {
            Run r = ndsctl("json");
            assertThat(r.exit()).isEqualTo(4);
            assertThat(r.out()).isEqualTo("ndsctl thread is busy, please try later.\n");
        }
        assertThat(ndsctl("json").exit()).isZero();
        assertThat(ap.calls()).isEqualTo(3);
    }

    @Test
    void aStoppedDaemonIsNotStartedWithExit3UntilRestarted() throws Exception {
        ap.stopDaemon();
        Run r = ndsctl("json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEqualTo("ndsctl: opennds probably not started (Error: No such file or directory)\n");
        assertThat(r.out()).isEmpty();
        ap.startDaemon();
        assertThat(ndsctl("json").exit()).isZero();
    }

    @Test
    void aHungPortalLeavesNdsctlWaitingUntilReleased() throws Exception {
        ap.hang();
        Process p = new ProcessBuilder(ap.ndsctl().toString(), "json").start();
        assertThat(p.waitFor(500, TimeUnit.MILLISECONDS)).isFalse();
        ap.clearHang();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anUnknownCommandIsExit1() throws Exception {
        Run r = ndsctl("frobnicate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Unknown command: frobnicate\n");
        assertThat(ndsctl().exit()).isEqualTo(1);
    }

    @Test
    void theScriptIsAShellScriptNotAJvm() throws Exception {
        String text = Files.readString(ap.ndsctl(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("#!/bin/sh\n").doesNotContain("java");
        assertThat(Files.isExecutable(ap.ndsctl())).isTrue();
    }

    @Test
    void theSameSeedGivesTheSamePhones() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        try (SimulatedAccessPoint other = SimulatedAccessPoint.start(dir.resolve("other"), world::get, 11)) {
            SimulatedPhone b = other.join(TrafficScript.idle());
            assertThat(b.mac()).isEqualTo(a.mac());
            assertThat(b.ip()).isEqualTo(a.ip());
        }
    }

    @Test
    void aPhonesDescriptionHoldsNoIdentifier() {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        assertThat(a.toString()).doesNotContain(a.mac()).doesNotContain(a.ip()).doesNotContain(a.token());
    }

    @Test
    void aPhoneJoinsWithTheMacItsWorldGaveIt() throws Exception {
        SimulatedPhone a = ap.join("02:1a:2b:3c:4d:5e", TrafficScript.idle());
        assertThat(a.mac()).isEqualTo("02:1a:2b:3c:4d:5e");
        assertThat(ndsctl("json").out()).contains("\"mac\":\"02:1a:2b:3c:4d:5e\"");
        assertThatThrownBy(() -> ap.join("02:1a:2b:3c:4d:5e", TrafficScript.idle()))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("02:1a");
        assertThatThrownBy(() -> ap.join("02:1A:2B:3C:4D:5E", TrafficScript.idle()))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("1A");
    }

    @Test
    void nothingMovesWhileTheUplinkIsDown() throws Exception {
        Instant downFrom = NOON.plusSeconds(60);
        Instant downTo = NOON.plusSeconds(120);
        ap.uplink(t -> t.isBefore(downFrom) || !t.isBefore(downTo));
        SimulatedPhone a = ap.join(TrafficScript.steady(10, 1));
        assertThat(ndsctl("auth", a.mac(), "30", "0", "0", "0", "0", "waypoint").exit()).isZero();

        passes(Duration.ofSeconds(60));
        ap.update();
        assertThat(a.kbDown()).isEqualTo(600);
        passes(Duration.ofSeconds(60));
        ap.update();
        assertThat(a.kbDown()).as("down for the second minute").isEqualTo(600);
        passes(Duration.ofSeconds(60));
        ap.update();
        assertThat(a.kbDown()).isEqualTo(1200);
        assertThat(a.kbUp()).isEqualTo(120);
    }
}
