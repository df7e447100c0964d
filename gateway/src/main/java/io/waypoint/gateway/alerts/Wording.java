package io.waypoint.gateway.alerts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How numbers, durations and units read in messages for people, and message templates. */
final class Wording {
    static final Set<String> PLACEHOLDERS = Set.of("site", "node", "rule", "metric", "label", "value", "threshold", "for",
            "percent", "reference", "reason");
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private Wording() {
    }

    /**
     * 7.2000001 → "7.2", 12.0 → "12", 11.95 → "11.95", 0.0004 → "0.0004": at most 2 decimals, 2
     * significant digits when smaller; from 10,000 on, thousands are grouped ("100,000 L") so a
     * litre count reads at a glance.
     */
    static String number(double d) {
        if (d == 0 || !Double.isFinite(d)) {
            return d == 0 ? "0" : Double.toString(d);
        }
        BigDecimal b = new BigDecimal(d).setScale(2, RoundingMode.HALF_UP);
        if (b.signum() == 0) {
            b = new BigDecimal(d).round(new MathContext(2, RoundingMode.HALF_UP));
        }
        b = b.stripTrailingZeros();
        if (b.signum() == 0) {
            return "0";
        }
        String plain = b.toPlainString();
        return b.abs().compareTo(TEN_THOUSAND) < 0 ? plain : grouped(plain);
    }

    /**
     * 0.58 → "58 %", 0.925 → "92 %", 0.004 → "0.4 %": a ratio as people say it, in whole percent
     * rounded down, so that a flow of 69.7 % of its usual, judged below 70 %, does not read "70 %".
     */
    static String percent(double ratio) {
        double p = ratio * 100;
        return (Math.abs(p) < 1 && p != 0 ? number(p) : number(Math.floor(p + 1e-9))) + " %";
    }

    private static String grouped(String plain) {
        int sign = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder b = new StringBuilder(plain.substring(end));
        for (int i = end; i > sign; i -= 3) {
            b.insert(0, plain.substring(Math.max(sign, i - 3), i));
            if (i - 3 > sign) {
                b.insert(0, ',');
            }
        }
        return plain.substring(0, sign) + b;
    }

    /** 2 min, 10 min, 6 h, 1 h 30 min, 45 s, 1 d 2 h, 250 ms. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = ms / 1000;
        long[] parts = {s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60};
        String[] units = {"d", "h", "min", "s"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                b.append(b.length() == 0 ? "" : " ").append(parts[i]).append(' ').append(units[i]);
            }
        }
        return b.toString();
    }

    /**
     * The unit a metric's name carries, with a leading space: {@code turbidity_ntu.avg} → " NTU",
     * {@code power.battery_v} → " V", {@code flow_lpm.avg} → " L/min", {@code litres} → " L"; "" when unknown.
     */
    static String unit(String metric) {
        String[] path = metric.split("\\.");
        for (int i = path.length - 1; i >= 0; i--) {
            String seg = path[i];
            int us = seg.lastIndexOf('_');
            String u = us >= 0 ? switch (seg.substring(us + 1)) {
                case "ntu" -> " NTU";
                case "v" -> " V";
                case "w" -> " W";
                case "wh" -> " Wh";
                case "lpm" -> " L/min";
                case "litres" -> " L";
                case "s" -> " s";
                case "mb" -> " MB";
                default -> null;
            } : switch (seg) {
                case "litres" -> " L";
                case "seconds" -> " s";
                case "wh" -> " Wh";
                default -> null;
            };
            if (u != null) {
                return u;
            }
        }
        return "";
    }

    /** The first placeholder of the template that is not one of {@link #PLACEHOLDERS}, or null. */
    static String unknownPlaceholder(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                return m.group();
            }
        }
        return null;
    }

    /** Replaces each {name} by its value; a placeholder without a value becomes "". */
    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v == null ? (PLACEHOLDERS.contains(m.group(1)) ? "" : m.group()) : v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
