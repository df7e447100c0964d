package io.waypoint.system;

import io.waypoint.testkit.StandInServiceManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.waypoint.testkit.JavaProcess;
import io.waypoint.well.SensorNodeMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A well node started the way systemd starts a unit with {@code WatchdogSec=} (the environment
 * {@code scripts/install}'s unit gives it) tells the service manager it is alive, through
 * {@code systemd-notify}, for as long as it runs, and stops when it is stopped. The service manager is
 * a stand-in on a datagram socket that takes messages as systemd does (it closes the descriptor of
 * systemd-notify's barrier); the heartbeat logic itself is {@code ServiceWatchdogTest}'s subject.
 */
class ServiceWatchdogProcessTest {
    @TempDir
    Path dir;

    private long pings(Path received) throws Exception {
        return Files.exists(received) ? Files.readAllLines(received).stream().filter("WATCHDOG=1"::equals).count() : 0;
    }

    @Test
    void aWellNodeUnderSystemdPingsItsWatchdogWhileItRunsAndNotAfterItStops() throws Exception {
        assumeTrue(onPath("systemd-notify") && onPath("python3"), "systemd-notify or python3 is not installed here");
        Path socket = dir.resolve("notify");
        Path received = dir.resolve("received");
        Process node = null;
        try (StandInServiceManager systemd = StandInServiceManager.start(socket, received, dir.resolve("systemd.out"))) {
            Path conf = dir.resolve("well.conf");
            Files.writeString(conf, "[console]\nstdin = false\n");
            Path out = dir.resolve("node.out");
            // WatchdogSec=6s: a ping every 2 s; no broker (port 1): the node runs offline, as at a boot without network
            node = JavaProcess.startWrapped(List.of("env", "NOTIFY_SOCKET=" + socket, "WATCHDOG_USEC=6000000"),
                    SensorNodeMain.class, out, List.of(), "--config", conf.toString(), "--broker", "tcp://127.0.0.1:1",
                    "--site", "la-gloria", "--node", "well-01", "--hal", "sim", "--scenario", "normal-day", "--speed", "60",
                    "--data", dir.resolve("data").toString());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (pings(received) < 3 && System.nanoTime() < deadline) {
                assertThat(node.waitFor(200, TimeUnit.MILLISECONDS)).as("the node runs; its output: %s", out).isFalse();
            }
            assertThat(pings(received)).as("pings from the running node").isGreaterThanOrEqualTo(3);

            node.destroy(); // SIGTERM, as systemctl stop
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("a clean stop; output %s", Files.readString(out)).isZero();
            long atStop = pings(received);
            Thread.sleep(4_500); // two ping periods: real time is what is tested here
            assertThat(pings(received)).as("no ping after the stop").isEqualTo(atStop);
        } finally {
            if (node != null) {
                node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
