package io.waypoint.sim.world.kiosk;

import io.waypoint.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KioskScenarioTest {
    private static ConfigException error(String text) {
        try {
            KioskScenario.parse("bad", "bad.conf", text);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no ConfigException for:\n" + text);
    }

    @Test
    void everyBundledScenarioLoadsByNameAndEveryShippedFileIsBundled() throws IOException {
        for (String name : KioskScenario.BUNDLED) {
            KioskScenario s = KioskScenario.load(name);
            assertThat(s.name()).isEqualTo(name);
            KioskWorld w = s.world(s.startOn(LocalDate.of(2025, 3, 1)));
            assertThat(w.actions(w.start(), w.end())).isNotEmpty();
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios/kiosk"))) {
            assertThat(files.map(p -> p.getFileName().toString().replace(".conf", "")))
                    .containsExactlyInAnyOrderElementsOf(KioskScenario.BUNDLED);
        }
    }

    @Test
    void theBundledScenariosSayWhatTheyAreFor() {
        KioskScenario busy = KioskScenario.load("busy-kiosk");
        assertThat(busy.kiosk().ports()).isEqualTo(8);
        assertThat(busy.events()).singleElement().isEqualTo(
                new KioskScenario.ShortCircuit("short_circuit", Duration.ofMinutes(270), Duration.ofMinutes(10), 3, 3500));

        KioskScenario outage = KioskScenario.load("power-outage");
        assertThat(outage.days()).isEqualTo(5);
        assertThat(outage.events()).singleElement().isEqualTo(
                new KioskScenario.Overcast("overcast", Duration.ofHours(18), Duration.ofDays(3), 0.02));

        assertThat(KioskScenario.load("modem-trouble").events()).extracting(e -> ((KioskScenario.Outage) e).what())
                .containsExactly(KioskScenario.Outage.What.NO_SIGNAL, KioskScenario.Outage.What.NO_CREDIT,
                        KioskScenario.Outage.What.MODEM_SILENT, KioskScenario.Outage.What.MODEM_GARBAGE,
                        KioskScenario.Outage.What.UPLINK_DOWN, KioskScenario.Outage.What.DENIED);
    }

    @Test
    void anEmptyFileIsAQuietSunnyDayAtAnEightPortKiosk() {
        KioskScenario s = KioskScenario.parse("quiet", "quiet.conf", "# nothing\n");
        assertThat(s.start()).isEqualTo(LocalTime.of(6, 0));
        assertThat(s.days()).isEqualTo(1);
        assertThat(s.kiosk()).isEqualTo(new KioskScenario.Kiosk(8, 250, 0.4, 0.25, 0.5, Duration.ofHours(1), Duration.ofMinutes(3)));
        assertThat(s.sun()).isEqualTo(new KioskScenario.Sun(LocalTime.of(6, 0), LocalTime.of(18, 0), 300, 0.1));
        assertThat(s.battery()).isEqualTo(new KioskScenario.Battery(100, 0.9));
        assertThat(s.network()).isEqualTo(new KioskScenario.Network(18, Registration.HOME, 0.6));
        assertThat(s.events()).isEmpty();
    }

    @Test
    void eventsReadTheirKindTimeLengthAndSettingsWithTheWellFormatsTimes() {
        KioskScenario s = KioskScenario.parse("t", "t.conf", """
                [scenario]
                start = 05:00
                days = 3
                [kiosk]
                ports = 4
                [network]
                registration = roaming
                [event dark]
                kind = overcast
                at = day 2 00:00
                for = 36h
                light = 0.2
                [event short_circuit]
                at = 07:30
                port = 4
                current_ma = 4000
                [event lost]
                kind = no_signal
                at = day 3 10:00
                [event uplink_down]
                at = 04:00
                for = 90s
                """);
        assertThat(s.network().registration()).isEqualTo(Registration.ROAMING);
        assertThat(s.events()).containsExactly(
                new KioskScenario.Overcast("dark", Duration.ofHours(19), Duration.ofHours(36), 0.2),
                new KioskScenario.ShortCircuit("short_circuit", Duration.ofMinutes(150), Duration.ofMinutes(10), 4, 4000),
                new KioskScenario.Outage("lost", Duration.ofHours(53), Duration.ofHours(1), KioskScenario.Outage.What.NO_SIGNAL),
                new KioskScenario.Outage("uplink_down", Duration.ofHours(-1), Duration.ofSeconds(90),
                        KioskScenario.Outage.What.UPLINK_DOWN));
    }

    @Test
    void mistakesNameTheLineTheKeyTheValueAndWhatWasExpected() {
        assertThat(error("[kiosk]\nports = 40\n").getMessage())
                .isEqualTo("bad.conf line 2: ports = '40': expected a whole number from 1 to 32");
        assertThat(error("[kiosk]\nportz = 4\n").getMessage()).startsWith("bad.conf line 2: portz = '4': expected a known key");
        assertThat(error("[well]\nbase_ntu = 1\n").getMessage()).isEqualTo("bad.conf line 1: (section) = '[well]': "
                + "expected one of [scenario], [kiosk], [sun], [battery], [network] or [event NAME]");
        assertThat(error("[event zap]\nkind = lightning\nat = 10:00\n").getMessage()).isEqualTo("bad.conf line 2: kind = "
                + "'lightning': expected one of short_circuit, overcast, no_signal, denied, no_credit, modem_silent, "
                + "modem_garbage, uplink_down");
        assertThat(error("[event short_circuit]\nat = 10:00\n").getMessage())
                .isEqualTo("bad.conf line 1: port = (missing): expected a port from 1 to 8; this key is required");
        assertThat(error("[kiosk]\nports = 4\n[event short_circuit]\nat = 10:00\nport = 5\n").getMessage())
                .isEqualTo("bad.conf line 5: port = '5': expected a whole number from 1 to 4");
        assertThat(error("[event no_credit]\nfor = 1h\n").getMessage())
                .isEqualTo("bad.conf line 1: at = (missing): expected a time of day like 06:15, or day 3 06:15; this key is required");
        assertThat(error("[event no_credit]\nat = noon\n").getMessage())
                .isEqualTo("bad.conf line 2: at = 'noon': expected a time of day like 06:15, or day 3 06:15");
        assertThat(error("[event overcast]\nat = 10:00\nport = 2\n").key()).isEqualTo("port");
        assertThat(error("[sun]\nsunrise = 19:00\n").getMessage())
                .isEqualTo("bad.conf line 2: sunrise = '19:00': expected a time of day before sunset 18:00");
        assertThat(error("[network]\nregistration = denied\n").getMessage())
                .isEqualTo("bad.conf line 2: registration = 'denied': expected one of home, roaming");
        assertThat(error("seed = 3\n").getMessage()).startsWith("bad.conf line 1: seed = '3': expected keys inside a section");
    }

    @Test
    void loadTakesAPathOrABundledNameAndRefusesOthers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-day.conf");
        Files.writeString(file, "[kiosk]\nports = 12\n");
        KioskScenario s = KioskScenario.load(file.toString());
        assertThat(s.name()).isEqualTo("my-day");
        assertThat(s.kiosk().ports()).isEqualTo(12);
        assertThatThrownBy(() -> KioskScenario.load("normal-day")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("busy-kiosk, power-outage, modem-trouble");
    }

    @Test
    void theLatestStartBeforeNowKeepsTheWholeRunInThePast() {
        KioskScenario s = KioskScenario.load("power-outage");
        Instant now = Instant.parse("2025-03-10T04:00:00Z");
        Instant start = s.latestStartBefore(now);
        assertThat(start).isEqualTo(Instant.parse("2025-03-04T06:00:00Z"));
        assertThat(s.world(start).end()).isBeforeOrEqualTo(now);
    }
}
