package io.waypoint.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The values that break parsers, shared by the mutator and the grammars: numbers at the edges of
 * every integer and float type, exponents, NaN, numbers in other scripts, control bytes, text
 * that is not UTF-8, Unicode that looks like ASCII or reorders it.
 */
public final class HostileValues {
    /** Numbers as text: edges of byte, short, int, long, double; exponents; other spellings. */
    public static final List<String> NUMBERS = List.of(
            "0", "-0", "1", "-1", "+1", "7", "12.5", "0.001", ".5", "5.", "1,5", "00012", "1e3", "1E-3",
            "127", "128", "-128", "255", "256", "32767", "32768", "-32769", "65535", "65536", "99999",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
            "9007199254740993", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551616", "99999999999999999999999999999999",
            "1e18", "1e19", "1e38", "3.4028236e38", "1e308", "1.7976931348623157E308", "1e309", "-1e309",
            "4.9e-324", "1e-400", "1e999999999", "1e-999999999", "0e99999", "NaN", "-NaN", "Infinity",
            "-Infinity", "inf", "0x7fffffff", "0xFFFF", "0x", "0x-1", "1_000", "١٢٣", "１２", "¹", "½",
            "1.0000000000000000000000000001", "0.30000000000000004", "-0.0", "1e+", "--1", "1..2");

    /** Text that is not what it seems: control bytes, separators, non-ASCII look-alikes. */
    public static final List<String> TEXTS = List.of(
            "", " ", "\t", "\r", "\n", "\r\n", "\n\r", "\0", "\u0007", "\u001b[2J", "\u007f", "\u0085",
            "\u00a0", "\u00e9", "\u00df", "\u0130", "\u017f", "\u2028", "\u200b", "\u200e", "\u202e", "\ufeff",
            "\ufffd", "\uffff", "\ud83d\udca7", "\ud800", "\udfff", "A\u030a", "ａｂｃ", "\"", "'", "\\", "\\u0000",
            "\\ud800", "%s%n", "${x}", "null", "true", "false", "[]", "{}", "=", "#", ":", ",", ";",
            "+50766123456", "aa:bb:cc:dd:ee:ff", "192.168.1.23", "fe80::1", "35-209900-176148-1");

    /** Byte sequences no UTF-8 decoder should accept. */
    public static final List<byte[]> BAD_UTF8 = List.of(
            new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80},
            new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x92});

    private static final List<byte[]> TOKENS = asBytes();

    private HostileValues() {
    }

    private static List<byte[]> asBytes() {
        List<byte[]> t = new ArrayList<>();
        NUMBERS.forEach(n -> t.add(n.getBytes(StandardCharsets.UTF_8)));
        TEXTS.forEach(s -> t.add(s.getBytes(StandardCharsets.UTF_8)));
        t.addAll(BAD_UTF8);
        return List.copyOf(t);
    }

    /** Every hostile value as bytes, for the mutator. */
    public static List<byte[]> tokens() {
        return TOKENS;
    }

    public static String number(SplittableRandom random) {
        return pick(random, NUMBERS);
    }

    public static String text(SplittableRandom random) {
        return pick(random, TEXTS);
    }

    /** A hostile number or text, or a long run of one character: for a value of any type. */
    public static String anyValue(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> number(random);
            case 3, 4 -> text(random);
            case 5 -> "x".repeat(random.nextInt(1, 300));
            case 6 -> "9".repeat(random.nextInt(1, 120));
            default -> number(random) + text(random);
        };
    }

    public static <T> T pick(SplittableRandom random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** {@code true} with probability {@code p}. */
    public static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }
}
