package io.waypoint.sim.world;

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

class ScenarioTest {
    private static ConfigException error(String text) {
        try {
            Scenario.parse("bad", "bad.conf", text);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no ConfigException for:\n" + text);
    }

    @Test
    void everyBundledScenarioLoadsByNameAndEveryShippedFileIsBundled() throws IOException {
        for (String name : Scenario.BUNDLED) {
            Scenario s = Scenario.load(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(s.world(s.startOn(LocalDate.of(2025, 3, 1))).flowLpm(Instant.parse("2025-03-01T08:00:00Z"))).isNotNegative();
        }
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/scenarios"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString().replace(".conf", "")))
                    .containsExactlyInAnyOrderElementsOf(Scenario.BUNDLED);
        }
    }

    @Test
    void theBundledScenariosSayWhatTheyAreFor() {
        assertThat(Scenario.load("turbid-after-rain").events()).singleElement()
                .isInstanceOfSatisfying(Scenario.Rain.class, r -> {
                    assertThat(r.at()).isEqualTo(Duration.ofMinutes(15));
                    assertThat(r.peakNtu()).isEqualTo(8.0);
                });
        Scenario clogging = Scenario.load("clogging-filter");
        assertThat(clogging.days()).isEqualTo(8);
        assertThat(clogging.filter().clogPerDay()).isEqualTo(0.07);
        Scenario fault = Scenario.load("sensor-fault");
        assertThat(fault.sensor().unplugged()).isEqualTo(new Scenario.Window(Duration.ofMinutes(15), Duration.ofMinutes(20)));
        Scenario normal = Scenario.load("normal-day");
        assertThat(normal.events()).isEmpty();
        assertThat(normal.sensor()).isEqualTo(new Scenario.Sensor(0, null, null));
    }

    @Test
    void anEmptyFileIsAQuietDayOfDefaults() {
        Scenario s = Scenario.parse("quiet", "quiet.conf", "# nothing\n");
        assertThat(s.start()).isEqualTo(LocalTime.of(6, 0));
        assertThat(s.days()).isEqualTo(1);
        assertThat(s.well()).isEqualTo(new Scenario.Well(0.4, 14, 300, 15, 20));
        assertThat(s.well().litresPerDay()).isEqualTo(4500);
        assertThat(s.filter().clogPerDay()).isZero();
        assertThat(s.events()).isEmpty();
    }

    @Test
    void aFileLoadsByPathAndTakesItsNameFromTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("storm-week.conf");
        Files.writeString(file, """
                [scenario]
                start = 05:30
                days = 7
                seed = 99
                [event storm]
                kind = rain
                at = day 3 14:00
                peak_ntu = 30
                rise = 45m
                decay = 12h
                [event backwash]
                at = day 5 07:00
                """);
        Scenario s = Scenario.load(file.toString());
        assertThat(s.name()).isEqualTo("storm-week");
        assertThat(s.seed()).isEqualTo(99);
        assertThat(s.events()).containsExactly(
                new Scenario.Rain("storm", Duration.ofDays(2).plusHours(8).plusMinutes(30), 30, Duration.ofMinutes(45), Duration.ofHours(12)),
                new Scenario.Backwash("backwash", Duration.ofDays(4).plusMinutes(90)));
    }

