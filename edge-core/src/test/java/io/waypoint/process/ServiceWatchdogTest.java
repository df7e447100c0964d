package io.waypoint.process;

import io.waypoint.testkit.StandInServiceManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceWatchdogTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final ManualScheduler watched = new ManualScheduler(T0);
    private final ManualScheduler own = new ManualScheduler(T0);
    private final List<String> sent = new ArrayList<>();

    /** Both schedulers move together, as in a process whose scheduler is healthy. */
    private void healthyFor(Duration d) {
        for (Duration done = Duration.ZERO; done.compareTo(d) < 0; done = done.plusSeconds(5)) {
            watched.advance(Duration.ofSeconds(5));
            own.advance(Duration.ofSeconds(5));
        }
    }

    @Test
    void pingsEveryThirdOfTheTimeoutWhileTheWatchedSchedulerRuns() {
        ServiceWatchdog.start(TIMEOUT, watched, own, sent::add, "well-01");

        healthyFor(Duration.ofSeconds(150));

        assertThat(sent).as("at 0, 30, 60, 90, 120 and 150 s").hasSize(6).containsOnly("WATCHDOG=1");
    }

    @Test
    void stopsPingingWhenTheWatchedSchedulerStallsAndResumesWhenItRunsAgain() {
        ServiceWatchdog.start(TIMEOUT, watched, own, sent::add, "well-01");
        healthyFor(Duration.ofSeconds(60));
        int beforeStall = sent.size();

        own.advance(Duration.ofSeconds(120)); // the app's scheduler runs nothing for two minutes

        // the last heartbeat was at 60 s; pings at 90 (30 s after it) still go, from 120 on (over 45 s) none
        assertThat(sent).hasSize(beforeStall + 1);

        watched.advance(Duration.ofSeconds(15)); // its next heartbeat
        own.advance(Duration.ofSeconds(30));
        assertThat(sent).as("pings again once the heartbeat is recent").hasSize(beforeStall + 2);
    }

    @Test
    void closingStopsTheHeartbeatAndThePings() {
        ServiceWatchdog w = ServiceWatchdog.start(TIMEOUT, watched, own, sent::add, "well-01");
        healthyFor(Duration.ofSeconds(10));
        w.close();
        int atClose = sent.size();

        healthyFor(Duration.ofSeconds(120));

        assertThat(sent).hasSize(atClose);
        assertThat(watched.pending()).isZero();
    }

    @Test
    void doesNothingUnlessSystemdAskedThisProcessForAWatchdog() throws Exception {
        long pid = ProcessHandle.current().pid();
        List<Map<String, String>> notAsked = List.of(
                Map.of(),
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify"),                          // a notify unit without WatchdogSec=
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "90000000",
                        "WATCHDOG_PID", Long.toString(pid + 1)),                         // a child of the watched process
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "1000000"), // 1 s: no margin
                Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "ninety"));
        for (Map<String, String> env : notAsked) {
            try (AutoCloseable w = ServiceWatchdog.fromEnvironment(env, pid, watched, "well-01")) {
                assertThat(watched.pending()).as("%s", env).isZero();
            }
        }

        try (AutoCloseable w = ServiceWatchdog.fromEnvironment(Map.of("NOTIFY_SOCKET", "/nonexistent/notify",
                "WATCHDOG_USEC", "90000000", "WATCHDOG_PID", Long.toString(pid)), pid, watched, "well-01")) {
            assertThat(watched.pending()).as("the heartbeat on the watched scheduler").isEqualTo(1);
        }
        assertThat(watched.pending()).isZero();
    }

    /**
     * The real notifier against a datagram socket that answers like systemd: it takes each message and
     * closes the descriptor systemd-notify passes with its barrier, which systemd-notify waits for.
     */
    @Test
    void systemdNotifyDeliversTheStateToTheSocketItIsGiven(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("systemd-notify") && onPath("python3"), "systemd-notify or python3 is not installed here");
        Path socket = dir.resolve("notify");
        Path received = dir.resolve("received");
        try (StandInServiceManager systemd = StandInServiceManager.start(socket, received, dir.resolve("systemd.out"))) {
            long started = System.nanoTime();

            new ServiceWatchdog.SystemdNotify(socket.toString()).send("WATCHDOG=1");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the barrier came back when systemd took the message")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(Files.readAllLines(received)).contains("WATCHDOG=1");
        }
    }

    @Test
    void aNotifierThatCannotReachSystemdSaysSo() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> new ServiceWatchdog.SystemdNotify("/nonexistent/notify").send("WATCHDOG=1"));
        assertThat(e.getMessage()).contains("systemd-notify");
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
