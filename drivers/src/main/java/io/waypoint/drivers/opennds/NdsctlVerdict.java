package io.waypoint.drivers.opennds;

import java.util.Locale;
import java.util.Optional;

/**
 * What an ndsctl run means. Pure.
 *
 * <p>openNDS versions disagree on exit codes (a busy lock is exit 4 in 9 and 10 but an exit 0 with
 * "ndsctl is locked by another process" in older ones; "not started" is exit 3 in 10 and exit 1 in
 * older ones; some versions print "Client ... not found." with exit 0), so the text decides first
 * and the exit code second. The order matters: "opennds probably not started (Error: Permission
 * denied)" is a permission problem, and "(Error: No such file or directory)" there means the
 * daemon's socket is missing, not ndsctl.
 */
final class NdsctlVerdict {
    private NdsctlVerdict() {}

    /** The problem a run shows whatever its command, empty if it got through to openNDS and back. */
    static Optional<OpenNdsProblem> problem(NdsctlRun run) {
        if (run.timedOut()) {
            return Optional.of(OpenNdsProblem.TIMEOUT);
        }
        String text = run.output().toLowerCase(Locale.ROOT);
        int exit = run.exitCode();
        if (text.contains("thread is busy") || text.contains("locked by another process") || exit == 4) {
            return Optional.of(OpenNdsProblem.BUSY);
        }
        if (text.contains("permission denied") || text.contains("password is required")
                || text.contains("terminal is required") || text.contains("not in the sudoers")
                || text.contains("is not allowed to") || text.contains("may not run sudo") || exit == 5 || exit == 6
                || exit == 126) {
            return Optional.of(OpenNdsProblem.PERMISSION_DENIED);
        }
        if (text.contains("probably not started") || exit == 3) {
            return Optional.of(OpenNdsProblem.NOT_RUNNING);
        }
        if (exit == 127 || text.contains("command not found")
                || text.contains("no such file or directory") || text.contains("unable to open library")
                || text.contains("unable to get mountpoint")) {
            return Optional.of(OpenNdsProblem.NOT_INSTALLED);
        }
        return Optional.empty();
    }

    /** The outcome of {@code ndsctl auth}: empty when the phone was let through. */
    static Optional<OpenNdsProblem> ofAuth(NdsctlRun run) {
        Optional<OpenNdsProblem> general = problem(run);
        if (general.isPresent()) {
            return general;
        }
        String text = run.output().toLowerCase(Locale.ROOT);
        if (text.contains("failed to authenticate")) {
            return Optional.of(OpenNdsProblem.REFUSED);
        }
        if (run.exitCode() == 0 && text.contains("authenticated")) {
            return Optional.empty();
        }
        return Optional.of(OpenNdsProblem.FAILED);
    }

    /** The outcome of {@code ndsctl deauth}: empty when the phone's session was ended. */
    static Optional<OpenNdsProblem> ofDeauth(NdsctlRun run) {
        Optional<OpenNdsProblem> general = problem(run);
        if (general.isPresent()) {
            return general;
        }
        String text = run.output().toLowerCase(Locale.ROOT);
        if (text.contains("not found")) {
            return Optional.of(OpenNdsProblem.CLIENT_GONE);
        }
        if (run.exitCode() == 0 && text.contains("deauthenticated")) {
            return Optional.empty();
        }
        return Optional.of(OpenNdsProblem.FAILED);
    }

    /** The outcome of {@code ndsctl json}, before its output is read: empty when there is output to read. */
    static Optional<OpenNdsProblem> ofJson(NdsctlRun run) {
        Optional<OpenNdsProblem> general = problem(run);
        if (general.isPresent()) {
            return general;
        }
        return run.exitCode() == 0 ? Optional.empty() : Optional.of(OpenNdsProblem.FAILED);
    }
}
