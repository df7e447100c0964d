package io.waypoint.drivers.opennds;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.testkit.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No MAC address, IP address or token of a phone ever reaches a log line or an exception message:
 * a whole Wi-Fi day runs through the adapter in a child JVM whose tinylog writes everything, down to
 * trace and with stack traces, to a file; then every line of that file and of the child's output is
 * searched for every identifier the simulated phones had.
 */
class OpenNdsPrivacyTest {
    @TempDir
    Path work;

    @Test
    void noLogLineOrMessageHoldsAPhonesIdentifier() throws Exception {
        Path log = work.resolve("child.log");
        Path output = work.resolve("child.out");
        Process child = JavaProcess.start(KioskWifiChild.class, output, List.of(
                "-Dtinylog.writer=file", "-Dtinylog.writer.file=" + log, "-Dtinylog.writer.level=trace",
                "-Dtinylog.writer.format={level} [{thread}] {class}.{method}(): {message}"),
                work.toString(), Long.toString(System.nanoTime()));
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();
        String out = Files.readString(output);
        assertThat(child.exitValue()).as("child exit; its output:\n%s", out).isZero();

        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.addAll(out.lines().toList());
        // the capture really holds what the adapter logs and what every failure said
        String all = String.join("\n", lines);
        assertThat(all).contains("ndsctl json: exit 0").contains("ndsctl auth: exit 0").contains("ndsctl deauth: exit 0")
                .contains("stayed busy through every retry").contains("says openNDS is not running")
                .contains("did not answer in time").contains("refused to authenticate the phone")
                .contains("has no such phone, or no session for it").contains("deauth failed (exit 9)")
                .contains("at io.waypoint.drivers.opennds.OpenNds").contains("wifi day done");

        List<String> identities = Files.readAllLines(work.resolve("identities.txt"));
        assertThat(identities).hasSizeGreaterThan(12);
        List<String> hits = new ArrayList<>();
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            for (String id : identities) {
                for (String form : forms(id)) {
                    if (lower.contains(form)) {
                        hits.add(form + " in: " + line);
                    }
                }
            }
        }
        assertThat(hits).as("identifiers in the log").isEmpty();
    }

    /** The ways an identifier could be written: as is, and a MAC with dashes or without separators. */
    private static List<String> forms(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            return List.of(lower, lower.replace(':', '-'), lower.replace(":", ""));
        }
        return List.of(lower);
    }
}
