package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.wifi.SimulatedAccessPoint;
import io.waypoint.sim.wifi.SimulatedPhone;
import io.waypoint.sim.wifi.TrafficScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter running ndsctl as a process: the simulated access point's fake ndsctl, and a few odd ones. */
class OpenNdsTest {
    private final WorldClock clock = new WorldClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    @TempDir
    Path dir;
    private SimulatedAccessPoint ap;
    private OpenNds nds;

    @BeforeEach
    void start() throws Exception {
        ap = SimulatedAccessPoint.start(dir.resolve("ap"), clock::instant, 5);
        nds = adapter(settings());
    }

    @AfterEach
    void stop() {
        ap.close();
    }

    private OpenNdsSettings settings() {
        return OpenNdsSettings.defaults().withNdsctl(ap.ndsctl()).withBusyRetries(3, Duration.ofMillis(250));
    }

    private OpenNds adapter(OpenNdsSettings settings) {
        return new OpenNds(settings, clock, d -> pauses.add(d));
    }

    /** The failure of {@code call}, checked to carry no identifier of any phone of the access point. */
    private OpenNdsException failureOf(ThrowingCall call) {
        OpenNdsException e = catchThrowableOfType(OpenNdsException.class, call::run);
        assertThat(e).as("an OpenNdsException").isNotNull();
        for (SimulatedPhone p : ap.phones()) {
            assertThat(e.getMessage()).doesNotContain(p.mac()).doesNotContain(p.ip()).doesNotContain(p.token());
        }
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    private Client only(ClientList list) {
        assertThat(list.clients()).hasSize(1);
        return list.clients().get(0);
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void listsPhonesWithOpaqueHandlesAndStates() throws Exception {
        SimulatedPhone a = ap.join(TrafficScript.idle());
        ap.join(TrafficScript.idle());
        ClientList list = nds.clients();
        assertThat(list.at()).isEqualTo(clock.instant());
        assertThat(list.clients()).hasSize(2).allSatisfy(c -> {
            assertThat(c.state()).isEqualTo(ClientState.PREAUTHENTICATED);
            assertThat(c.handle().toString()).startsWith("wifi-client-").doesNotContain(a.mac());
        });
        assertThat(list.clients().get(0).handle()).isNotEqualTo(list.clients().get(1).handle());
        assertThat(list.authenticated()).isZero();
        assertThat(list.count(ClientState.PREAUTHENTICATED)).isEqualTo(2);
        assertThat(list.toString()).doesNotContain(a.mac()).doesNotContain(a.ip()).doesNotContain(a.token());
    }

    @Test
    void aPhoneKeepsItsHandleFromPollToPoll() throws Exception {
        ap.join(TrafficScript.idle());
        ClientHandle first = only(nds.clients()).handle();
        clock.pass(Duration.ofMinutes(1));
        assertThat(only(nds.clients()).handle()).isEqualTo(first);
    }

    @Test
    void anAuthenticatedPhoneCountsWithItsTimeAndTraffic() throws Exception {
        ap.join(TrafficScript.steady(50, 5));
        ClientHandle h = only(nds.clients()).handle();
        nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(30)));
        clock.pass(Duration.ofSeconds(40));
        ClientList list = nds.clients();
        Client c = only(list);
        assertThat(c.state()).isEqualTo(ClientState.AUTHENTICATED);
        assertThat(c.connected()).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.kbDown()).isEqualTo(2000);
        assertThat(c.kbUp()).isEqualTo(200);
        assertThat(list.authenticated()).isEqualTo(1);
    }

    @Test
    void aPhoneWaitingAtThePortalCountsTimeSinceFirstSeen() throws Exception {
        ap.join(TrafficScript.idle());
        nds.clients();
        clock.pass(Duration.ofSeconds(90));
        assertThat(only(nds.clients()).connected()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void authenticationPassesTheSessionsLimitsToOpenNds() throws Exception {
        SimulatedPhone phone = ap.join(TrafficScript.steady(100, 1));
        ClientHandle h = only(nds.clients()).handle();
        nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(60)).withQuotasKb(0, 500));
        clock.pass(Duration.ofSeconds(6));
        assertThat(only(nds.clients()).state()).isEqualTo(ClientState.PREAUTHENTICATED);
        assertThat(phone.lastSessionEnd()).isEqualTo("downquota");
    }

    @Test
    void aSessionEndsAfterItsMinutes() throws Exception {
        ap.join(TrafficScript.idle());
        ClientHandle h = only(nds.clients()).handle();
        nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(3)));
        clock.pass(Duration.ofMinutes(3));
        assertThat(only(nds.clients()).state()).isEqualTo(ClientState.PREAUTHENTICATED);
    }

    @Test
    void deauthenticationEndsTheSession() throws Exception {
        ap.join(TrafficScript.idle());
        ClientHandle h = only(nds.clients()).handle();
        nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(30)));
        nds.deauthenticate(h);
        assertThat(only(nds.clients()).state()).isEqualTo(ClientState.PREAUTHENTICATED);
    }

    @Test
    void authenticatingAPhoneAlreadyThroughIsRefused() throws Exception {
        ap.join(TrafficScript.idle());
        ClientHandle h = only(nds.clients()).handle();
        nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(30)));
        OpenNdsException e = failureOf(() -> nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(30))));
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.REFUSED);
        assertThat(e.getMessage()).contains("auth refused to authenticate the phone (exit 1)");
    }

    @Test
    void deauthenticatingAPhoneWithoutASessionIsClientGone() throws Exception {
        ap.join(TrafficScript.idle());
        ClientHandle h = only(nds.clients()).handle();
        assertThat(failureOf(() -> nds.deauthenticate(h)).problem()).isEqualTo(OpenNdsProblem.CLIENT_GONE);
    }

    @Test
    void aPhoneThatLeftIsForgottenAndItsHandleStopsWorking() throws Exception {
        SimulatedPhone phone = ap.join(TrafficScript.idle());
        ClientHandle h = only(nds.clients()).handle();
        ap.leave(phone);
        assertThat(nds.clients().clients()).isEmpty();
        OpenNdsException e = failureOf(() -> nds.authenticate(h, SessionLimits.lasting(Duration.ofMinutes(5))));
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.CLIENT_GONE);
        assertThat(e.getMessage()).contains(h.toString());
        long calls = ap.calls();
        failureOf(() -> nds.deauthenticate(h));
        assertThat(ap.calls()).as("a forgotten handle never reaches ndsctl").isEqualTo(calls);
    }

    @Test
    void aBusyPortalIsAskedAgainAfterAPause() throws Exception {
        ap.join(TrafficScript.idle());
        ap.busyFor(2);
        assertThat(nds.clients().clients()).hasSize(1);
        assertThat(ap.calls()).isEqualTo(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void aPortalBusyThroughEveryRetryIsBusy() throws Exception {
        ap.busyUntilCleared();
        OpenNdsException e = failureOf(() -> nds.clients());
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.BUSY);
        assertThat(ap.calls()).isEqualTo(4);
        assertThat(e.getMessage()).contains(ap.ndsctl().toString()).contains("json stayed busy through every retry")
                .contains("4 attempts 250 ms apart").contains("call less often");
    }

    @Test
    void aStoppedDaemonIsNotRunning() throws Exception {
        ap.stopDaemon();
        OpenNdsException e = failureOf(() -> nds.clients());
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.NOT_RUNNING);
        assertThat(e.getMessage()).contains("says openNDS is not running (exit 3): it said \"ndsctl: opennds probably "
                + "not started (Error: No such file or directory)\"").contains("systemctl start opennds");
        assertThat(pauses).as("not retried").isEmpty();
    }

    @Test
    void aHungPortalTimesOutAndLeavesNoProcessBehind() throws Exception {
        ap.hang();
        OpenNds impatient = adapter(settings().withCallTimeout(Duration.ofMillis(500)));
        long before = System.nanoTime();
        OpenNdsException e = failureOf(impatient::clients);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer in time (killed after 500 ms)");
        // socat, which ndsctl started, would be orphaned rather than our descendant: look at every process
        String socket = dir.resolve("ap").toString();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().arguments().map(a -> String.join(" ", a).contains(socket)).orElse(false))
                .count()).as("ndsctl or its socat still running").isZero());
        ap.clearHang();
    }

    @Test
    void aMissingNdsctlIsNotInstalled() throws Exception {
        OpenNds missing = adapter(settings().withNdsctl(dir.resolve("no-such-ndsctl")));
        OpenNdsException e = failureOf(missing::clients);
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.NOT_INSTALLED);
        assertThat(e.getMessage()).contains(dir.resolve("no-such-ndsctl").toString()).contains("is not installed")
                .contains("install openNDS");
    }

    @Test
    void aMissingSudoIsNotInstalledAndNamesSudo() throws Exception {
        OpenNds viaMissingSudo = adapter(settings().withCommandPrefix(List.of(dir.resolve("sudo").toString(), "-n")));
        OpenNdsException e = failureOf(viaMissingSudo::clients);
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.NOT_INSTALLED);
        assertThat(e.getMessage()).contains(dir.resolve("sudo") + " is not installed");
    }

    @Test
    void aNdsctlThisUserMayNotRunIsPermissionDenied() throws Exception {
        Path locked = dir.resolve("ndsctl-locked");
        Files.copy(ap.ndsctl(), locked);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
        OpenNdsException e = failureOf(adapter(settings().withNdsctl(locked))::clients);
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(e.getMessage()).contains("sudo -n");
    }

    @Test
    void sudoRefusingIsPermissionDenied() throws Exception {
        Path sudo = script("sudo", "echo 'sudo: a password is required' >&2; exit 1");
        OpenNds viaSudo = adapter(settings().withCommandPrefix(List.of(sudo.toString(), "-n")));
        assertThat(viaSudo.command()).isEqualTo(sudo + " -n " + ap.ndsctl());
        OpenNdsException e = failureOf(viaSudo::clients);
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(e.getMessage()).contains("was refused permission (exit 1): it said \"sudo: a password is required\"")
                .contains("without a password in /etc/sudoers.d/");
    }

    @Test
    void theCommandPrefixRunsNdsctl() throws Exception {
        Path sudo = script("sudo", "[ \"$1\" = -n ] && shift; exec \"$@\"");
        ap.join(TrafficScript.idle());
        OpenNds viaSudo = adapter(settings().withCommandPrefix(List.of(sudo.toString(), "-n")));
        assertThat(viaSudo.clients().clients()).hasSize(1);
    }

    @Test
    void outputThatIsNoClientListIsUnreadable() throws Exception {
        OpenNds junk = adapter(settings().withNdsctl(script("junk-ndsctl", "echo 'Usage: ndsctl [options]'; exit 0")));
        OpenNdsException e = failureOf(junk::clients);
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.UNREADABLE);
        assertThat(e.getMessage()).contains("json answered with output that is not its JSON client list (exit 0)");
    }

    @Test
    void anUnknownFailureQuotesNdsctlWithoutThePhone() throws Exception {
        SimulatedPhone phone = ap.join(TrafficScript.idle());
        Path odd = script("odd-ndsctl", "if [ \"$1\" = json ]; then exec '" + ap.ndsctl() + "' \"$@\"; fi\n"
                + "echo \"Client $2 exploded near 10.20.30.40, token deadbeef\"; exit 9");
        OpenNds oddNds = adapter(settings().withNdsctl(odd));
        ClientHandle h = only(oddNds.clients()).handle();
        OpenNdsException e = failureOf(() -> oddNds.deauthenticate(h));
        assertThat(e.problem()).isEqualTo(OpenNdsProblem.FAILED);
        assertThat(e.getMessage()).contains("deauth failed (exit 9): it said \"Client <phone> exploded near <phone>, "
                + "token <phone>\"").doesNotContain(phone.mac());
    }
}
