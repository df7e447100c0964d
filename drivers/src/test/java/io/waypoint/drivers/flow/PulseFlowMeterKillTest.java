package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.JavaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The total survives SIGKILL: a child JVM counts water on a simulated meter and is killed; the next
 * one starts from every pulse the killed one had counted (the page cache keeps the live total).
 */
class PulseFlowMeterKillTest {
    private static final double K = 450;

    @TempDir
    Path dir;

    private record Child(Process process, Path output) {
        List<String> lines() throws IOException {
            if (!Files.exists(output)) {
                return List.of();
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("FLOW ")).toList();
        }

        Optional<String> last(String prefix) throws IOException {
            List<String> l = lines().stream().filter(s -> s.startsWith("FLOW " + prefix)).toList();
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
        }

        /** The total the child's meter had counted the last time it printed. */
        double countedTotal() throws IOException {
            return number(last("produced").orElseThrow(), "total");
        }

        double startTotal() throws IOException {
            return number(last("start").orElseThrow(), "total");
        }

        long produced() throws IOException {
            return (long) number(last("produced").orElseThrow(), "produced");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static double number(String line, String key) {
        for (String field : line.split(" ")) {
            if (field.startsWith(key + "=")) {
                return Double.parseDouble(field.substring(key.length() + 1));
            }
        }
        throw new AssertionError("no " + key + " in " + line);
    }

    private Child start(int n, double lpm, long flowSeconds) throws IOException {
        Path out = dir.resolve("child-" + n + ".log");
        Process p = JavaProcess.start(FlowMeterChild.class, out, List.of(), dir.resolve("flow.total").toString(),
                String.valueOf(lpm), String.valueOf(flowSeconds), "10");
        Child c = new Child(p, out);
        await().atMost(Duration.ofSeconds(60)).until(() -> c.last("start").isPresent() || !p.isAlive());
        assertThat(p.isAlive()).as("child %d is running (see %s)", n, out).isTrue();
        return c;
    }

    @Test
    void aKilledCounterRestartsWithinALitreOfTheWaterItSaw() throws Exception {
        // 1: killed mid-flow, 30 L/min at 10x: 5 L of simulated water a second of wall time
        Child first = start(1, 30, 100_000);
        assertThat(first.startTotal()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> first.last("produced").isPresent() && first.produced() > 20 * K);
        long seen1 = first.produced();
        double counted1 = first.countedTotal();
        first.kill();

        // 2: restarts from the total counted to the kill; flows 60 simulated seconds (30 L), stops, then is killed
        Child second = start(2, 30, 60);
        double saved1 = second.startTotal();
        assertThat(saved1).isGreaterThanOrEqualTo(seen1 / K - 1.0).isLessThanOrEqualTo(seen1 / K + 2.0);
        assertThat(saved1).as("no pulse counted before the SIGKILL is lost").isGreaterThanOrEqualTo(counted1);
        await().atMost(Duration.ofSeconds(60)).until(() -> second.last("stopped").isPresent());
        long seen2 = (long) number(second.last("stopped").orElseThrow(), "produced");
        second.kill();

        // 3: the water of run 2 is known exactly (it had stopped): none of it is lost
        Child third = start(3, 30, 0);
        double saved2 = third.startTotal();
        assertThat(saved2 - saved1).isCloseTo(seen2 / K, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(seen2).isBetween(13_400L, 13_600L);
        System.out.printf("killed mid-flow: saw %.3f L, had counted %.3f L, restarted at %.3f L; killed at rest: saw %.3f L more,"
                + " restarted %.3f L higher%n", seen1 / K, counted1, saved1, seen2 / K, saved2 - saved1);

        // a clean stop (SIGTERM) saves the exact total
        third.process().destroy();
        assertThat(third.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(third.last("closed")).isPresent();
        try (TotalStore store = TotalStore.open(dir.resolve("flow.total"))) {
            assertThat(store.total()).isEqualTo(number(third.last("closed").orElseThrow(), "total"));
        }
    }
}
