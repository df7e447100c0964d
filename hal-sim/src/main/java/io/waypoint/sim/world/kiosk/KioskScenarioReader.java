package io.waypoint.sim.world.kiosk;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link KioskScenario} from a parsed config file; the format is documented on
 * {@link KioskScenario}. Times of the run are read as the well's scenario reader reads them.
 */
final class KioskScenarioReader {
    private static final Pattern TIME = Pattern.compile("(?:day\\s+(-?\\d{1,3})\\s+)?(\\d{1,2}):(\\d{2})");
    private static final String TIME_EXPECTED = "a time of day like 06:15, or day 3 06:15";
    private static final List<String> PLAIN_SECTIONS = List.of("scenario", "kiosk", "sun", "battery", "network");
    private static final String SHORT_CIRCUIT = "short_circuit";
    private static final String OVERCAST = "overcast";
    private static final List<String> EVENT_KINDS = eventKinds();
    private static final Duration LONGEST = Duration.ofDays(60);

    private final ConfigFile file;
    private final Map<ConfigFile.Section, Settings> sectionSettings = new IdentityHashMap<>();
    private LocalTime start = LocalTime.of(6, 0);

    private KioskScenarioReader(ConfigFile file) {
        this.file = file;
    }

    static KioskScenario read(String name, ConfigFile file) {
        return new KioskScenarioReader(file).read(name);
    }

    private KioskScenario read(String name) {
        for (ConfigFile.Section s : file.sections()) {
            String where = file.source() + " line " + s.line();
            if (s.kind().isEmpty()) {
                s.entries().values().stream().findFirst().ifPresent(e -> {
                    throw new ConfigException(file.source() + " line " + e.line(), e.key(), e.value(),
                            "keys inside a section such as [scenario] or [kiosk]; this one comes before any section");
                });
            } else if (s.kind().equals("event")) {
                if (s.name().isEmpty()) {
                    throw new ConfigException(where, "(section)", "[event]", "an event with a name, like [event short_circuit]");
                }
            } else if (!PLAIN_SECTIONS.contains(s.kind()) || !s.name().isEmpty()) {
                throw new ConfigException(where, "(section)", header(s),
                        "one of [scenario], [kiosk], [sun], [battery], [network] or [event NAME]");
            }
        }
        Settings scenario = plain("scenario");
        start = scenario.optional("start").map(v -> timeOfDay(scenario, "start", v)).orElse(start);
        int days = (int) scenario.integer("days", 1, 1, 60);
        long seed = scenario.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        scenario.rejectUnknownKeys();

        Settings k = plain("kiosk");
        KioskScenario.Kiosk kiosk = new KioskScenario.Kiosk(
                (int) k.integer("ports", 8, 1, 32),
                (int) k.integer("people_per_day", 250, 0, 5000),
                k.number("charge_share", 0.4, 0, 1),
                k.number("call_share", 0.25, 0, 1),
                k.number("wifi_share", 0.5, 0, 1),
                k.duration("charge_turn", Duration.ofMinutes(60), Duration.ofMinutes(5), Duration.ofHours(6)),
                k.duration("call_limit", Duration.ofMinutes(3), Duration.ofSeconds(30), Duration.ofMinutes(30)));
        k.rejectUnknownKeys();

        Settings s = plain("sun");
        LocalTime sunrise = s.optional("sunrise").map(v -> timeOfDay(s, "sunrise", v)).orElse(LocalTime.of(6, 0));
        LocalTime sunset = s.optional("sunset").map(v -> timeOfDay(s, "sunset", v)).orElse(LocalTime.of(18, 0));
        if (!sunset.isAfter(sunrise)) {
            throw s.has("sunset") ? bad(s, "sunset", "a time of day after sunrise " + sunrise)
                    : bad(s, "sunrise", "a time of day before sunset " + sunset);
        }
        KioskScenario.Sun sun = new KioskScenario.Sun(sunrise, sunset, s.number("panel_w", 300, 0, 10_000),
                s.number("clouds", 0.1, 0, 0.5));
        s.rejectUnknownKeys();

        Settings b = plain("battery");
        KioskScenario.Battery battery = new KioskScenario.Battery(b.number("capacity_ah", 100, 5, 5000),
                b.number("charge", 0.9, 0, 1));
        b.rejectUnknownKeys();

        Settings n = plain("network");
        String registration = n.choice("registration", "home", "home", "roaming");
        KioskScenario.Network network = new KioskScenario.Network((int) n.integer("signal_csq", 18, 0, 31),
                registration.equals("home") ? Registration.HOME : Registration.ROAMING, n.number("answered", 0.6, 0, 1));
        n.rejectUnknownKeys();

        List<KioskScenario.Event> events = new ArrayList<>();
        for (ConfigFile.Section section : file.sections("event")) {
            events.add(event(section, kiosk));
        }
        return new KioskScenario(name, start, days, seed, kiosk, sun, battery, network, events);
    }

