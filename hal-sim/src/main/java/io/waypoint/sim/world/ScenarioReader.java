package io.waypoint.sim.world;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link Scenario} from a parsed config file; the format is documented on {@link Scenario}. */
final class ScenarioReader {
    private static final Pattern TIME = Pattern.compile("(?:day\\s+(-?\\d{1,3})\\s+)?(\\d{1,2}):(\\d{2})");
    private static final String TIME_EXPECTED = "a time of day like 06:15, or day 3 06:15";
    private static final List<String> PLAIN_SECTIONS = List.of("scenario", "well", "filter", "sensor");
    private static final List<String> EVENT_KINDS = List.of("rain", "backwash", "steady_flow");
    private static final Duration LONGEST = Duration.ofDays(60);

    private final ConfigFile file;
    /** Which section each Settings reads, so errors found here can name the line like Settings' own. */
    private final Map<ConfigFile.Section, Settings> sectionSettings = new IdentityHashMap<>();
    private LocalTime start = LocalTime.of(6, 0);

    private ScenarioReader(ConfigFile file) {
        this.file = file;
    }

    static Scenario read(String name, ConfigFile file) {
        return new ScenarioReader(file).read(name);
    }

    private Scenario read(String name) {
        for (ConfigFile.Section s : file.sections()) {
            String where = file.source() + " line " + s.line();
            if (s.kind().isEmpty()) {
                s.entries().values().stream().findFirst().ifPresent(e -> {
                    throw new ConfigException(file.source() + " line " + e.line(), e.key(), e.value(),
                            "keys inside a section such as [scenario] or [well]; this one comes before any section");
                });
            } else if (s.kind().equals("event")) {
                if (s.name().isEmpty()) {
                    throw new ConfigException(where, "(section)", "[event]", "an event with a name, like [event rain]");
                }
            } else if (!PLAIN_SECTIONS.contains(s.kind()) || !s.name().isEmpty()) {
                throw new ConfigException(where, "(section)", header(s),
                        "one of [scenario], [well], [filter], [sensor] or [event NAME]");
            }
        }
        Settings scenario = plain("scenario");
        start = scenario.optional("start").map(v -> timeOfDay(scenario, "start", v)).orElse(start);
        int days = (int) scenario.integer("days", 1, 1, 60);
        long seed = scenario.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        scenario.rejectUnknownKeys();

        Settings w = plain("well");
        Scenario.Well well = new Scenario.Well(
                w.number("base_ntu", 0.4, 0, 100),
                w.number("tap_lpm", 14, 0.5, 100),
                (int) w.integer("people_per_day", 300, 0, 100_000),
                w.number("litres_per_person", 15, 0.5, 200),
                w.number("container_litres", 20, 0.5, 1000));
        w.rejectUnknownKeys();

        Settings f = plain("filter");
        Scenario.Filter filter = new Scenario.Filter(f.number("clog_per_day", 0, 0, 1));
        f.rejectUnknownKeys();

        Settings s = plain("sensor");
        Scenario.Sensor sensor = new Scenario.Sensor(
                s.number("drift_per_day", 0, -100, 100),
                window(s, "stuck_at", "stuck_for"),
                window(s, "unplugged_at", "unplugged_for"));
        s.rejectUnknownKeys();

        List<Scenario.Event> events = new ArrayList<>();
        for (ConfigFile.Section section : file.sections("event")) {
            events.add(event(section, well));
        }
        return new Scenario(name, start, days, seed, well, filter, sensor, events);
    }

    private Scenario.Event event(ConfigFile.Section section, Scenario.Well well) {
        Settings e = settings(section);
        String defaultKind = EVENT_KINDS.contains(section.name()) ? section.name() : null;
        String kind = defaultKind != null ? e.string("kind", defaultKind)
                : e.requiredString("kind", "one of " + String.join(", ", EVENT_KINDS) + " (the section's name is not one)");
        if (!EVENT_KINDS.contains(kind)) {
            throw bad(e, "kind", "one of " + String.join(", ", EVENT_KINDS));
        }
        Duration at = at(e, "at").orElseThrow(() -> new ConfigException(file.source() + " line " + section.line(),
                "at", null, TIME_EXPECTED + "; this key is required"));
        Scenario.Event event;
        if (kind.equals("rain")) {
            double peak = e.number("peak_ntu", 8, 0, 4000);
            if (peak <= well.baseNtu()) {
                throw bad(e, "peak_ntu", "a turbidity above the well's base_ntu " + well.baseNtu() + " NTU");
            }
            event = new Scenario.Rain(section.name(), at, peak,
                    e.duration("rise", Duration.ofMinutes(20), Duration.ofSeconds(1), LONGEST),
                    e.duration("decay", Duration.ofHours(3), Duration.ofSeconds(1), LONGEST));
        } else if (kind.equals("steady_flow")) {
            event = new Scenario.SteadyFlow(section.name(), at, e.number("lpm", 14, 0.5, 100),
                    e.duration("for", Duration.ofHours(1), Duration.ofSeconds(1), LONGEST));
        } else {
            event = new Scenario.Backwash(section.name(), at);
        }
        e.rejectUnknownKeys();
        return event;
    }

    /** The settings of a plain section such as [well], or empty ones when the file has none. */
    private Settings plain(String kind) {
        for (ConfigFile.Section s : file.sections()) {
            if (s.kind().equals(kind)) {
                return settings(s);
            }
        }
        return Settings.empty();
    }

    private Settings settings(ConfigFile.Section section) {
        return sectionSettings.computeIfAbsent(section, sec -> Settings.of(file, sec));
    }

    private Scenario.Window window(Settings s, String atKey, String forKey) {
        Optional<Duration> at = at(s, atKey);
        Duration length = s.has(forKey) ? s.duration(forKey, null, Duration.ofSeconds(1), Duration.ofDays(3650)) : null;
        if (at.isEmpty()) {
            if (length != null) {
                throw bad(s, forKey, "to come with " + atKey + ", which is not set");
            }
            return null;
        }
        return new Scenario.Window(at.get(), length);
    }

    /** A time of the run ({@code HH:MM} on day 1, or {@code day N HH:MM}) as an offset from the start. */
    private Optional<Duration> at(Settings s, String key) {
        Optional<String> v = s.optional(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TIME.matcher(v.get().strip());
        if (!m.matches()) {
            throw bad(s, key, TIME_EXPECTED);
        }
        int day = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
        LocalTime time = timeOfDay(s, key, m.group(2) + ":" + m.group(3));
        return Optional.of(Duration.ofDays(day - 1L)
                .plusSeconds(time.toSecondOfDay())
                .minusSeconds(start.toSecondOfDay()));
    }

    private LocalTime timeOfDay(Settings s, String key, String text) {
        try {
            String t = text.strip();
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            throw bad(s, key, key.equals("start") ? "a time of day like 06:00" : TIME_EXPECTED);
        }
    }

    /** An error naming the line, the key and the value of a key that is set. */
    private ConfigException bad(Settings s, String key, String expected) {
        for (ConfigFile.Section section : file.sections()) {
            if (sectionSettings.get(section) == s) {
                ConfigFile.Entry e = section.entries().get(key);
                return new ConfigException(file.source() + " line " + e.line(), key, e.value(), expected);
            }
        }
        throw new IllegalStateException("settings of no section of " + file.source());
    }

    private static String header(ConfigFile.Section s) {
        return "[" + s.kind() + (s.name().isEmpty() ? "" : " " + s.name()) + "]";
    }
}
