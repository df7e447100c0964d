package io.waypoint.gateway.alerts;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;
import io.waypoint.wire.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alert rules of a gateway, read from a rules file of {@code [rule NAME]} sections (the
 * {@link ConfigFile} format). Each section has {@code kind} (threshold, rate, stuck, missing, label,
 * offline, baseline), the common keys {@code severity} (info|warning|critical, default warning),
 * {@code message}, {@code nodes} (comma-separated globs, default all) and {@code escalate_after}
 * (a duration, or {@code never}; default 30m), and the keys of its kind:
 * <pre>
 * threshold  metric, above = X | below = X, for (0), clear_below | clear_above (the threshold),
 *            clear_for (0), sensor (false), of (none: a metric to divide by, the rule then judges the ratio),
 *            unknown (none: the value a node sends when it could not measure, e.g. 99 for AT+CSQ; not judged)
 * rate       metric, rise_per_min and/or fall_per_min, for (0), clear_for (0), sensor (false)
 * stuck      metric, for, tolerance (0), sensor (false)
 * missing    metric, for, sensor (false)
 * label      label, not = X | equals = X | prefix = X (each may list several: not = home, roaming),
 *            for (0), clear_for (0), message.REASON (a message for one reason: the label's text after
 *            "fault:", or the whole text; e.g. message.no_credit)
 * offline    for (2m)
 * baseline   metric, below = fraction, clear_above (below), hours (all day: HH:MM-HH:MM), zone (UTC),
 *            recent (3h, whole hours), days (7), min_history (3d), min_samples (10),
 *            only_above (0), for (0), clear_for (0)
 * </pre>
 * Any error (unknown key, bad value, missing key, bad kind or name) is a {@link ConfigException}
 * naming the file, the line, the key, the value and what was expected.
 */
