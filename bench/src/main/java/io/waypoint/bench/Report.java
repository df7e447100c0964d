package io.waypoint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code scripts/bench} prints and writes to BENCHMARKS.md: the figures every harness printed
 * (as a table: figure, value, target, ratio, met, how), the machine and date they were measured on,
 * the JMH results, and the notes on what the profile showed and what changed.
 *
 * <p>Usage: {@code Report --figures FILE --out FILE [--machine FILE] [--jmh FILE] [--notes FILE]
 * [--skipped FILE] [--date TEXT]}; the figures file holds any output, of which only
 * {@link Figure#line()} lines count; the machine file holds {@code key: value} lines; skipped holds
 * one line per harness that did not run, with why. The table also goes to standard output.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        if (!o.containsKey("--figures") || !o.containsKey("--out")) {
            System.err.println("Report: expected --figures FILE --out FILE [--machine FILE] [--jmh FILE] [--notes FILE] "
                    + "[--skipped FILE] [--date TEXT]");
            System.exit(2);
        }
        List<Figure> figures = figures(Files.readAllLines(Path.of(o.get("--figures")), StandardCharsets.UTF_8));
        String table = table(figures);
        System.out.print(table);
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `scripts/bench` on ").append(o.getOrDefault("--date", "(date not given)")).append(". ")
                .append("Each figure is the median of several runs; a ratio is the figure divided by its anchor measured ")
                .append("in the same run (or by the target when there is none).\n\n");
        read(o.get("--machine")).ifPresent(m -> md.append("## Machine\n\n").append(machine(m)).append('\n'));
        md.append("## Figures\n\n").append(table).append('\n');
        read(o.get("--skipped")).filter(s -> !s.isBlank())
                .ifPresent(s -> md.append("Not measured in this run:\n\n").append(bullets(s)).append('\n'));
        read(o.get("--jmh")).ifPresent(j -> md.append("## JMH (in-process hot paths)\n\n```\n").append(j.strip()).append("\n```\n\n"));
        read(o.get("--notes")).ifPresent(n -> md.append(n.strip()).append('\n'));
        Files.writeString(Path.of(o.get("--out")), md.toString(), StandardCharsets.UTF_8);
    }

    /** The figures among {@code lines}, in order; other lines are ignored. */
    static List<Figure> figures(List<String> lines) {
        List<Figure> out = new ArrayList<>();
        for (String l : lines) {
            Figure.parse(l).ifPresent(out::add);
        }
        return out;
    }

    /** A Markdown table of the figures. */
    static String table(List<Figure> figures) {
        StringBuilder b = new StringBuilder();
        b.append("| figure | value | target | ratio | met | how |\n");
        b.append("|---|---:|---|---:|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(cell(f.name()))
                    .append(" | ").append(value(f.value())).append(' ').append(cell(f.unit()))
                    .append(" | ").append(cell(f.target()))
                    .append(" | ").append(Double.isNaN(f.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f", f.ratio()))
                    .append(" | ").append(f.met() ? "yes" : "**no**")
                    .append(" | ").append(cell(f.how())).append(" |\n");
        }
        return b.toString();
    }

    /** 31,234 for large values, 12.3 for small ones, 0.125 below 1. */
    static String value(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String machine(String keyValues) {
        StringBuilder b = new StringBuilder("| | |\n|---|---|\n");
        for (String l : keyValues.split("\n")) {
            int colon = l.indexOf(':');
            if (colon > 0) {
                b.append("| ").append(cell(l.substring(0, colon).trim())).append(" | ")
                        .append(cell(l.substring(colon + 1).trim())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String bullets(String lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines.split("\n")) {
            if (!l.isBlank()) {
                b.append("- ").append(l.strip()).append('\n');
            }
        }
        return b.toString();
    }

    private static Optional<String> read(String file) throws IOException {
        if (file == null || !Files.exists(Path.of(file))) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(Path.of(file), StandardCharsets.UTF_8));
    }
}
