package io.waypoint.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * One row of the table {@code scripts/bench} prints and writes to BENCHMARKS.md.
 *
 * <p>Every harness prints its figures to standard output as lines made by {@link #line()}; the script
 * collects those lines from each harness it runs (any other output is ignored), so harnesses stay
 * independent processes and one that fails costs only its own rows.
 *
 * @param name   what is measured, e.g. "gateway ingest"
 * @param value  the median of the runs, in {@code unit}
 * @param unit   e.g. "msg/s", "ms", "MB", "%"
 * @param target the target as written in the issue, e.g. "≥ 0.9 of mosquitto_sub"
 * @param ratio  value ÷ its anchor measured in the same run (e.g. ÷ mosquitto_sub's rate), or ÷ the target
 *               when there is no anchor; NaN when neither applies (a figure only reported)
 * @param met    whether the target is met
 * @param how    a short note: runs, load, anchor value
 */
public record Figure(String name, double value, String unit, String target, double ratio, boolean met, String how) {

    static final String PREFIX = "FIGURE\t";

    /** The line a harness prints; tabs and newlines in the text fields are replaced by spaces. */
    public String line() {
        return PREFIX + String.join("\t", clean(name), String.format(Locale.ROOT, "%.3f", value), clean(unit),
                clean(target), String.format(Locale.ROOT, "%.3f", ratio), Boolean.toString(met), clean(how));
    }

    /** The figure on a line printed by {@link #line()}, or empty for any other line. */
    public static Optional<Figure> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] f = line.substring(PREFIX.length()).split("\t", -1);
        if (f.length != 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Figure(f[0], Double.parseDouble(f[1]), f[2], f[3], Double.parseDouble(f[4]),
                    Boolean.parseBoolean(f[5]), f[6]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
