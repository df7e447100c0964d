package io.waypoint.drivers.modem;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.SimulatedModem;
import io.waypoint.testkit.JavaProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Do no harm: calls go through the driver with every log level written to a file, and neither that
 * file nor the exception messages hold a dialled number, a stranger's number or the modem's identity.
 */
class ModemPrivacyTest {

    @Test
    void noNumberAndNoModemIdentityReachesALogLineOrAnExceptionMessage(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("modem.log");
        Path config = dir.resolve("tinylog.properties");
        Path out = dir.resolve("child.out");
        Files.writeString(config, String.join("\n", "writer = file", "writer.file = " + log, "writer.level = trace",
                "writer.format = {date:HH:mm:ss.SSS} {level} [{thread}] {class}.{method}(): {message}", ""));

        Process child = JavaProcess.start(ModemPrivacyChild.class, out, List.of("-Dtinylog.configuration=" + config));
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child finished (see %s)", out).isTrue();
        // ISO-8859-1: every byte is one character, so nothing that was written can hide from the search
        String printed = Files.readString(out, StandardCharsets.ISO_8859_1);
        String logged = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).as("the child ran to its end").contains("DONE")
                .contains("PLACED " + (ModemPrivacyChild.DIALLED.size() - 1));

        // the scan is only worth something if the driver talked a lot, at every level, about these very lines
        assertThat(logged).contains(" TRACE ", " DEBUG ", " INFO ", " WARN ", " ERROR ", "writing ATD<number>;",
                "+CLCC stat 0 outgoing", "RING", "+CLIP", "MISSED_CALL", "+COLP", "+CCWA", "+CUSD", "echo",
                "unreadable", "malformed", "Dialling", "Answered", "Ended", "fault:no_credit", "fault:not_responding",
                "it restarted", "refused to dial");
        assertThat(printed).contains("EXCEPTION refused to dial", "EXCEPTION a call is in progress");

        for (String secret : secrets()) {
            assertThat(logged).as("the log").doesNotContain(secret);
            assertThat(printed).as("the child's output and exception messages").doesNotContain(secret);
        }
    }

    /** Each number as dialled, without its +, and as a national number; the modem's identity. */
    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        List<String> numbers = new ArrayList<>(ModemPrivacyChild.DIALLED);
        numbers.addAll(SimulatedModem.STRANGERS);
        for (String n : numbers) {
            String digits = n.replace("+", "");
            secrets.add(digits);
            secrets.add(digits.substring(digits.length() - 8));
        }
        ModemBehaviour b = ModemBehaviour.normal();
        secrets.addAll(List.of(b.imei(), b.imsi(), b.iccid()));
        return secrets;
    }
}
