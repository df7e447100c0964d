package io.waypoint.wire;

/**
 * The grammar of the names that appear in topics and keys. Hand-written scanners rather than
 * regular expressions because they run several times for every message the gateway receives and
 * a {@code Matcher} is an allocation each time.
 */
final class Ids {
    /** How an id must look, for messages. */
    static final String ID_SHAPE = "1 to 32 of a-z, 0-9 and '-', starting with a letter or digit";
    static final String RULE_SHAPE = "1 to 40 of a-z, 0-9 and '_'";
    static final String COMMAND_SHAPE = "1 to 32 of a-z, 0-9, '_' and '-'";
    static final String NAME_SHAPE = "a lower-case name of 1 to 40 of a-z, 0-9 and '_', starting with a letter";

    private Ids() {
    }

    /** Site, node and gateway ids: {@code [a-z0-9][a-z0-9-]{0,31}}. */
    static boolean isId(String s) {
        return s != null && isId(s, 0, s.length());
    }

    static boolean isId(String s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 32 || !lowerOrDigit(s.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (!lowerOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code alerts} and {@code gateway} name topics of the site, never a node. */
    static boolean isReservedNode(String s) {
        return "alerts".equals(s) || "gateway".equals(s);
    }

    static boolean isNodeId(String s) {
        return isId(s) && !isReservedNode(s);
    }

    /** Command names: {@code [a-z0-9_-]{1,32}}. */
    static boolean isCommand(String s) {
        if (s == null || s.isEmpty() || s.length() > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!lowerOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Alert rule names: {@code [a-z0-9_]{1,40}}. */
    static boolean isRule(String s) {
        return s != null && isRule(s, 0, s.length());
    }

    static boolean isRule(String s, int from, int to) {
        int n = to - from;
        if (n < 1 || n > 40) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!lowerOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /** Alert keys: {@code <rule>.<node>}; neither part can hold a dot, so the first dot splits them. */
    static boolean isAlertKey(String s) {
        if (s == null) {
            return false;
        }
        int dot = s.indexOf('.');
        if (dot < 0 || !isRule(s, 0, dot) || !isId(s, dot + 1, s.length())) {
            return false;
        }
        int nodeLength = s.length() - dot - 1;
        boolean reserved = (nodeLength == 6 && s.startsWith("alerts", dot + 1))
                || (nodeLength == 7 && s.startsWith("gateway", dot + 1));
        return !reserved;
    }

    /** Event types and counter names: {@code [a-z][a-z0-9_]{0,39}}. */
    static boolean isName(String s) {
        if (s == null || s.isEmpty() || s.length() > 40) {
            return false;
        }
        char c0 = s.charAt(0);
        if (c0 < 'a' || c0 > 'z') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!lowerOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    static IllegalArgumentException invalid(String what, String value, String shape) {
        return new IllegalArgumentException(
                what + " " + (value == null ? "is missing" : Inspection.quote(value) + " is not valid") + ": expected " + shape);
    }

    static String requireSite(String site) {
        if (!isId(site)) {
            throw invalid("site", site, ID_SHAPE);
        }
        return site;
    }

    private static boolean lowerOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
