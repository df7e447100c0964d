package io.waypoint.wire;


/**
 * Recognises what may identify a person, so that it is never stored or sent: the people who use a
 * kiosk may be afraid of being tracked. Defence in depth: nodes never put such data in a message,
 * {@link EventBody} and {@link StateBody} refuse it, and the gateway's {@link MessageValidator}
 * rejects any message that carries it.
 *
 * <p>Both tests err towards caution; a false positive costs a rejected message, a false negative
 * could cost a person their safety.
 */
public final class PrivacyGuard {
    /** Keys that identify a person when they are the whole key (compared ignoring case). */
    private static final String[] KEYS = {"number", "msisdn", "phone", "dialled", "dialed", "called", "caller", "callee",
            "mac", "ip", "ip_address", "imei", "imsi", "iccid", "user_agent", "name"};
    /**
     * Words that identify a person wherever they appear as a word of a key ({@code caller_id},
     * {@code phoneNumber}, {@code client-mac}). Not "number" or "name": {@code port_number} and
     * {@code sensor_name} are ours. Every word is also in {@link #KEYS}, so a key of one word needs
     * only the whole-key test.
     */
    private static final String[] KEY_WORDS = {"msisdn", "phone", "dialled", "dialed", "called", "caller", "callee",
            "mac", "ip", "imei", "imsi", "iccid"};

    private PrivacyGuard() {
    }