    @Test
    void anUnknownNameListsTheBundledOnesAndAMissingFileSaysSo() {
        assertThatThrownBy(() -> Scenario.load("rainy-day"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'rainy-day'")
                .hasMessageContaining("normal-day, turbid-after-rain, clogging-filter, sensor-fault");
        assertThatThrownBy(() -> Scenario.load("/nowhere/day.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/nowhere/day.conf")
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnknownKeyNamesItsLineKeyAndValue() {
        ConfigException e = error("[scenario]\ndays = 2\n\n[well]\nbase_ntu = 0.4\ntap_lmp = 14\n");
        assertThat(e.source()).isEqualTo("bad.conf line 6");
        assertThat(e.key()).isEqualTo("tap_lmp");
        assertThat(e.value()).isEqualTo("14");
        assertThat(e.getMessage()).contains("tap_lpm");
    }

    @Test
    void aWrongValueNamesItsLineKeyValueAndTheRange() {
        ConfigException e = error("[well]\npeople_per_day = lots\n");
        assertThat(e.getMessage()).isEqualTo("bad.conf line 2: people_per_day = 'lots': expected a whole number from 0 to 100000");

        ConfigException days = error("[scenario]\ndays = 0\n");
        assertThat(days.source()).isEqualTo("bad.conf line 2");
        assertThat(days.expected()).contains("1 to 60");
    }

    @Test
    void aBadTimeOfDayNamesItsLineAndTheForm() {
        ConfigException e = error("[sensor]\n\nunplugged_at = 25:00\n");
        assertThat(e.getMessage()).isEqualTo("bad.conf line 3: unplugged_at = '25:00': expected a time of day like 06:15, or day 3 06:15");
        assertThat(error("[event rain]\nat = noon\n").getMessage())
                .startsWith("bad.conf line 2: at = 'noon': expected a time of day");
        assertThat(error("[scenario]\nstart = 6h\n").getMessage())
                .isEqualTo("bad.conf line 2: start = '6h': expected a time of day like 06:00");
    }

    @Test
    void eventsNeedATimeAKnownKindAndRainAboveTheBase() {
        ConfigException noAt = error("[event rain]\npeak_ntu = 8\n");
        assertThat(noAt.source()).isEqualTo("bad.conf line 1");
        assertThat(noAt.key()).isEqualTo("at");
        assertThat(noAt.value()).isNull();

        ConfigException noKind = error("[event storm]\nat = 10:00\n");
        assertThat(noKind.key()).isEqualTo("kind");
        assertThat(noKind.expected()).contains("rain, backwash, steady_flow");

        ConfigException fast = error("[event tank]\nkind = steady_flow\nat = 10:00\nlpm = 250\n");
        assertThat(fast.key()).isEqualTo("lpm");
        assertThat(fast.value()).isEqualTo("250");
        assertThat(Scenario.parse("t", "t.conf", "[event tank]\nkind = steady_flow\nat = 10:00\nlpm = 33.3\nfor = 2h\n").events())
                .containsExactly(new Scenario.SteadyFlow("tank", Duration.ofHours(4), 33.3, Duration.ofHours(2)));

        ConfigException badKind = error("[event storm]\nkind = hail\nat = 10:00\n");
        assertThat(badKind.source()).isEqualTo("bad.conf line 2");
        assertThat(badKind.value()).isEqualTo("hail");

        ConfigException low = error("[well]\nbase_ntu = 2\n[event rain]\nat = 10:00\npeak_ntu = 1.5\n");
        assertThat(low.getMessage()).isEqualTo("bad.conf line 5: peak_ntu = '1.5': expected a turbidity above the well's base_ntu 2.0 NTU");
    }

    @Test
    void unknownSectionsStrayKeysAndLoneDurationsAreErrors() {
        assertThat(error("[weather]\nrain = yes\n").getMessage())
                .isEqualTo("bad.conf line 1: (section) = '[weather]': expected one of [scenario], [well], [filter], [sensor] or [event NAME]");
        assertThat(error("seed = 3\n").source()).isEqualTo("bad.conf line 1");
        ConfigException lone = error("[sensor]\nstuck_for = 2h\n");
        assertThat(lone.source()).isEqualTo("bad.conf line 2");
        assertThat(lone.expected()).contains("stuck_at");
    }

    @Test
    void timesOfTheRunAreOffsetsFromItsStartOnItsDays() {
        Scenario s = Scenario.parse("t", "t.conf", """
                [scenario]
                start = 06:00
                [sensor]
                stuck_at = 05:00
                unplugged_at = day 3 07:30
                unplugged_for = 90m
                """);
        assertThat(s.sensor().stuck()).isEqualTo(new Scenario.Window(Duration.ofHours(-1), null));
        assertThat(s.sensor().unplugged()).isEqualTo(new Scenario.Window(Duration.ofDays(2).plusMinutes(90), Duration.ofMinutes(90)));
    }

    @Test
    void theRunIsAnchoredOnADateOrSoThatItEndsBeforeNow() {
        Scenario s = Scenario.parse("week", "week.conf", "[scenario]\nstart = 06:00\ndays = 2\n");
        assertThat(s.startOn(LocalDate.of(2025, 3, 1))).isEqualTo(Instant.parse("2025-03-01T06:00:00Z"));

        for (String now : new String[] {"2025-03-10T05:59:00Z", "2025-03-10T06:00:00Z", "2025-03-10T23:00:00Z"}) {
            Instant n = Instant.parse(now);
            Instant start = s.latestStartBefore(n);
            assertThat(LocalTime.ofInstant(start, java.time.ZoneOffset.UTC)).isEqualTo(LocalTime.of(6, 0));
            assertThat(start.plus(s.length())).isBeforeOrEqualTo(n);
            assertThat(start.plus(Duration.ofDays(1)).plus(s.length())).isAfter(n);
        }
        assertThat(s.latestStartBefore(Instant.parse("2025-03-10T06:00:00Z"))).isEqualTo(Instant.parse("2025-03-08T06:00:00Z"));
    }
}
