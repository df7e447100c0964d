package io.waypoint.gateway.report;

import com.github.cliftonlabs.json_simple.Jsoner;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link MonthlyReport} is printed. Every format gives the same figures under the same names
 * ({@link MonthlyReport#figures()}), in the same order; a figure without a value is empty in CSV,
 * {@code null} in JSON and {@code -} in text.
 */
public enum ReportFormat {
    /**
     * One header line {@code site,month,figure,value}, then one row per figure: a fixed set of columns
     * however many figures a later version adds, and months of several sites append into one file.
     * The period rows ({@code site}, {@code month}) are not repeated as figures.
     */
    CSV {
        @Override
        public String render(MonthlyReport r) {
            StringBuilder b = new StringBuilder("site,month,figure,value\n");
            for (Map.Entry<String, Object> f : r.figures().entrySet()) {
                if (f.getKey().equals("site") || f.getKey().equals("month")) {
                    continue;
                }
                b.append(r.site()).append(',').append(r.month()).append(',').append(f.getKey()).append(',')
                        .append(f.getValue() == null ? "" : f.getValue()).append('\n');
            }
            return b.toString();
        }
    },
    /** One JSON object, the figures as its members (numbers as numbers), on one line. */
    JSON {
        @Override
        public String render(MonthlyReport r) {
            return Jsoner.serialize(r.figures()) + "\n";
        }
    },
    /** Aligned name and value columns, for a technician's console. */
    TEXT {
        @Override
        public String render(MonthlyReport r) {
            Map<String, Object> figures = r.figures();
            int width = figures.keySet().stream().mapToInt(String::length).max().orElse(0);
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "Monthly report: %s, %s (%s)%n", r.site(), r.month(), figures.get("zone")));
            for (Map.Entry<String, Object> f : figures.entrySet()) {
                b.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", f.getKey(),
                        f.getValue() == null ? "-" : f.getValue()));
            }
            return b.toString();
        }
    };

    /** The report in this format, ending with a newline. */
    public abstract String render(MonthlyReport r);

    /** The format named {@code csv}, {@code json} or {@code text}. */
    public static ReportFormat named(String name) {
        for (ReportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("a report format is csv, json or text, was '" + name + "'");
    }

    /** Its name as given on the command line: {@code csv}, {@code json}, {@code text}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
