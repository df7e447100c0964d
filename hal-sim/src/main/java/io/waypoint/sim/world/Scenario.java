package io.waypoint.sim.world;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What happens at a simulated well over a run: how many people come, when it rains, how fast the
 * filter clogs, when the turbidity sensor fails. A scenario is a value; {@link #world(Instant)}
 * turns it into the {@link WellWorld} the emulated devices read, anchored at a start instant.
 *
 * <h2>File format</h2>
 * The project's config format ({@link ConfigFile}): {@code key = value} lines, {@code #} comments,
 * sections. Every key has a default, so an empty file is a quiet day at a small well. Times of day
 * are UTC (the time on the wire) and written {@code HH:MM} for day 1, the day the scenario starts,
 * or {@code day N HH:MM} for a later (or, with 0 or less, an earlier) day. Durations are written
 * {@code 90s}, {@code 20m}, {@code 3h}, {@code 2d}.
 * <pre>
 * [scenario]
 * start = 06:00            time of day the run starts (default 06:00)
 * days  = 1                run length in days, 1..60 (default 1)
 * seed  = 7                seed of every random choice: same scenario and seed, same world (default 1)
 *
 * [well]
 * base_ntu         = 0.4   turbidity of the water on a dry day, NTU (default 0.4)
 * tap_lpm          = 14    flow of a fully open tap through a clean filter, L/min (default 14)
 * people_per_day   = 300   people fetching water in a day (default 300)
 * litres_per_person = 15   what each takes a day, L (default 15, Sphere)
 * container_litres = 20    what one draw fills, L (default 20)
 *
 * [filter]
 * clog_per_day = 0.05      fraction of the clean flow lost per day of use (default 0: never clogs)
 *
 * [sensor]                 the turbidity sensor; each fault is optional
 * drift_per_day = 0.1      NTU the reading gains per day since the start (an unwiped window)
 * stuck_at      = 14:00    from then on it reads what it read at that moment ...
 * stuck_for     = 2h       ... for this long (default: for ever)
 * unplugged_at  = 10:00    from then on it gives no signal ...
 * unplugged_for = 20m      ... for this long (default: for ever)
 *
 * [event NAME]             any number of events; NAME is free (lower case, digits, '_', '-', '.')
 * kind     = rain          rain | backwash | steady_flow; may be left out when NAME is the kind ([event rain])
 * at       = 06:15         when it starts
 * peak_ntu = 8             rain: turbidity at its peak, base included (above base_ntu)
 * rise     = 10m           rain: time from the start of the rain to the peak
 * decay    = 2h            rain: time from the peak until 95 % of the excess has gone (exponential)
 * lpm      = 33.3          steady_flow: the flow through the meter, L/min (0.5..100)
 * for      = 1h            steady_flow: how long it runs (default 1h)
 * </pre>
 * A backwash (or a new cartridge) gives the filter back its clean flow; clogging starts again from
 * there. A steady flow (a tank filled through the meter, a hose left open) runs at exactly its
 * {@code lpm} for its length, instead of the people's draws: what a benchmark of pulse counting
 * needs (33.3 L/min is 250 Hz on a YF-S201). Unknown sections or keys, wrong types and out-of-range values are {@link ConfigException}s
 * naming the file, the line, the key, the value and what was expected.
 *
 * @param name   the scenario's name: the bundled name, or the file name without {@code .conf}
 * @param start  the time of day (UTC) the run starts
 * @param days   the run length in days
 * @param seed   the seed of every random choice
 * @param events in file order
 */
public record Scenario(String name, LocalTime start, int days, long seed, Well well, Filter filter, Sensor sensor,
                       List<Event> events) {

    /** The scenarios shipped in {@code hal-sim}, loadable by name. */
    public static final List<String> BUNDLED = List.of("normal-day", "turbid-after-rain", "clogging-filter", "sensor-fault");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(well, "well");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sensor, "sensor");
        events = List.copyOf(events);
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
    }

    /**
     * The well itself.
     *
     * @param baseNtu         turbidity on a dry day, NTU
     * @param tapLpm          flow of a fully open tap through a clean filter, L/min
     * @param peoplePerDay    people fetching water a day
     * @param litresPerPerson what each takes a day, L
     * @param containerLitres what one draw fills, L
     */
    public record Well(double baseNtu, double tapLpm, int peoplePerDay, double litresPerPerson, double containerLitres) {
        /** The litres people want from the well on an average day. */
        public double litresPerDay() {
            return peoplePerDay * litresPerPerson;
        }
    }

    /** @param clogPerDay fraction of the clean flow the filter loses per day of use */
    public record Filter(double clogPerDay) {}

    /**
     * The turbidity sensor's faults, offsets from the scenario's start.
     *
     * @param driftPerDay NTU the reading gains per day since the start; 0: no drift
     * @param stuck       when it is stuck, or null
     * @param unplugged   when it is unplugged, or null
     */
    public record Sensor(double driftPerDay, Window stuck, Window unplugged) {}

    /**
     * A stretch of the run.
     *
     * @param from   its start, as an offset from the scenario's start (negative: before it)
     * @param length how long it lasts, or null for the rest of time
     */
    public record Window(Duration from, Duration length) {
        public Window {
            Objects.requireNonNull(from, "from");
        }

        boolean contains(Duration offset) {
            return offset.compareTo(from) >= 0 && (length == null || offset.compareTo(from.plus(length)) < 0);
        }
    }

    /** Something that happens once during the run; {@code at} is an offset from the scenario's start. */
    public sealed interface Event permits Rain, Backwash, SteadyFlow {
        String name();

        Duration at();
    }

    /**
     * Rain that washes soil into the well: turbidity rises smoothly from the base to {@code peakNtu}
     * over {@code rise}, then its excess falls exponentially, 95 % gone after {@code decay}.
     */
    public record Rain(String name, Duration at, double peakNtu, Duration rise, Duration decay) implements Event {}

    /** The filter is backwashed (or its cartridge replaced): it flows as when clean again. */
    public record Backwash(String name, Duration at) implements Event {}

    /** Water runs through the meter at exactly {@code lpm} from {@code at} for {@code length}, whoever else comes. */
    public record SteadyFlow(String name, Duration at, double lpm, Duration length) implements Event {}

    /** The run's length: {@code days} days. */
    public Duration length() {
        return Duration.ofDays(days);
    }

    /** The instant this scenario starts on {@code day} (UTC). */
    public Instant startOn(LocalDate day) {
        return day.atTime(start).toInstant(ZoneOffset.UTC);
    }

    /**
     * The latest start (at the scenario's time of day) whose whole run ends no later than
     * {@code now}: anchoring there keeps every simulated timestamp of the run in the real clock's
     * past, which a gateway accepts; it refuses timestamps more than a day ahead of it.
     */
    public Instant latestStartBefore(Instant now) {
        Instant latestStart = now.minus(length());
        Instant candidate = startOn(LocalDate.ofInstant(latestStart, ZoneOffset.UTC));
        return candidate.isAfter(latestStart) ? candidate.minus(Duration.ofDays(1)) : candidate;
    }

    /** The world of this scenario, with its run starting at {@code start}. */
    public WellWorld world(Instant start) {
        return new WellWorld(this, start);
    }

    /**
     * A bundled scenario by name ({@link #BUNDLED}), or a scenario file by path (anything with a
     * {@code /} or ending in {@code .conf}).
     *
     * @throws ConfigException for an unknown name, a missing file, or an error in the file
     */
    public static Scenario load(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        if (nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".conf")) {
            Path path = Path.of(nameOrPath);
            String file = path.getFileName().toString();
            String name = file.endsWith(".conf") ? file.substring(0, file.length() - 5) : file;
            return ScenarioReader.read(name, ConfigFile.read(path));
        }
        if (!BUNDLED.contains(nameOrPath)) {
            throw new ConfigException("scenario", "scenario", nameOrPath,
                    "one of " + String.join(", ", BUNDLED) + ", or the path of a scenario file ending in .conf");
        }
        String resource = "/scenarios/" + nameOrPath + ".conf";
        try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + resource);
            }
            return parse(nameOrPath, nameOrPath + ".conf (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses scenario text.
     *
     * @param name   the scenario's name
     * @param source names the text in errors
     * @throws ConfigException when the text is wrong
     */
    public static Scenario parse(String name, String source, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a scenario name is lower-case letters, digits and '-', was " + name);
        }
        return ScenarioReader.read(name, ConfigFile.parse(source, text));
    }
}
