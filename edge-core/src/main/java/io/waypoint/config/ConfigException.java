package io.waypoint.config;

/**
 * A configuration value that stops a process from starting. The message is one line a technician
 * can act on: the file (or "command line"), the key, the value found (control characters written
 * as escapes) and what was expected.
 * Entry points print it and exit with code 2.
 */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final String key;
    private final String value;
    private final String expected;

    public ConfigException(String source, String key, String value, String expected) {
        super(format(source, key, value, expected));
        this.source = source;
        this.key = key;
        this.value = value;
        this.expected = expected;
    }

    private static String format(String source, String key, String value, String expected) {
        String v = value == null ? "(missing)" : namesSecret(key) ? "(hidden: " + value.length() + " characters)"
                : carriesLogin(value) ? "(hidden: " + value.length() + " characters, a url with a login in it)"
                : "'" + visible(value) + "'";
        return source + ": " + visible(key) + " = " + v + ": expected " + expected;
    }

    /**
     * The text with control characters written as Java escapes (a CR as backslash r): the message is
     * one line on a terminal even for a value from a file with CR line ends or from a damaged card.
     */
    private static String visible(String text) {
        if (text == null || text.chars().noneMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Whether a value under an innocent key holds a login anyway: a url with {@code user:password@}
     * or a {@code password=} parameter (a database url pasted whole). Its value is hidden too.
     * Linear in the value's length: it is anyone's input (a regex here took seconds on a line of colons).
     */
    static boolean carriesLogin(String value) {
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.contains("password=") || v.contains("passwd=")) {
            return true;
        }
        // after each "://", the authority up to its first '@': a login when it holds a ':' (user:password@host)
        for (int at = v.indexOf("://"); at >= 0; at = v.indexOf("://", at + 3)) {
            boolean colon = false;
            for (int i = at + 3; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '@') {
                    if (colon) {
                        return true;
                    }
                    break;
                }
                if (c == '/' || Character.isWhitespace(c)) {
                    break;
                }
                colon |= c == ':';
            }
        }
        return false;
    }

    /**
     * Whether {@code key} (or a whole config line) is about a password or another secret: its value
     * is never shown, because this message goes to the terminal and the journal. Loose on purpose, so
     * misspellings ({@code pasword}, {@code passwd}) are hidden too.
     */
    public static boolean namesSecret(String key) {
        String k = key == null ? "" : key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("pass") || k.contains("pasw") || k.contains("pwd") || k.contains("secret") || k.contains("token");
    }

    public String source() {
        return source;
    }

    public String key() {
        return key;
    }

    /** The offending value, or null when the key was missing. */
    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }
}