public final class RuleBook {
    /** The classpath resource holding the shipped rules. */
    public static final String DEFAULT_RESOURCE = "/default-rules.conf";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,40}");
    private static final Pattern METRIC = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final Pattern GLOB = Pattern.compile("[a-z0-9*?-]{1,64}");
    private static final String[] KINDS = {"threshold", "rate", "stuck", "missing", "label", "offline", "baseline"};
    private static final Pattern REASON = Pattern.compile("[a-z0-9_-]+");
    private static final String REASON_MESSAGE = "message.";
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final Duration MAX_HOLD = Duration.ofDays(30);
    private static final Duration DEFAULT_ESCALATE = Duration.ofMinutes(30);
    private static final Duration DEFAULT_OFFLINE_FOR = Duration.ofMinutes(2);
    private static final double BIG = 1e9;

    private final String source;
    private final Map<String, Rule> rules;

    private RuleBook(String source, Map<String, Rule> rules) {
        this.source = source;
        this.rules = rules;
    }

    /** Reads a rules file. @throws ConfigException when it is missing, unreadable or wrong */
    public static RuleBook load(Path file) {
        return of(ConfigFile.read(file));
    }

    /** Parses rules text; {@code source} names it in errors. @throws ConfigException when it is wrong */
    public static RuleBook parse(String source, String text) {
        return of(ConfigFile.parse(source, text));
    }

    /** Parses a rules file's bytes as {@link #load} does (UTF-8 or refused). @throws ConfigException when it is wrong */
    public static RuleBook parse(String source, byte[] bytes) {
        return of(ConfigFile.parse(source, bytes));
    }

    /** The rules shipped with the gateway ({@code default-rules.conf} on the class path). */
    public static RuleBook defaults() {
        try (InputStream in = RuleBook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the class path lacks " + DEFAULT_RESOURCE);
            }
            return parse("default-rules.conf (built in)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule in file order. */
    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    /** The rule of that name, if any. */
    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    /** Where the rules came from: a path, or "default-rules.conf (built in)". */
    public String source() {
        return source;
    }

    private static RuleBook of(ConfigFile file) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (ConfigFile.Section section : file.sections()) {
            if (section.kind().isEmpty()) {
                section.entries().values().stream().findFirst().ifPresent(e -> {
                    throw new ConfigException(file.source() + " line " + e.line(), e.key(), e.value(),
                            "keys inside a [rule NAME] section; this one comes before any section");
                });
                continue;
            }
            String header = "[" + section.kind() + (section.name().isEmpty() ? "" : " " + section.name()) + "]";
            String where = file.source() + " line " + section.line();
            if (!section.kind().equals("rule") || section.name().isEmpty()) {
                throw new ConfigException(where, "(section)", header, "a [rule NAME] section");
            }
            if (!NAME.matcher(section.name()).matches()) {
                throw new ConfigException(where, "(section)", header, "a rule name of 1-40 lower-case letters, digits and '_'");
            }
            rules.put(section.name(), rule(file, section));
        }
        return new RuleBook(file.source(), rules);
    }

    private static Rule rule(ConfigFile file, ConfigFile.Section section) {
        Settings s = Settings.of(file, section);
        Read r = new Read(file, section, s);
        String kind = s.requiredString("kind", "one of " + String.join(", ", KINDS));
        if (!Arrays.asList(KINDS).contains(kind)) {
            throw r.error("kind", "one of " + String.join(", ", KINDS));
        }
        Severity severity = Severity.fromWire(s.choice("severity", "warning", "info", "warning", "critical"));
        Duration escalate = "never".equals(s.optional("escalate_after").orElse(null)) ? null
                : s.duration("escalate_after", DEFAULT_ESCALATE, Duration.ofMinutes(1), MAX_HOLD);
        List<String> nodes = r.nodes();
        String name = section.name();
        Rule rule = switch (kind) {
            case "threshold" -> {
                String metric = r.metric("metric");
                Double above = r.optionalNumber("above");
                Double below = r.optionalNumber("below");
                if (above != null && below != null) {
                    throw r.error("below", "either above or below, not both (above is set too)");
                }
                if (above == null && below == null) {
                    throw r.missing("above", "above = X or below = X");
                }
                Rule.Direction dir = above != null ? Rule.Direction.ABOVE : Rule.Direction.BELOW;
                double limit = above != null ? above : below;
                String clearKey = dir == Rule.Direction.ABOVE ? "clear_below" : "clear_above";
                String otherKey = dir == Rule.Direction.ABOVE ? "clear_above" : "clear_below";
                if (s.has(otherKey)) {
                    throw r.error(otherKey, (dir == Rule.Direction.ABOVE ? "clear_below with above" : "clear_above with below")
                            + "; " + otherKey + " goes with " + (dir == Rule.Direction.ABOVE ? "below" : "above"));
                }
                Double clear = r.optionalNumber(clearKey);
                if (clear != null && (dir == Rule.Direction.ABOVE ? clear > limit : clear < limit)) {
                    throw r.error(clearKey, "a number at or " + (dir == Rule.Direction.ABOVE ? "below" : "above")
                            + " the threshold " + Wording.number(limit));
                }
                Duration holdFor = r.duration("for", Duration.ZERO);
                Duration clearFor = r.duration("clear_for", Duration.ZERO);
                boolean sensor = s.bool("sensor", false);
                String of = s.has("of") ? r.metric("of") : null;
                Double unknown = r.optionalNumber("unknown");
                String unit = Wording.unit(metric);
                String side = dir == Rule.Direction.ABOVE ? "above" : "below";
                String message = r.message(of == null
                        ? metric + " at {site}/{node} is {value}" + unit + " " + side + " {threshold}" + unit
                                + (holdFor.isZero() ? "" : " for {for}")
                        : metric + " at {site}/{node} is {percent} of " + of + " {reference}" + unit + ", " + side
                                + " {threshold}" + (holdFor.isZero() ? "" : " for {for}"));
                yield new Rule.Threshold(new Rule.Common(name, severity, message, nodes, escalate), metric, dir, limit,
                        clear == null ? limit : clear, holdFor, clearFor, sensor, of, unknown);
            }
            case "rate" -> {
                String metric = r.metric("metric");
                Double rise = r.optionalPositive("rise_per_min");
                Double fall = r.optionalPositive("fall_per_min");
                if (rise == null && fall == null) {
                    throw r.missing("rise_per_min", "rise_per_min = X and/or fall_per_min = X");
                }
                Duration holdFor = r.duration("for", Duration.ZERO);
                Duration clearFor = r.duration("clear_for", Duration.ZERO);
                boolean sensor = s.bool("sensor", false);
                String unit = Wording.unit(metric);
                String message = r.message(metric + " at {site}/{node} changed by {value}" + unit
                        + " per min, beyond {threshold}" + unit + " per min");
                yield new Rule.Rate(new Rule.Common(name, severity, message, nodes, escalate), metric, rise, fall,
                        holdFor, clearFor, sensor);
            }
            case "stuck" -> {
                String metric = r.metric("metric");
                double tolerance = s.number("tolerance", 0, 0, BIG);
                Duration holdFor = r.requiredDuration("for", Duration.ofMinutes(1));
                boolean sensor = s.bool("sensor", false);
                String message = r.message(metric + " at {site}/{node} stuck at {value}" + Wording.unit(metric)
                        + " for {for}: check the sensor");
                yield new Rule.Stuck(new Rule.Common(name, severity, message, nodes, escalate), metric, tolerance, holdFor, sensor);
            }
            case "missing" -> {
                String metric = r.metric("metric");
                Duration holdFor = r.requiredDuration("for", Duration.ZERO);
                boolean sensor = s.bool("sensor", false);
                String message = r.message(metric + " missing from the telemetry of {site}/{node} for {for}");
                yield new Rule.Missing(new Rule.Common(name, severity, message, nodes, escalate), metric, holdFor, sensor);
            }
            case "label" -> {
                String label = r.metric("label");
                List<Rule.LabelMatch> matches = new ArrayList<>();
                for (Rule.LabelMatch.Op op : Rule.LabelMatch.Op.values()) {
                    String key = op.name().toLowerCase(java.util.Locale.ROOT);
                    s.optional(key).ifPresent(v -> {
                        if (!matches.isEmpty()) {
                            throw r.error(key, "one of not, equals or prefix; " + matches.get(0).op().name().toLowerCase(java.util.Locale.ROOT) + " is set too");
                        }
                        List<String> texts = Arrays.stream(v.split(",", -1)).map(String::strip).toList();
                        if (texts.stream().anyMatch(String::isEmpty)) {
                            throw r.error(key, "a label text to compare with, or several separated by commas");
                        }
                        matches.add(new Rule.LabelMatch(op, texts));
                    });
                }
                if (matches.isEmpty()) {
                    throw r.missing("not", "not = X, equals = X or prefix = X");
                }
                Duration holdFor = r.duration("for", Duration.ZERO);
                Duration clearFor = r.duration("clear_for", Duration.ZERO);
                String message = r.message(label + " at {site}/{node} is {value}" + (holdFor.isZero() ? "" : " for {for}"));
                yield new Rule.Label(new Rule.Common(name, severity, message, nodes, escalate), label, matches.get(0), holdFor,
                        clearFor, r.reasonMessages());
            }
            case "baseline" -> {
                String metric = r.metric("metric");
                if (!s.has("below")) {
                    throw r.missing("below", "a fraction of the usual value, like 0.7");
                }
                double below = s.number("below", 0, 0, 1);
                if (!(below > 0 && below < 1)) {
                    throw r.error("below", "a fraction of the usual value between 0 and 1, like 0.7");
                }
                double clearAbove = s.number("clear_above", below, 0, 100);
                if (clearAbove < below) {
                    throw r.error("clear_above", "a fraction at or above below = " + Wording.number(below));
                }
                Rule.Hours hours = r.hours();
                Duration recent = s.duration("recent", Duration.ofHours(3), Duration.ofHours(1), Duration.ofHours(24));
                if (recent.toMinutes() % 60 != 0) {
                    throw r.error("recent", "whole hours, like 3h");
                }
                int days = (int) s.integer("days", 7, 1, 30);
                Duration minHistory = s.duration("min_history", Duration.ofDays(3), Duration.ZERO, MAX_HOLD);
                int minSamples = (int) s.integer("min_samples", 10, 1, 100_000);
                double activeAbove = s.number("only_above", 0, -BIG, BIG);
                Duration holdFor = r.duration("for", Duration.ZERO);
                Duration clearFor = r.duration("clear_for", Duration.ZERO);
                String unit = Wording.unit(metric);
                String message = r.message(metric + " at {site}/{node} is {value}" + unit + ", {percent} of its "
                        + days + "-day usual {reference}" + unit + ", below {threshold}");
                yield new Rule.Baseline(new Rule.Common(name, severity, message, nodes, escalate), metric, activeAbove,
                        hours, recent, days, minHistory, minSamples, below, clearAbove, holdFor, clearFor);
            }
            default -> {
                Duration holdFor = r.duration("for", DEFAULT_OFFLINE_FOR);
                String message = r.message("{node} at {site} offline" + (holdFor.isZero() ? "" : " for {for}"));
                yield new Rule.Offline(new Rule.Common(name, severity, message, nodes, escalate), holdFor);
            }
        };
        s.rejectUnknownKeys();
        return rule;
    }

    /** Reading one section, with errors that name the line of the key. */
    private record Read(ConfigFile file, ConfigFile.Section section, Settings s) {
        ConfigException error(String key, String expected) {
            ConfigFile.Entry e = section.entries().get(key);
            return e == null ? missing(key, expected)
                    : new ConfigException(file.source() + " line " + e.line(), key, e.value(), expected);
        }

        ConfigException missing(String key, String expected) {
            return new ConfigException(file.source() + " line " + section.line(),
                    key, null, expected + "; this key is required");
        }

        String metric(String key) {
            String v = s.optional(key).orElseThrow(() -> missing(key, "a metric name like turbidity_ntu.avg"));
            if (!METRIC.matcher(v).matches()) {
                throw error(key, "a metric name of lower-case letters, digits and '_', dotted like turbidity_ntu.avg");
            }
            return v;
        }

        Double optionalNumber(String key) {
            return s.has(key) ? s.number(key, 0, -BIG, BIG) : null;
        }

        Double optionalPositive(String key) {
            if (!s.has(key)) {
                return null;
            }
            double d = s.number(key, 0, 0, BIG);
            if (d <= 0) {
                throw error(key, "a number above 0");
            }
            return d;
        }

        Duration duration(String key, Duration defaultValue) {
            return s.duration(key, defaultValue, Duration.ZERO, MAX_HOLD);
        }

        Duration requiredDuration(String key, Duration min) {
            if (!s.has(key)) {
                throw missing(key, "a duration like 30s, 5m, 2h or 7d");
            }
            return s.duration(key, null, min, MAX_HOLD);
        }

        /** {@code hours = 07:00-19:00} in {@code zone} (UTC by default); "24:00" ends at midnight. */
        Rule.Hours hours() {
            ZoneId zone;
            String z = s.string("zone", "UTC");
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw error("zone", "a time zone like UTC, America/Mexico_City or +02:00");
            }
            Optional<String> v = s.optional("hours");
            if (v.isEmpty()) {
                return new Rule.Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, zone);
            }
            String expected = "hours of the day like 07:00-19:00 (across midnight: 22:00-06:00)";
            Matcher m = HOURS.matcher(v.get().strip());
            if (!m.matches()) {
                throw error("hours", expected);
            }
            try {
                return new Rule.Hours(time(m.group(1)), time(m.group(2)), zone);
            } catch (DateTimeException e) {
                throw error("hours", expected);
            }
        }

        private static LocalTime time(String hhmm) {
            String t = hhmm.length() == 4 ? "0" + hhmm : hhmm;
            return t.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(t);
        }

        List<String> nodes() {
            Optional<String> v = s.optional("nodes");
            if (v.isEmpty()) {
                return List.of();
            }
            List<String> globs = new ArrayList<>();
            for (String g : v.get().split(",")) {
                String glob = g.strip();
                if (!GLOB.matcher(glob).matches()) {
                    throw error("nodes", "comma-separated node names or globs like well-* (lower-case letters, digits, '-', '*', '?')");
                }
                globs.add(glob);
            }
            return globs;
        }

        String message(String defaultTemplate) {
            return template("message", s.string("message", defaultTemplate));
        }

        /** The {@code message.REASON} keys of a label rule: templates by reason. */
        Map<String, String> reasonMessages() {
            Map<String, String> byReason = new LinkedHashMap<>();
            for (String key : s.keys()) {
                if (key.startsWith(REASON_MESSAGE)) {
                    String reason = key.substring(REASON_MESSAGE.length());
                    if (!REASON.matcher(reason).matches()) {
                        throw error(key, "a key message.REASON with a reason of lower-case letters, digits, '_' and '-', like message.no_credit");
                    }
                    byReason.put(reason, template(key, s.string(key, "")));
                }
            }
            return byReason;
        }

        private String template(String key, String m) {
            if (m.isBlank()) {
                throw error(key, "a sentence for staff");
            }
            String unknown = Wording.unknownPlaceholder(m);
            if (unknown != null) {
                throw error(key, "placeholders among {site} {node} {rule} {metric} {label} {value} {threshold} {for}"
                        + " {percent} {reference} {reason}; "
                        + unknown + " is not one");
            }
            return m;
        }
    }
}
