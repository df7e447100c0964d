package io.waypoint.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, checked access to one process's configuration: a config file overlaid by command-line
 * options. Each getter names a key, its type, its range and its default; a value that is missing
 * (when required), of the wrong type or out of range throws a {@link ConfigException} naming where
 * it came from. After reading every key it knows, a process calls {@link #rejectUnknownKeys()} so a
 * misspelt key stops the start instead of being silently ignored.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|kB|MB|GB)?");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private record Value(String raw, String source) {}

    private final Map<String, Value> values = new LinkedHashMap<>();
    private final Set<String> known = new HashSet<>();
    /** Where a missing key should have been: the file, or the command line when there is none. */
    private final String origin;

    private Settings(String origin) {
        this.origin = origin;
    }

    /** No file: defaults and command-line options only. */
    public static Settings empty() {
        return new Settings("command line");
    }

    /** The entries of a parsed config file. */
    public static Settings of(ConfigFile file) {
        Settings s = new Settings(file.source());
        file.flat().forEach((k, e) -> s.values.put(k, new Value(e.value(), file.source() + " line " + e.line())));
        return s;
    }

    /** The entries of one named section, e.g. one {@code [rule NAME]} block, with keys unprefixed. */
    public static Settings of(ConfigFile file, ConfigFile.Section section) {
        Settings s = new Settings(file.source() + " line " + section.line());
        section.entries().forEach((k, e) -> s.values.put(k, new Value(e.value(), file.source() + " line " + e.line())));
        return s;
    }

    /** Sets (or overrides) a key from the command line; the command line wins over the file. */
    public Settings override(String key, String value) {
        values.put(key, new Value(value, "command line"));
        return this;
    }

    /** Whether the key was given at all. */
    public boolean has(String key) {
        known.add(key);
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String requiredString(String key, String expected) {
        return optional(key).orElseThrow(() -> missing(key, expected));
    }

    /** A site or node id: {@code [a-z0-9][a-z0-9-]{0,31}}. */
    public String id(String key) {
        String v = requiredString(key, "an id of 1-32 lower-case letters, digits and '-', starting with a letter or digit");
        if (!ID.matcher(v).matches()) {
            throw bad(key, "an id of 1-32 lower-case letters, digits and '-', starting with a letter or digit");
        }
        return v;
    }

    public Optional<String> optional(String key) {
        known.add(key);
        Value v = values.get(key);
        return v == null ? Optional.empty() : Optional.of(v.raw());
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> { return true; }
            case "false", "no", "off" -> { return false; }
            default -> throw bad(key, "true or false");
        }
    }

    public long integer(String key, long defaultValue, long min, long max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        long n;
        try {
            // I2C addresses are written in hex on every datasheet: 0x48
            String s = v.get().strip();
            n = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw bad(key, "a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw bad(key, "a whole number from " + min + " to " + max);
        }
        return n;
    }

    public double number(String key, double defaultValue, double min, double max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            throw bad(key, "a number from " + plain(min) + " to " + plain(max));
        }
        if (!(d >= min && d <= max)) {
            throw bad(key, "a number from " + plain(min) + " to " + plain(max));
        }
        return d;
    }

    /** A duration like {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String expected = "a duration like 30s, 5m, 2h or 7d, from " + human(min) + " to " + human(max);
        Duration d = parseDuration(v.get()).orElseThrow(() -> bad(key, expected));
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw bad(key, expected);
        }
        return d;
    }

    /** A size in bytes like {@code 64MiB}, {@code 512KiB}, {@code 1000000}. */
    public long bytes(String key, long defaultValue, long min, long max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String expected = "a size like 64MiB, 512KiB or a number of bytes, from " + min + " to " + max + " bytes";
        Matcher m = SIZE.matcher(v.get().strip());
        if (!m.matches()) {
            throw bad(key, expected);
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(key, expected);
        }
        if (n < min || n > max) {
            throw bad(key, expected);
        }
        return n;
    }

    /** One of a fixed set of words. */
    public String choice(String key, String defaultValue, String... allowed) {
        String v = string(key, defaultValue);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw bad(key, "one of " + String.join(", ", allowed));
    }

    /** An MQTT broker address: {@code tcp://host:port} or {@code ssl://host:port}. */
    public URI brokerUri(String key, String defaultValue) {
        String v = defaultValue == null ? requiredString(key, "a broker address like tcp://localhost:1883") : string(key, defaultValue);
        String expected = "a broker address like tcp://localhost:1883 or ssl://host:8883";
        try {
            URI u = new URI(v);
            if (!("tcp".equals(u.getScheme()) || "ssl".equals(u.getScheme())) || u.getHost() == null || u.getPort() < 1) {
                throw bad(key, expected);
            }
            return u;
        } catch (URISyntaxException | IllegalArgumentException e) {
            // java.net.URI throws NumberFormatException for some hosts, [::0.30000000000000004] among them
            throw bad(key, expected);
        }
    }

    /**
     * A comma-separated list of whole numbers (pins, I2C addresses: {@code 4, 5, 6} or
     * {@code 0x40, 0x41}), each from {@code min} to {@code max}, exactly {@code count} of them
     * when {@code count > 0}.
     */
    public List<Integer> integers(String key, List<Integer> defaultValue, int count, long min, long max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String expected = (count > 0 ? count + " " : "") + "comma-separated whole numbers from " + min + " to " + max;
        List<Integer> out = new ArrayList<>();
        for (String part : v.get().split(",")) {
            String s = part.strip();
            long n;
            try {
                n = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw bad(key, expected);
            }
            if (n < min || n > max) {
                throw bad(key, expected);
            }
            out.add((int) n);
        }
        if (count > 0 && out.size() != count) {
            throw bad(key, expected);
        }
        return List.copyOf(out);
    }

    /** A comma-separated list of words. */
    public List<String> words(String key, List<String> defaultValue) {
        return optional(key).map(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    public Path path(String key, Path defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Path.of(v.get());
        } catch (InvalidPathException e) {
            // a NUL from a damaged SD card, say: a line and exit code 2, not a stack trace
            throw bad(key, "a file path (this one holds a character no path may hold)");
        }
    }

    /** Fails on the first key that was given but never asked for: a typo, or a key of another process. */
    public void rejectUnknownKeys() {
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (!known.contains(e.getKey())) {
                Set<String> knownSorted = new TreeSet<>(known);
                throw new ConfigException(e.getValue().source(), e.getKey(), e.getValue().raw(),
                        "a known key; this one is unknown (known keys: " + String.join(", ", knownSorted) + ")");
            }
        }
    }

    /** The keys given, for diagnostics (values are not exposed: some are secrets). */
    public List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    /** Parses "30s", "5m", "1.5h", "250ms", "7d". */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        double n = Double.parseDouble(m.group(1));
        long unitMs = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        double ms = n * unitMs;
        if (ms > Long.MAX_VALUE / 2) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(ms)));
    }

    /** "2m", "90s", "1h30m": for messages a person reads. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder b = new StringBuilder();
        long days = s / 86_400, h = (s % 86_400) / 3_600, m = (s % 3_600) / 60, sec = s % 60;
        if (days > 0) b.append(days).append('d');
        if (h > 0) b.append(h).append('h');
        if (m > 0) b.append(m).append("min");
        if (sec > 0) b.append(sec).append('s');
        return b.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private ConfigException missing(String key, String expected) {
        return new ConfigException(origin, key, null, expected + "; this key is required");
    }

    /**
     * An error for a key whose value each check passed alone but that does not fit with the others
     * (e.g. a mode that needs another key): names where the key was given, its value (hidden for a
     * secret) and {@code expected}.
     */
    public ConfigException invalid(String key, String expected) {
        return bad(key, expected);
    }

    private ConfigException bad(String key, String expected) {
        Value v = values.get(key);
        return new ConfigException(v == null ? origin : v.source(), key, v == null ? null : v.raw(), expected);
    }
}