    private KioskScenario.Event event(ConfigFile.Section section, KioskScenario.Kiosk kiosk) {
        Settings e = settings(section);
        String defaultKind = EVENT_KINDS.contains(section.name()) ? section.name() : null;
        String kinds = "one of " + String.join(", ", EVENT_KINDS);
        String kind = defaultKind != null ? e.string("kind", defaultKind)
                : e.requiredString("kind", kinds + " (the section's name is not one)");
        if (!EVENT_KINDS.contains(kind)) {
            throw bad(e, "kind", kinds);
        }
        Duration at = at(e, "at").orElseThrow(() -> new ConfigException(file.source() + " line " + section.line(),
                "at", null, TIME_EXPECTED + "; this key is required"));
        Duration usual = switch (kind) {
            case SHORT_CIRCUIT -> Duration.ofMinutes(10);
            case OVERCAST -> Duration.ofDays(1);
            default -> Duration.ofHours(1);
        };
        Duration length = e.duration("for", usual, Duration.ofSeconds(1), LONGEST);
        KioskScenario.Event event;
        if (kind.equals(SHORT_CIRCUIT)) {
            if (!e.has("port")) {
                throw new ConfigException(file.source() + " line " + section.line(), "port", null,
                        "a port from 1 to " + kiosk.ports() + "; this key is required");
            }
            event = new KioskScenario.ShortCircuit(section.name(), at, length, (int) e.integer("port", 1, 1, kiosk.ports()),
                    (int) e.integer("current_ma", 3500, 2500, 20_000));
        } else if (kind.equals(OVERCAST)) {
            event = new KioskScenario.Overcast(section.name(), at, length, e.number("light", 0.1, 0, 1));
        } else {
            KioskScenario.Outage.What what = Arrays.stream(KioskScenario.Outage.What.values())
                    .filter(w -> w.word().equals(kind)).findFirst().orElseThrow();
            event = new KioskScenario.Outage(section.name(), at, length, what);
        }
        e.rejectUnknownKeys();
        return event;
    }

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
            throw bad(s, key, key.equals("at") ? TIME_EXPECTED : "a time of day like 06:00");
        }
    }

    /** An error naming the line, the key and the value of a key that is set. */
    private ConfigException bad(Settings s, String key, String expected) {
        for (ConfigFile.Section section : file.sections()) {
            if (sectionSettings.get(section) == s) {
                ConfigFile.Entry e = section.entries().get(key);
                if (e != null) {
                    return new ConfigException(file.source() + " line " + e.line(), key, e.value(), expected);
                }
            }
        }
        return new ConfigException(file.source(), key, null, expected);
    }

    private static List<String> eventKinds() {
        List<String> kinds = new ArrayList<>(List.of(SHORT_CIRCUIT, OVERCAST));
        for (KioskScenario.Outage.What w : KioskScenario.Outage.What.values()) {
            kinds.add(w.word());
        }
        return List.copyOf(kinds);
    }

    private static String header(ConfigFile.Section s) {
        return "[" + s.kind() + (s.name().isEmpty() ? "" : " " + s.name()) + "]";
    }
}
