package io.waypoint.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
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

    /** 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years the fast writer handles (four digits, no sign). */
    private static final long FAST_FROM = -30_610_224_000L;
    private static final long FAST_TO = 253_402_300_799L;

    /** {@code t} in UTC with milliseconds; finer precision is truncated, not rounded. */
    public static String format(Instant t) {
        long s = Objects.requireNonNull(t, "t").getEpochSecond();
        return s < FAST_FROM || s > FAST_TO ? WRITER.format(t) : text(s, t.getNano() / 1_000_000, 3);
    }

    /**
     * Exactly {@link Instant#toString()} (UTC, the fraction in as many groups of three digits as it needs,
     * none for a whole second), written without the general formatter: the gateway's store writes
     * instants this way for every message, and {@code Instant.toString} was a third of its store thread.
     */
    public static String isoInstant(Instant t) {
        long s = t.getEpochSecond();
        if (s < FAST_FROM || s > FAST_TO) {
            return t.toString();
        }
        int nano = t.getNano();
        if (nano == 0) {
            return text(s, 0, 0);
        }
        return nano % 1_000_000 == 0 ? text(s, nano / 1_000_000, 3) : nano % 1_000 == 0 ? text(s, nano / 1_000, 6) : text(s, nano, 9);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss}, then {@code .} and {@code fraction} in {@code digits} digits unless 0, then {@code Z}. */
    private static String text(long epochSecond, int fraction, int digits) {
        byte[] b = new byte[20 + (digits == 0 ? 0 : 1 + digits)];
        dateTime(b, epochSecond);
        if (digits > 0) {
            b[19] = '.';
            decimal(b, 20, fraction, digits);
        }
        b[b.length - 1] = 'Z';
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of {@code epochSecond} (a year of four digits) into {@code b[0, 19)}. */
    private static void dateTime(byte[] b, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secs = (int) Math.floorMod(epochSecond, 86_400L);
        // days to a civil date (Howard Hinnant's algorithm, in eras of 400 years from 0000-03-01)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        decimal(b, 0, year, 4);
        b[4] = '-';
        decimal(b, 5, month, 2);
        b[7] = '-';
        decimal(b, 8, day, 2);
        b[10] = 'T';
        decimal(b, 11, secs / 3600, 2);
        b[13] = ':';
        decimal(b, 14, secs / 60 % 60, 2);
        b[16] = ':';
        decimal(b, 17, secs % 60, 2);
    }

    /** {@code value} as exactly {@code count} decimal digits, zeros in front, at {@code b[at]}. */
    private static void decimal(byte[] b, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
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
