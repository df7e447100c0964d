package io.waypoint.gateway.report;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.PrivacyGuard;
import io.waypoint.wire.SiteStatusTopic;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One report asked for, by {@code scripts/report} or the gateway's {@code report} command: a site, a
 * month in a zone, a format. {@link #of} checks every part and says what is wrong with it;
 * {@link #run} reads the store and computes, nothing else.
 *
 * @param zone the zone whose calendar month is meant: UTC unless asked otherwise
 */
public record ReportRequest(String site, YearMonth month, ZoneId zone, ReportFormat format) {

    /**
     * Parses the parts as a user typed them.
     *
     * @param zone   an IANA zone such as {@code America/Mexico_City}, or null for UTC
     * @param format {@code csv}, {@code json} or {@code text}, or null for text
     * @throws IllegalArgumentException naming the part, its value and what is expected
     */
    public static ReportRequest of(String site, String month, String zone, String format) {
        if (site == null) {
            throw new IllegalArgumentException("site missing: expected a site id like la-gloria");
        }
        try {
            new SiteStatusTopic(site); // the wire contract's check of a site id
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("site " + shown(site) + ": expected a site id like la-gloria (1 to 32 of "
                    + "a-z, 0-9 and '-', starting with a letter or digit)");
        }
        YearMonth m = null;
        if (month != null && month.matches("[0-9]{4}-[0-9]{2}")) {
            try {
                m = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                m = null;
            }
        }
        // nothing is filed before 1970 (see ClockFiling); and a year far off overflows the calendar
        if (m == null || m.getYear() < 1970) {
            throw new IllegalArgumentException("month " + (month == null ? "missing" : shown(month))
                    + ": expected YYYY-MM from 1970-01 on, e.g. 2026-10");
        }
        ZoneId z;
        try {
            z = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone " + shown(zone) + ": expected UTC or an IANA zone such as America/Mexico_City");
        }
        ReportFormat f;
        try {
            f = format == null ? ReportFormat.TEXT : ReportFormat.named(format);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a report format is csv, json or text, was " + shown(format));
        }
        return new ReportRequest(site, m, z, f);
    }

    /**
     * Computes the report from the store: the site's telemetry filed in the month (streamed) and its
     * alert history.
     *
     * @param asOf now: a month still running is reported up to here
     * @throws IllegalArgumentException when the month has not begun at {@code asOf}
     */
    public MonthlyReport run(GatewayStore store, Instant asOf) {
        MonthTally tally = new MonthTally(site, month, zone, asOf);
        store.forEachFiled(site, NodeTopic.Kind.TELEMETRY.segment(), tally.from(), tally.readUntil(), tally::add);
        tally.alerts(store.alertHistory(site));
        return tally.finish();
    }

    /** {@link #run}, printed in the asked format. */
    public String answer(GatewayStore store, Instant asOf) {
        return format.render(run(store, asOf));
    }

    /**
     * A value from outside as an error shows it: quoted if short and plain, withheld if it may identify
     * a person (a number typed where a site was meant is still a number).
     */
    private static String shown(String s) {
        if (PrivacyGuard.identifyingValue(s)) {
            return "(a value withheld: it may identify a person)";
        }
        return s.length() <= 64 && s.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? "'" + s + "'"
                : "(" + s.length() + " characters, not shown)";
    }
}
