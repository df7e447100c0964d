package io.waypoint.console;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decimal numbers as a technician types and reads them: digits with an optional dot, no exponent,
 * no NaN or Infinity (which {@link Double#parseDouble} would accept), an optional unit glued on
 * ({@code 12.5NTU}).
 */
final class TypedNumber {
    private static final Pattern NUMBER = Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(\\p{L}[\\p{L}/%]*)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+(\\p{L}[\\p{L}/%]*)?");

    private TypedNumber() {
    }

    /** A token read as a number and the unit glued to it (null when none); null when it is no number. */
    static Parsed parse(String token) {
        Matcher m = NUMBER.matcher(token);
        if (!m.matches()) {
            return null;
        }
        return new Parsed(Double.parseDouble(m.group(1)), m.group(2));
    }

    /**
     * True for {@code 12,5}: many of the technicians write decimals with a comma, and reading it as
     * 12 or 125 would put a wrong calibration point into a water-safety sensor.
     */
    static boolean hasDecimalComma(String token) {
        return DECIMAL_COMMA.matcher(token).matches();
    }

    /** {@code 12,5} → {@code 12.5} (what to tell the technician to type instead). */
    static String withDot(String token) {
        return token.replace(',', '.');
    }

    /** The shortest plain form: 12.5, 10, 0.001 (never 1.0E-3). */
    static String write(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    record Parsed(double value, String unit) {
    }
}
