package io.waypoint.drivers.opennds;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Takes what identifies a phone out of text before it goes into a message: the identifiers the
 * adapter knows it used, and anything shaped like a MAC address, an IPv4 or IPv6 address or an
 * openNDS token. Pure. Used on the rare line of ndsctl output quoted in an error, which may echo
 * the client it was asked about ("Client aa:bb:cc:dd:ee:ff not found.").
 */
final class PhoneIdentifiers {
    static final String REDACTED = "<phone>";
    private static final Pattern MAC = Pattern.compile("(?i)\\b[0-9a-f]{2}([:-])[0-9a-f]{2}(\\1[0-9a-f]{2}){4}\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    private static final Pattern IPV6 = Pattern.compile("(?i)\\b[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\\b");
    // openNDS tokens are 8 hex digits; longer hex words (hashed ids) go too
    private static final Pattern TOKEN = Pattern.compile("(?i)\\b[0-9a-f]{8,}\\b");

    private PhoneIdentifiers() {}

    /** {@code text} with every known identifier and every identifier-shaped word replaced by {@value #REDACTED}. */
    static String redact(String text, Collection<String> known) {
        String out = text;
        for (String id : known) {
            if (id != null && !id.isBlank()) {
                out = Pattern.compile(Pattern.quote(id), Pattern.CASE_INSENSITIVE).matcher(out).replaceAll(REDACTED);
            }
        }
        out = MAC.matcher(out).replaceAll(REDACTED);
        out = IPV4.matcher(out).replaceAll(REDACTED);
        out = IPV6.matcher(out).replaceAll(REDACTED);
        return TOKEN.matcher(out).replaceAll(REDACTED);
    }
}
