package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.world.kiosk.Identifiers;
import io.waypoint.sim.world.kiosk.KioskScenario;
import io.waypoint.testkit.JavaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Do no harm: the site acts out a busy hour (calls typed and dialled, phones on the Wi-Fi) with every
 * log level written to a file, and the file holds no number and no MAC the simulated people had.
 */
class KioskSitePrivacyTest {

    @Test
    void noNumberOrMacOfTheSimulatedPeopleReachesALogLine(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("busy-hour.conf");
        Files.writeString(scenario, KioskVisitorsTest.BUSY_HOUR);
        Path log = dir.resolve("site.log");
        Path config = dir.resolve("tinylog.properties");
        Path out = dir.resolve("child.out");
        Files.writeString(config, String.join("\n", "writer = file", "writer.file = " + log, "writer.level = trace",
                "writer.format = {date:HH:mm:ss.SSS} {level} [{thread}] {class}.{method}(): {message}", ""));

        Process child = JavaProcess.start(KioskSitePrivacyChild.class, out, List.of("-Dtinylog.configuration=" + config),
                scenario.toString());
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child finished (see %s)", out).isTrue();
        // ISO-8859-1: every byte is one character, so nothing that was written can hide from the search
        String printed = Files.readString(out, StandardCharsets.ISO_8859_1);
        String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("DONE").doesNotContain("DIALLED 0", "TURNED AWAY 0", "ON WIFI 0");
        // the scan is only worth something if the site talked about these very people
        assertThat(logged).contains(" DEBUG ", "a person places a call", "kept their phone", "kiosk site 'privacy'");

        Identifiers people = KioskScenario.parse("busy-hour", "busy-hour.conf", KioskVisitorsTest.BUSY_HOUR)
                .world(KioskVisitorsTest.START).identifiers(KioskVisitorsTest.START, KioskVisitorsTest.END);
        assertThat(people.numbers()).hasSizeGreaterThan(50);
        assertThat(people.macs()).hasSizeGreaterThan(50);
        for (String secret : secrets(people)) {
            assertThat(logged).as("the log").doesNotContain(secret);
            assertThat(printed).as("the child's output").doesNotContain(secret);
        }
    }

    /** Each number with and without its +, and its last 8 digits; each MAC in either case, with and without colons. */
    private static List<String> secrets(Identifiers people) {
        List<String> secrets = new ArrayList<>();
        for (String n : people.numbers()) {
            String digits = n.replace("+", "");
            secrets.add(digits);
            secrets.add(digits.substring(digits.length() - 8));
        }
        for (String mac : people.macs()) {
            for (String m : List.of(mac, mac.toUpperCase(Locale.ROOT))) {
                secrets.add(m);
                secrets.add(m.replace(":", ""));
            }
        }
        return secrets;
    }
}