    /**
     * True when a key of this name may hold something that identifies a person: one of number,
     * msisdn, phone, dialled, dialed, called, caller, callee, mac, ip, ip_address, imei, imsi, iccid,
     * user_agent, name (any case), or a key with one of the strong words among its words
     * (split at anything but letters and digits, and where a lower-case letter meets an upper-case one).
     */
    public static boolean identifyingKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int n = key.length();
        for (String k : KEYS) {
            if (k.length() == n && sameIgnoringCase(key, 0, k)) {
                return true;
            }
        }
        // runs for every key of every message: one pass, no allocation, ASCII without table look-ups
        int start = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? key.charAt(i) : ' ';
            boolean separator;
            boolean upper;
            if (c < 0x80) {
                upper = c >= 'A' && c <= 'Z';
                separator = !upper && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
            } else {
                upper = Character.isUpperCase(c);
                separator = !Character.isLetterOrDigit(c);
            }
            boolean camelCase = upper && i > start && isLower(key.charAt(i - 1));
            if (separator || camelCase) {
                if ((start > 0 || i < n) && isKeyWord(key, start, i)) {
                    return true;
                }
                start = separator ? i + 1 : i;
            }
        }
        return false;
    }

    private static boolean isLower(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' : Character.isLowerCase(c);
    }

    private static boolean isKeyWord(String key, int from, int to) {
        int length = to - from;
        if (length < 2 || length > 7) {
            return false;
        }
        char c = key.charAt(from);
        boolean ascii = c < 0x80;
        char first = (char) (c | 0x20); // ASCII lower case; the words are ASCII (a non-ASCII letter may fold to one)
        for (String word : KEY_WORDS) {
            if (word.length() == length && (!ascii || word.charAt(0) == first) && sameIgnoringCase(key, from, word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code key.regionMatches(true, from, word, 0, word.length())} for a lower-case ASCII {@code word}:
     * ASCII letters compared by one bit, anything else left to {@code regionMatches} (some non-ASCII
     * letters fold to ASCII ones, the Kelvin sign to k). It runs for every key of every message, and the
     * JDK's case-insensitive compare was a sixth of the gateway's ingest thread.
     */
    private static boolean sameIgnoringCase(String key, int from, String word) {
        for (int j = 0; j < word.length(); j++) {
            char c = key.charAt(from + j);
            if (c >= 0x80) {
                return key.regionMatches(true, from, word, 0, word.length());
            }
            char w = word.charAt(j);
            if (c != w && !(c >= 'A' && c <= 'Z' && (char) (c | 0x20) == w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code value} contains something shaped like a phone number (7 or more digits,
     * optionally after a {@code +}, with single spaces, dashes or dots between them; an ISO date
     * such as {@code 2026-11-27} does not count), a MAC address (six hex pairs joined by {@code :}
     * or {@code -}, or three hex quads joined by dots) or an IPv4 address (four dot-separated numbers
     * 0 to 255; a four-part version number such as 1.2.3.4 is refused too, by design).
     */
    public static boolean identifyingValue(CharSequence value) {
        if (value == null || !enoughDigitsToIdentify(value)) {
            return false;
        }
        return looksLikePhoneNumber(value) || looksLikeMac(value) || looksLikeIpv4(value);
    }

    /**
     * One pass that rules out most values (ok, synced, a node's id) before the three scans: a phone
     * number has at least 7 digits, an IPv4 address 4, a MAC address 12 hex digits. Every string of
     * every message passes here.
     */
    private static boolean enoughDigitsToIdentify(CharSequence s) {
        int digits = 0;
        int hex = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
                hex++;
            } else if (isHex(c)) {
                hex++;
            }
            if (digits >= 4 || hex >= 12) {
                return true;
            }
        }
        return false;
    }

    /** Four dot-separated numbers 0 to 255, not part of a longer dotted run ("1.2.3.4.5" is a version). */
    private static boolean looksLikeIpv4(CharSequence s) {
        int n = s.length();
        if (n < 7) {
            return false;
        }
        int i = 0;
        while (i < n) {
            if (!isDigit(s.charAt(i)) || (i > 0 && (isDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '.'))) {
                i++;
                continue;
            }
            int p = i;
            int groups = 0;
            boolean ok = true;
            while (ok) {
                int start = p;
                int v = 0;
                while (p < n && isDigit(s.charAt(p)) && p - start < 4) {
                    v = v * 10 + (s.charAt(p) - '0');
                    p++;
                }
                int width = p - start;
                ok = width >= 1 && width <= 3 && v <= 255;
                if (!ok) {
                    break;
                }
                groups++;
                if (p < n - 1 && s.charAt(p) == '.' && isDigit(s.charAt(p + 1))) {
                    p++;
                } else {
                    break;
                }
            }
            if (ok && groups == 4) {
                return true;
            }
            i = Math.max(p, i + 1);
        }
        return false;
    }

    private static boolean looksLikePhoneNumber(CharSequence s) {
        int n = s.length();
        int totalDigits = 0;
        for (int i = 0; i < n; i++) {
            if (anyDigit(s.charAt(i))) {
                totalDigits++;
            }
        }
        if (totalDigits < 7) {
            return false; // nearly every string: no further work
        }
        int i = 0;
        while (i < n) {
            if (!anyDigit(s.charAt(i))) {
                i++;
                continue;
            }
            if (isIsoDate(s, i)) {
                i += 10;
                continue;
            }
            int digits = 0;
            int j = i;
            while (j < n) {
                char c = s.charAt(j);
                if (anyDigit(c)) {
                    digits++;
                    j++;
                } else if ((c == ' ' || c == '-' || c == '.') && j + 1 < n && anyDigit(s.charAt(j + 1))) {
                    j++;
                } else {
                    break;
                }
            }
            if (digits >= 7) {
                return true;
            }
            i = j;
        }
        return false;
    }

    /** {@code yyyy-mm-dd} at {@code i}: the date of a timestamp, not a phone number. */
    private static boolean isIsoDate(CharSequence s, int i) {
        if (i + 10 > s.length() || s.charAt(i + 4) != '-' || s.charAt(i + 7) != '-') {
            return false;
        }
        return isDigit(s.charAt(i)) && isDigit(s.charAt(i + 1)) && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3))
                && isDigit(s.charAt(i + 5)) && isDigit(s.charAt(i + 6))
                && isDigit(s.charAt(i + 8)) && isDigit(s.charAt(i + 9));
    }

    private static boolean looksLikeMac(CharSequence s) {
        int n = s.length();
        if (n < 14) {
            return false;
        }
        for (int i = 0; i + 14 <= n; i++) {
            if (!isHex(s.charAt(i))) {
                continue;
            }
            if (i + 17 <= n && hexGroups(s, i, 6, 2)) {
                return true;
            }
            if (hexGroups(s, i, 3, 4)) {
                return true;
            }
        }
        return false;
    }

    /** {@code groups} groups of {@code width} hex digits from {@code i}, joined by one repeated separator. */
    private static boolean hexGroups(CharSequence s, int i, int groups, int width) {
        int n = s.length();
        int end = i + groups * width + (groups - 1);
        if (end > n) {
            return false;
        }
        char separator = s.charAt(i + width);
        boolean allowed = width == 2 ? (separator == ':' || separator == '-') : separator == '.';
        if (!allowed) {
            return false;
        }
        int p = i;
        for (int g = 0; g < groups; g++) {
            for (int w = 0; w < width; w++) {
                if (!isHex(s.charAt(p++))) {
                    return false;
                }
            }
            if (g < groups - 1 && s.charAt(p++) != separator) {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal digit of any script: a number typed or shown in Arabic-Indic, Devanagari or
     * fullwidth digits is as much a person's number as one in ASCII.
     */
    private static boolean anyDigit(char c) {
        return Character.isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
