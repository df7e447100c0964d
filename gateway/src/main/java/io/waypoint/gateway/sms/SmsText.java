package io.waypoint.gateway.sms;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.SmsCommand;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text of an alert's SMS: one SMS of characters every modem's text mode passes unchanged (see the
 * kiosk modem driver: ASCII letters, digits, space and {@code !"#%&'()*+,-./:;<=>?_}), at most
 * {@value SmsCommand#MAX_TEXT}. Pure functions.
 */
final class SmsText {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final String ALLOWED = " !\"#%&'()*+,-./:;<=>?_";

    private SmsText() {}

    /**
     * {@code "la-gloria CRITICAL 14:03Z: Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min"},
     * with "not acknowledged" for an escalation, folded and cut to one SMS.
     */
    static String of(Alert a) {
        String what = a.state() == AlertState.ESCALATED ? " CRITICAL, not acknowledged " : " CRITICAL ";
        return fit(a.site() + what + HOUR.format(a.at()) + ": " + a.message());
    }

    /** {@code "la-gloria: 4 more critical alerts since 14:03Z not sent by SMS (limit 5 an hour). Uplink still down."} */
    static String summary(String site, int left, Instant since, int perHour) {
        return fit(site + ": " + left + " more critical alert" + (left == 1 ? "" : "s") + " since " + HOUR.format(since)
                + " not sent by SMS (limit " + perHour + " an hour). Uplink to head office still down.");
    }

    /**
     * {@code text} as one SMS: accents dropped ({@code á} is {@code a}), brackets as parentheses, every
     * other character outside the allowed set as a space, runs of spaces as one, cut to
     * {@value SmsCommand#MAX_TEXT} with "..." at the end when longer.
     */
    static String fit(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(plain.length());
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            char out = switch (c) {
                case '[', '{' -> '(';
                case ']', '}' -> ')';
                default -> (c < 128 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) ? c : ' ';
            };
            if (out == ' ' && (b.length() == 0 || b.charAt(b.length() - 1) == ' ')) {
                continue;
            }
            b.append(out);
        }
        String s = b.toString().strip();
        if (s.isEmpty()) {
            return "(alert)";
        }
        return s.length() <= SmsCommand.MAX_TEXT ? s : s.substring(0, SmsCommand.MAX_TEXT - 3) + "...";
    }
}
