package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What ndsctl's answers mean, across the openNDS versions' wording and exit codes. */
class NdsctlVerdictTest {

    private static NdsctlRun run(int exit, String output) {
        return new NdsctlRun(exit, output, false);
    }

    private static Optional<OpenNdsProblem> general(int exit, String output) {
        return NdsctlVerdict.problem(run(exit, output));
    }

    @Test
    void busyIsExit4OrTheBusyOrLockedText() {
        assertThat(general(4, "ndsctl thread is busy, please try later.\n")).hasValue(OpenNdsProblem.BUSY);
        assertThat(general(4, "")).hasValue(OpenNdsProblem.BUSY);
        assertThat(general(0, "ndsctl thread is busy, please try later.")).hasValue(OpenNdsProblem.BUSY);
        assertThat(general(0, "ndsctl is locked by another process\n")).hasValue(OpenNdsProblem.BUSY);
    }

    @Test
    void notRunningIsTheNotStartedTextWhateverTheExitCode() {
        String refused = "ndsctl: opennds probably not started (Error: Connection refused)\n";
        assertThat(general(3, refused)).hasValue(OpenNdsProblem.NOT_RUNNING);
        assertThat(general(1, refused)).hasValue(OpenNdsProblem.NOT_RUNNING);
        // the daemon's socket file is missing: still openNDS not running, not ndsctl missing
        assertThat(general(3, "ndsctl: opennds probably not started (Error: No such file or directory)\n"))
                .hasValue(OpenNdsProblem.NOT_RUNNING);
    }

    @Test
    void permissionProblemsSayToRunViaSudo() {
        assertThat(general(3, "ndsctl: opennds probably not started (Error: Permission denied)\n"))
                .hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(general(1, "sudo: a password is required\n")).hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(general(1, "sudo: a terminal is required to read the password\n"))
                .hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(general(1, "kiosk is not in the sudoers file.\n")).hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(general(5, "")).as("lock file cannot be opened: not root").hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(general(126, "")).hasValue(OpenNdsProblem.PERMISSION_DENIED);
        assertThat(OpenNdsProblem.PERMISSION_DENIED.whatToDo()).contains("sudo -n");
    }

    @Test
    void notInstalledIsAMissingCommandOrLibrary() {
        assertThat(general(1, "sudo: /usr/bin/ndsctl: command not found\n")).hasValue(OpenNdsProblem.NOT_INSTALLED);
        assertThat(general(127, "")).hasValue(OpenNdsProblem.NOT_INSTALLED);
        assertThat(general(1, "Unable to open library - Terminating")).hasValue(OpenNdsProblem.NOT_INSTALLED);
    }

    @Test
    void aTimeoutIsATimeout() {
        assertThat(NdsctlVerdict.problem(new NdsctlRun(-1, "", true))).hasValue(OpenNdsProblem.TIMEOUT);
    }

    @Test
    void authSucceedsOnlyWhenOpenNdsSaysSo() {
        assertThat(NdsctlVerdict.ofAuth(run(0, "Client 10.0.0.5 authenticated.\n"))).isEmpty();
        assertThat(NdsctlVerdict.ofAuth(run(1, "Failed to authenticate client 10.0.0.5.\n")))
                .hasValue(OpenNdsProblem.REFUSED);
        assertThat(NdsctlVerdict.ofAuth(run(0, "Failed to authenticate client 10.0.0.5.\n")))
                .hasValue(OpenNdsProblem.REFUSED);
        assertThat(NdsctlVerdict.ofAuth(run(2, "ndsctl: Error: opennds sent an abnormal reply.\n")))
                .hasValue(OpenNdsProblem.FAILED);
        assertThat(NdsctlVerdict.ofAuth(run(0, ""))).hasValue(OpenNdsProblem.FAILED);
    }

    @Test
    void deauthOfAClientOpenNdsDoesNotKnowIsClientGone() {
        assertThat(NdsctlVerdict.ofDeauth(run(0, "Client 10.0.0.5 deauthenticated.\n"))).isEmpty();
        assertThat(NdsctlVerdict.ofDeauth(run(1, "Client 10.0.0.5 not found.\n"))).hasValue(OpenNdsProblem.CLIENT_GONE);
        assertThat(NdsctlVerdict.ofDeauth(run(0, "Client 10.0.0.5 not found.\n"))).hasValue(OpenNdsProblem.CLIENT_GONE);
    }

    @Test
    void jsonIsReadWhenNdsctlExitedCleanly() {
        assertThat(NdsctlVerdict.ofJson(run(0, "{}\n"))).isEmpty();
        assertThat(NdsctlVerdict.ofJson(run(1, "Unknown command: json\n"))).hasValue(OpenNdsProblem.FAILED);
    }
}
