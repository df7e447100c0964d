package io.waypoint.gateway.alerts;

import io.waypoint.config.ConfigException;
import io.waypoint.wire.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {
    private static ConfigException error(String text) {
        try {
            RuleBook.parse("rules.conf", text);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no ConfigException for:\n" + text);
    }

    @Test
    void defaultRulesLoadWithTheWaterAndPowerLimits() {
        RuleBook book = RuleBook.defaults();

        assertThat(book.rules()).extracting(Rule::name).containsExactly("turbidity_high", "turbidity_unsafe",
                "turbidity_stuck", "sensor_fault", "filter_clogging", "cartridge_life", "node_offline", "battery_low",
                "battery_critical", "load_shedding", "port_fault", "modem_fault", "no_signal", "weak_signal", "uplink_down");
        assertThat(book.rule("turbidity_high")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.common().severity()).isEqualTo(Severity.WARNING);
            assertThat(t.direction()).isEqualTo(Rule.Direction.ABOVE);
            assertThat(t.limit()).isEqualTo(1.0);
            assertThat(t.clearLevel()).isEqualTo(0.8);
            assertThat(t.holdFor()).isEqualTo(Duration.ofMinutes(10));
            assertThat(t.clearFor()).isEqualTo(Duration.ofMinutes(5));
        });
        assertThat(book.rule("turbidity_unsafe")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.common().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(t.limit()).isEqualTo(5.0);
            assertThat(t.clearLevel()).isEqualTo(4.0);
            assertThat(t.holdFor()).isEqualTo(Duration.ofMinutes(2));
            assertThat(t.clearFor()).isEqualTo(Duration.ofMinutes(5));
            assertThat(t.sensor()).isTrue();
        });
        assertThat(book.rule("turbidity_stuck")).get().isInstanceOfSatisfying(Rule.Stuck.class,
                s -> assertThat(s.holdFor()).isEqualTo(Duration.ofHours(6)));
        assertThat(book.rule("sensor_fault")).get().isInstanceOfSatisfying(Rule.Label.class, l -> {
            assertThat(l.common().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(l.match()).isEqualTo(new Rule.LabelMatch(Rule.LabelMatch.Op.NOT, "ok"));
            assertThat(l.holdFor()).isEqualTo(Duration.ofMinutes(2));
        });
        assertThat(book.rule("node_offline")).get().isInstanceOfSatisfying(Rule.Offline.class,
                o -> assertThat(o.holdFor()).isEqualTo(Duration.ofMinutes(5)));
        assertThat(book.rule("battery_low")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.metric()).isEqualTo("power.battery_v");
            assertThat(t.direction()).isEqualTo(Rule.Direction.BELOW);
            assertThat(t.limit()).isEqualTo(12.0);
            assertThat(t.clearLevel()).isEqualTo(12.4);
            assertThat(t.common().escalateAfter()).isEqualTo(Duration.ofMinutes(30));
        });
        assertThat(book.rule("battery_critical")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.limit()).isEqualTo(11.1);
            assertThat(t.clearLevel()).isEqualTo(12.0);
            assertThat(t.clearFor()).isEqualTo(Duration.ofMinutes(10));
        });
        assertThat(book.rule("load_shedding")).get().isInstanceOfSatisfying(Rule.Label.class, l -> {
            assertThat(l.label()).isEqualTo("power.shedding");
            assertThat(l.match()).isEqualTo(new Rule.LabelMatch(Rule.LabelMatch.Op.NOT, "none"));
        });
    }

    @Test
    void defaultWaterRulesJudgeTheFilterByTheFlowOfAnOpenTapAndTheCartridgeByItsRatedLife() {
        RuleBook book = RuleBook.defaults();
        assertThat(book.rule("filter_clogging")).get().isInstanceOfSatisfying(Rule.Baseline.class, b -> {
            assertThat(b.metric()).isEqualTo("flow_lpm.max");
            assertThat(b.activeAbove()).isEqualTo(1.0);
            assertThat(b.hours()).isEqualTo(new Rule.Hours(LocalTime.of(6, 0), LocalTime.of(20, 0), ZoneId.of("UTC")));
            assertThat(b.recent()).isEqualTo(Duration.ofHours(3));
            assertThat(b.days()).isEqualTo(7);
            assertThat(b.minHistory()).isEqualTo(Duration.ofDays(3));
            assertThat(b.below()).isEqualTo(0.7);
            assertThat(b.clearAbove()).isEqualTo(0.85);
            assertThat(b.common().severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(book.rule("cartridge_life")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.metric()).isEqualTo("cartridge_litres");
            assertThat(t.of()).isEqualTo("cartridge_rated_litres");
            assertThat(t.limit()).isEqualTo(0.9);
            assertThat(t.clearLevel()).isEqualTo(0.5);
        });
        assertThat(book.rule("turbidity_unsafe")).get().isInstanceOfSatisfying(Rule.Threshold.class,
                t -> assertThat(t.of()).isNull());
    }

    @Test
    void aBaselineRuleNeedsAFractionWholeRecentHoursAndValidServiceHours() {
        String base = "[rule clog]\nkind = baseline\nmetric = flow_lpm.max\n";
        assertThat(error(base).getMessage())
                .isEqualTo("rules.conf line 1: below = (missing): expected a fraction of the usual value, like 0.7; this key is required");
        assertThat(error(base + "below = 70\n").getMessage())
                .isEqualTo("rules.conf line 4: below = '70': expected a number from 0 to 1");
        assertThat(error(base + "below = 0\n").getMessage())
                .isEqualTo("rules.conf line 4: below = '0': expected a fraction of the usual value between 0 and 1, like 0.7");
        assertThat(error(base + "below = 0.7\nclear_above = 0.6\n").getMessage())
                .isEqualTo("rules.conf line 5: clear_above = '0.6': expected a fraction at or above below = 0.7");
        assertThat(error(base + "below = 0.7\nrecent = 90m\n").getMessage())
                .isEqualTo("rules.conf line 5: recent = '90m': expected whole hours, like 3h");
        assertThat(error(base + "below = 0.7\nhours = 7-19\n").getMessage())
                .isEqualTo("rules.conf line 5: hours = '7-19': expected hours of the day like 07:00-19:00 (across midnight: 22:00-06:00)");
        assertThat(error(base + "below = 0.7\nhours = 07:00-25:00\n").key()).isEqualTo("hours");
        assertThat(error(base + "below = 0.7\nzone = Mars/Olympus\n").getMessage())
                .isEqualTo("rules.conf line 5: zone = 'Mars/Olympus': expected a time zone like UTC, America/Mexico_City or +02:00");
        assertThat(error(base + "below = 0.7\ndays = 90\n").key()).isEqualTo("days");
        assertThat(error(base + "below = 0.7\nof = flow_lpm.avg\n").getMessage())
                .startsWith("rules.conf line 5: of = 'flow_lpm.avg': expected a known key");
    }

    @Test
    void aBaselineRuleReadsItsSettingsAndServiceHoursMayCrossMidnight() {
        RuleBook book = RuleBook.parse("rules.conf", """
                [rule night_pump]
                kind = baseline
                metric = flow_lpm.max
                below = 0.5
                hours = 22:00-06:00
                zone = +02:00
                recent = 1h
                days = 3
                min_history = 1d
                min_samples = 4
                only_above = 0.5
                for = 1h
                """);
        Rule.Baseline b = (Rule.Baseline) book.rule("night_pump").orElseThrow();
        assertThat(b.clearAbove()).isEqualTo(0.5);
        assertThat(b.minSamples()).isEqualTo(4);
        assertThat(b.common().message()).isEqualTo(
                "flow_lpm.max at {site}/{node} is {value} L/min, {percent} of its 3-day usual {reference} L/min, below {threshold}");
        assertThat(b.hours().contains(java.time.Instant.parse("2025-03-01T21:30:00Z"))).isTrue();   // 23:30 there
        assertThat(b.hours().contains(java.time.Instant.parse("2025-03-01T03:59:00Z"))).isTrue();   // 05:59
        assertThat(b.hours().contains(java.time.Instant.parse("2025-03-01T04:00:00Z"))).isFalse();  // 06:00
        assertThat(b.hours().contains(java.time.Instant.parse("2025-03-01T19:59:00Z"))).isFalse();  // 21:59
        assertThat(Rule.Hours.ALL_DAY.contains(java.time.Instant.parse("2025-03-01T19:59:00Z"))).isTrue();
        assertThat(RuleBook.parse("r", "[rule x]\nkind = baseline\nmetric = m\nbelow = 0.5\nhours = 06:00-24:00\n")
                .rule("x").map(r -> ((Rule.Baseline) r).hours().to())).contains(LocalTime.MIDNIGHT);
    }

    @Test
    void defaultKioskRulesJudgePortsModemNetworkSignalAndUplink() {
        RuleBook book = RuleBook.defaults();
        assertThat(book.rule("port_fault")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.metric()).isEqualTo("charging.faults");
            assertThat(t.limit()).isEqualTo(0.5);
            assertThat(t.holdFor()).isZero();
        });
        assertThat(book.rule("modem_fault")).get().isInstanceOfSatisfying(Rule.Label.class, l -> {
            assertThat(l.common().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(l.match()).isEqualTo(new Rule.LabelMatch(Rule.LabelMatch.Op.NOT,
                    List.of("ok", "fault:no_network", "fault:low_signal")));
            assertThat(l.holdFor()).isEqualTo(Duration.ofMinutes(10));
            assertThat(l.messages()).containsKeys("no_credit", "not_responding", "no_sim", "sim_locked");
        });
        assertThat(book.rule("no_signal")).get().isInstanceOfSatisfying(Rule.Label.class, l -> {
            assertThat(l.match()).isEqualTo(new Rule.LabelMatch(Rule.LabelMatch.Op.EQUALS, List.of("searching", "denied", "none")));
            assertThat(l.holdFor()).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(book.rule("weak_signal")).get().isInstanceOfSatisfying(Rule.Threshold.class, t -> {
            assertThat(t.direction()).isEqualTo(Rule.Direction.BELOW);
            assertThat(t.limit()).isEqualTo(5.0);
            assertThat(t.unknown()).isEqualTo(99.0);
        });
        assertThat(book.rule("uplink_down")).get().isInstanceOfSatisfying(Rule.Label.class, l -> {
            assertThat(l.match()).isEqualTo(new Rule.LabelMatch(Rule.LabelMatch.Op.EQUALS, "down"));
            assertThat(l.holdFor()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @Test
    void labelTextsAreCommaSeparatedAndMessagesByReasonAreCheckedLikeTheMessage() {
        Rule.Label l = (Rule.Label) RuleBook.parse("r", """
                [rule net]
                kind = label
                label = calls.network
                not = home ,roaming
                message.denied = Refused at {node}: {reason}
                """).rule("net").orElseThrow();
        assertThat(l.match().texts()).containsExactly("home", "roaming");
        assertThat(l.messageFor("denied")).isEqualTo("Refused at {node}: {reason}");
        assertThat(l.messageFor("searching")).isEqualTo(l.common().message());

        assertThat(error("[rule l]\nkind = label\nlabel = x\nnot = ok,\n").getMessage())
                .isEqualTo("rules.conf line 4: not = 'ok,': expected a label text to compare with, or several separated by commas");
        assertThat(error("[rule l]\nkind = label\nlabel = x\nnot = ok\nmessage.no_credit = top up {sim}\n").getMessage())
                .startsWith("rules.conf line 5: message.no_credit = 'top up {sim}': expected placeholders among")
                .endsWith("{sim} is not one");
        assertThat(error("[rule l]\nkind = label\nlabel = x\nnot = ok\nmessage. = top up\n").key())
                .isEqualTo("message.");
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = 1\nmessage.x = y\n").getMessage())
                .startsWith("rules.conf line 5: message.x = 'y': expected a known key");
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = 1\nunknown = never\n").key()).isEqualTo("unknown");
    }

    @Test
    void aThresholdOfAnotherMetricNamesItInItsDefaultMessage() {
        Rule.Threshold t = (Rule.Threshold) RuleBook.parse("r", "[rule c]\nkind = threshold\nmetric = cartridge_litres\n"
                + "of = cartridge_rated_litres\nabove = 0.9\n").rule("c").orElseThrow();
        assertThat(t.common().message()).isEqualTo(
                "cartridge_litres at {site}/{node} is {percent} of cartridge_rated_litres {reference} L, above {threshold}");
        assertThat(error("[rule c]\nkind = threshold\nmetric = x\nof = Rated\nabove = 0.9\n").getMessage())
                .startsWith("rules.conf line 4: of = 'Rated': expected a metric name");
    }

    @Test
    void unknownKeyNamesItsLineAndKey() {
        ConfigException e = error("""
                [rule hot]
                kind = threshold
                metric = turbidity_ntu.avg
                treshold = 5
                above = 5
                """);
        assertThat(e.getMessage()).startsWith("rules.conf line 4: treshold = '5': expected a known key");
        assertThat(e.key()).isEqualTo("treshold");
    }

    @Test
    void badDurationNamesItsLineKeyAndValue() {
        ConfigException e = error("[rule hot]\nkind = threshold\nmetric = x\nabove = 5\nfor = two minutes\n");
        assertThat(e.getMessage()).isEqualTo(
                "rules.conf line 5: for = 'two minutes': expected a duration like 30s, 5m, 2h or 7d, from 0ms to 30d");
    }

    @Test
    void badKindNamesItsLineAndTheKinds() {
        ConfigException e = error("# rules\n\n[rule hot]\nkind = treshold\n");
        assertThat(e.getMessage()).isEqualTo(
                "rules.conf line 4: kind = 'treshold': expected one of threshold, rate, stuck, missing, label, offline, baseline");
    }

    @Test
    void missingRequiredKeysNameTheSection() {
        assertThat(error("[rule hot]\nmetric = x\n").getMessage())
                .startsWith("rules.conf line 1: kind = (missing): expected one of threshold");
        assertThat(error("[rule hot]\nkind = threshold\nabove = 3\n").getMessage())
                .isEqualTo("rules.conf line 1: metric = (missing): expected a metric name like turbidity_ntu.avg; this key is required");
        assertThat(error("[rule hot]\nkind = threshold\nmetric = x\n").key()).isEqualTo("above");
        assertThat(error("[rule s]\nkind = stuck\nmetric = x\n").key()).isEqualTo("for");
        assertThat(error("[rule l]\nkind = label\nlabel = sensor\n").key()).isEqualTo("not");
        assertThat(error("[rule r]\nkind = rate\nmetric = x\n").key()).isEqualTo("rise_per_min");
    }

    @Test
    void inconsistentThresholdsAreRejected() {
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = 5\nbelow = 1\n").getMessage())
                .isEqualTo("rules.conf line 5: below = '1': expected either above or below, not both (above is set too)");
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = 5\nclear_below = 6\n").getMessage())
                .isEqualTo("rules.conf line 5: clear_below = '6': expected a number at or below the threshold 5");
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = 5\nclear_above = 4\n").key()).isEqualTo("clear_above");
        assertThat(error("[rule t]\nkind = threshold\nmetric = x\nabove = lots\n").getMessage())
                .startsWith("rules.conf line 4: above = 'lots': expected a number");
        assertThat(error("[rule l]\nkind = label\nlabel = sensor\nnot = ok\nequals = fault\n").key()).isEqualTo("equals");
        assertThat(error("[rule r]\nkind = rate\nmetric = x\nrise_per_min = 0\n").key()).isEqualTo("rise_per_min");
    }

    @Test
    void badNamesSectionsGlobsSeveritiesAndPlaceholdersAreRejected() {
        assertThat(error("[rule Hot-Water]\nkind = offline\n").getMessage())
                .startsWith("rules.conf line 1: (section) = '[rule Hot-Water]': expected");
        assertThat(error("[rule hot-water]\nkind = offline\n").expected()).contains("1-40 lower-case letters, digits and '_'");
        assertThat(error("[broker]\nurl = x\n").expected()).isEqualTo("a [rule NAME] section");
        assertThat(error("kind = offline\n").getMessage()).startsWith("rules.conf line 1: kind = 'offline'");
        assertThat(error("[rule o]\nkind = offline\nnodes = Well_01\n").key()).isEqualTo("nodes");
        assertThat(error("[rule o]\nkind = offline\nseverity = urgent\n").getMessage())
                .isEqualTo("rules.conf line 3: severity = 'urgent': expected one of info, warning, critical");
        assertThat(error("[rule o]\nkind = offline\nmessage = {node} gone since {when}\n").getMessage())
                .startsWith("rules.conf line 3: message = '{node} gone since {when}': expected placeholders among")
                .endsWith("{when} is not one");
        assertThat(error("[rule o]\nkind = offline\nescalate_after = 10s\n").key()).isEqualTo("escalate_after");
    }

    @Test
    void loadReadsAFileAndNamesItsPathInErrors(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("rules.conf");
        Files.writeString(good, "[rule gone]\nkind = offline\nfor = 10m\nnodes = well-*\nescalate_after = never\n");
        RuleBook book = RuleBook.load(good);
        assertThat(book.rules()).singleElement().isInstanceOfSatisfying(Rule.Offline.class, o -> {
            assertThat(o.holdFor()).isEqualTo(Duration.ofMinutes(10));
            assertThat(o.common().escalateAfter()).isNull();
            assertThat(o.common().appliesTo("well-01")).isTrue();
            assertThat(o.common().appliesTo("kiosk-01")).isFalse();
        });

        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "[rule gone]\nkind = offline\nfor = soon\n");
        assertThatThrownBy(() -> RuleBook.load(bad)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(bad + " line 3: for = 'soon'");
        assertThatThrownBy(() -> RuleBook.load(dir.resolve("absent.conf"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.conf");
    }
}
