package io.waypoint.sim.world.kiosk;

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
 * What happens at a simulated kiosk over a run: how many people come and what they want, the sun
 * and the battery, the mobile network and the internet uplink, and the faults of the day (a
 * short circuit, cloudy days, no signal, no credit, a modem that stops answering). A scenario is a
 * value; {@link #world(Instant)} turns it into the {@link KioskWorld} the emulated devices read.
 *
 * <h2>File format</h2>
 * The well scenarios' format ({@code scenarios/normal-day.conf}, {@link ConfigFile}): the same
 * {@code [scenario]} section, times ({@code HH:MM} on day 1, {@code day N HH:MM}, UTC) and
 * durations ({@code 90s}, {@code 20m}, {@code 3h}, {@code 2d}), with the kiosk's own sections. Every
 * key has a default, so an empty file is a quiet sunny day at an 8-port kiosk. Documented for
 * people at the top of {@code scenarios/kiosk/busy-kiosk.conf}:
 * <pre>
 * [scenario] start = 06:00, days = 1 (1..60), seed = 1
 * [kiosk]    ports = 8 (1..32), people_per_day = 250, charge_share = 0.4, call_share = 0.25,
 *            wifi_share = 0.5, charge_turn = 60m, call_limit = 3m
 * [sun]      sunrise = 06:00, sunset = 18:00, panel_w = 300, clouds = 0.1 (0..0.5)
 * [battery]  capacity_ah = 100, charge = 0.9 (0..1)
 * [network]  signal_csq = 18 (0..31), registration = home|roaming, answered = 0.6 (0..1)
 * [event NAME] kind = short_circuit | overcast | no_signal | denied | no_credit | modem_silent
 *                   | modem_garbage | uplink_down (may be left out when NAME is the kind)
 *              at (required), for (short_circuit 10m, overcast 1d, the others 1h),
 *              port (short_circuit, required), current_ma = 3500 (short_circuit), light = 0.1 (overcast)
 * </pre>
 * Errors are {@link ConfigException}s naming the file, the line, the key, the value and what was
 * expected.
 *
 * @param name    the scenario's name: the bundled name, or the file name without {@code .conf}
 * @param start   the time of day (UTC) the run starts
 * @param days    the run length in days
 * @param seed    the seed of every random choice
 * @param events  in file order
 */
public record KioskScenario(String name, LocalTime start, int days, long seed, Kiosk kiosk, Sun sun, Battery battery,
                            Network network, List<Event> events) {

    /** The kiosk scenarios shipped in {@code hal-sim} (under {@code scenarios/kiosk/}), loadable by name. */
    public static final List<String> BUNDLED = List.of("busy-kiosk", "power-outage", "modem-trouble");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public KioskScenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(kiosk, "kiosk");
        Objects.requireNonNull(sun, "sun");
        Objects.requireNonNull(battery, "battery");
        Objects.requireNonNull(network, "network");
        events = List.copyOf(events);
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
    }

    /**
     * The kiosk and the people who use it.
     *
     * @param ports        charging ports, numbered 1.. as labelled on the kiosk
     * @param peoplePerDay people who come on an average day
     * @param chargeShare  share of them who want a phone charged
     * @param callShare    share who want the free call
     * @param wifiShare    share who join the Wi-Fi
     * @param chargeTurn   the kiosk's charging turn: people come back for their phone about then
     * @param callLimit    the kiosk's call limit: the world plans the queue at the phone with it
     */
    public record Kiosk(int ports, int peoplePerDay, double chargeShare, double callShare, double wifiShare,
                        Duration chargeTurn, Duration callLimit) {}

    /**
     * The sun and the panel.
     *
     * @param sunrise UTC time of day the sun rises
     * @param sunset  UTC time of day it sets, after sunrise
     * @param panelW  the panel's rated watts (at 1000 W/m²)
     * @param clouds  the mean share of light that passing clouds take, 0 to 0.5
     */
    public record Sun(LocalTime sunrise, LocalTime sunset, double panelW, double clouds) {}

    /**
     * The 12 V lead-acid battery.
     *
     * @param capacityAh its capacity, Ah
     * @param charge     its state of charge at the start, 0 (empty) to 1 (full)
     */
    public record Battery(double capacityAh, double charge) {}

    /**
     * The mobile network on a good day.
     *
     * @param signalCsq    the usual signal, AT+CSQ 0..31 (it wanders a few steps around it)
     * @param registration home or roaming
     * @param answered     share of ordinary call attempts that are answered (field notes: about 60 %)
     */
    public record Network(int signalCsq, Registration registration, double answered) {}

    /** Something that happens during the run, from {@code at} (an offset from the start) for {@code length}. */
    public sealed interface Event permits ShortCircuit, Overcast, Outage {
        String name();

        Duration at();

        Duration length();
    }

    /**
     * Someone plugs a phone with a damaged cable into {@code port} at {@code at} and presses its
     * button; while powered it draws {@code currentMa}, far above any phone, until they unplug it
     * {@code length} later. Nobody else uses that port meanwhile.
     */
    public record ShortCircuit(String name, Duration at, Duration length, int port, int currentMa) implements Event {}

    /** A cloudy stretch: the sun gives only {@code light} (a share, 0..1) of what it would. */
    public record Overcast(String name, Duration at, Duration length, double light) implements Event {}

    /** A stretch in which the network, the modem or the uplink fails in the way {@code what} says. */
    public record Outage(String name, Duration at, Duration length, What what) implements Event {
        /** What fails, by its name in a scenario file. */
        public enum What {
            /** No signal at all: CSQ 99, the modem searching; no call goes through, not even 112. */
            NO_SIGNAL("no_signal"),
            /** Signal, but the network refuses the SIM: only emergency calls go through. */
            DENIED("denied"),
            /** The SIM's credit has run out: the operator refuses every call but emergency ones. */
            NO_CREDIT("no_credit"),
            /** The modem stops answering AT commands altogether. */
            MODEM_SILENT("modem_silent"),
            /** The modem answers with garbage bytes (a bad cable, a wrong baud rate). */
            MODEM_GARBAGE("modem_garbage"),
            /** The site's internet uplink is down: Wi-Fi clients can join but reach nothing. */
            UPLINK_DOWN("uplink_down");

            private final String word;

            What(String word) {
                this.word = word;
            }

            /** The kind's name in a scenario file. */
            public String word() {
                return word;
            }
        }
    }

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
     * {@code now}, so every simulated timestamp of the run lies in the real clock's past (as for a
     * well scenario: a gateway refuses timestamps far ahead of it).
     */
    public Instant latestStartBefore(Instant now) {
        Instant latestStart = now.minus(length());
        Instant candidate = startOn(LocalDate.ofInstant(latestStart, ZoneOffset.UTC));
        return candidate.isAfter(latestStart) ? candidate.minus(Duration.ofDays(1)) : candidate;
    }

    /** The world of this scenario, with its run starting at {@code start}. */
    public KioskWorld world(Instant start) {
        return new KioskWorld(this, start);
    }

    /**
     * A bundled kiosk scenario by name ({@link #BUNDLED}), or a scenario file by path (anything with
     * a {@code /} or ending in {@code .conf}).
     *
     * @throws ConfigException for an unknown name, a missing file, or an error in the file
     */
    public static KioskScenario load(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "nameOrPath");
        if (nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".conf")) {
            Path path = Path.of(nameOrPath);
            String file = path.getFileName().toString();
            String name = file.endsWith(".conf") ? file.substring(0, file.length() - 5) : file;
            return KioskScenarioReader.read(name, ConfigFile.read(path));
        }
        if (!BUNDLED.contains(nameOrPath)) {
            throw new ConfigException("scenario", "scenario", nameOrPath,
                    "one of " + String.join(", ", BUNDLED) + ", or the path of a kiosk scenario file ending in .conf");
        }
        String resource = "/scenarios/kiosk/" + nameOrPath + ".conf";
        try (InputStream in = KioskScenario.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + resource);
            }
            return parse(nameOrPath, nameOrPath + ".conf (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses kiosk scenario text.
     *
     * @param name   the scenario's name
     * @param source names the text in errors
     * @throws ConfigException when the text is wrong
     */
    public static KioskScenario parse(String name, String source, String text) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a scenario name is lower-case letters, digits and '-', was " + name);
        }
        return KioskScenarioReader.read(name, ConfigFile.parse(source, text));
    }
}
