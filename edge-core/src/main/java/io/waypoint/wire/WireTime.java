package io.waypoint.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Instants on the wire: ISO-8601, written always in UTC with exactly three fraction digits
 * ({@code 2026-11-27T12:40:00.123Z}), read with {@code Z} or any offset.
 */
public final class WireTime {
    private static final DateTimeFormatter WRITER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /** {@code t} in UTC with milliseconds; finer precision is truncated, not rounded. */
    public static String format(Instant t) {
        return WRITER.format(Objects.requireNonNull(t, "t"));
    }

    /**
     * The instant {@code text} names, converted to UTC, or empty when {@code text} is null or not an
     * ISO-8601 date-time with {@code Z} or an offset (a local time without offset is not an instant).
     * Never throws.
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Instant canonical = parseCanonical(text);
        if (canonical != null) {
            return Optional.of(canonical);
        }
        try {
            return Optional.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * What nodes send, {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z}, read without the general formatter: it is
     * parsed for every message the gateway receives. Null when {@code s} has another shape or an
     * impossible field (the general parser then has the last word).
     */
    private static Instant parseCanonical(String s) {
        int n = s.length();
        if ((n != 20 && n != 24) || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z'
                || (n == 24 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int milli = n == 24 ? digits(s, 20, 3) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || milli < 0 || day > lengthOfMonth(year, month)) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, milli * 1_000_000L);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }
}
