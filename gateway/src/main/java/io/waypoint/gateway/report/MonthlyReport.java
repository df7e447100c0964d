package io.waypoint.gateway.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The figures programme reports use, for one site and one month: anonymous counts and durations,
 * never anyone who used a service. Computed by {@link MonthTally} from what the gateway stored;
 * {@link #figures()} names each with its unit, in the order every format prints them.
 *
 * <p>The period is the calendar month in {@code zone} (UTC unless asked otherwise), ended early at
 * the moment the report was made if the month is still running. What no stored summary covers is
 * reported as such ({@code *_no_data_h}), never filled in.
 *
 * @param from         the period's first instant (the month's start in {@code zone})
 * @param to           the period's end, exclusive: the month's end, or when the report was made if earlier
 * @param usage        kiosk counts over the period
 * @param water        well figures over the period
 * @param availability per service offered by some node of the site in the period; a service no node
 *                     reported on is absent (its figures print as empty)
 * @param alerts       the alerts raised in the period and how staff answered them
 * @param summaries    telemetry summaries counted (each stored one once)
 * @param unreadable   stored summaries that no longer read as the wire contract's (left out, counted here)
 */
public record MonthlyReport(String site, YearMonth month, ZoneId zone, Instant from, Instant to, Usage usage, Water water,
                            Map<Service, Availability> availability, Alerts alerts, long summaries, long unreadable) {

    /** Sphere's minimum: 15 litres of water per person per day. */
    public static final double LITRES_PER_PERSON_DAY = 15.0;

    public MonthlyReport {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
        availability = Map.copyOf(availability);
    }

    /** A service a site offers, as the report names it. */
    public enum Service {
        CHARGING("charging"), CALLS("calls"), WIFI("wifi"), WATER("water");

        private final String figure;

        Service(String figure) {
            this.figure = figure;
        }

        /** The prefix of its figures. */
        public String figure() {
            return figure;
        }
    }

    /**
     * Sums of the kiosks' per-interval counters over the summaries filed in the period. Each summary
     * counts what ended in its interval, so the sum is the month's whatever the reboots (a boot's
     * seqs start at 1 again; the store keeps each boot's summaries apart).
     */
    public record Usage(long callsPlaced, long callsAnswered, long callSeconds, long wifiSessions, double wifiMbDown,
                        double wifiMbUp, long phonesCharged, double chargingWh) {}

    /**
     * Well figures.
     *
     * @param litres      the sum of the per-interval {@code litres} of every well summary filed in the period
     * @param measured    time covered by summaries with turbidity readings from a sensor that said {@code ok}
     * @param under1Ntu   of {@code measured}, the time in summaries whose average was under 1 NTU
     * @param over5Ntu    of {@code measured}, the time in summaries whose average was over 5 NTU
     */
    public record Water(double litres, Duration measured, Duration under1Ntu, Duration over5Ntu) {
        public double peopleDays() {
            return litres / LITRES_PER_PERSON_DAY;
        }
    }

    /**
     * One service's time in the period.
     *
     * @param unavailable time no node of the site was providing it: reported down, or no summary covers it ({@code noData})
     * @param noData      the part of {@code unavailable} that no summary of a node offering it covers
     *                    (the node was off or rebooting, or its messages never reached the gateway)
     */
    public record Availability(Duration unavailable, Duration noData) {}

    /**
     * The alerts raised in the period (by when they were raised) and how they were answered, as far as
     * the history knows when the report is made.
     *
     * @param toAcknowledge from raised to acknowledged, for each acknowledged one
     * @param toResolve     from raised to resolved, for each resolved one
     */
    public record Alerts(int raised, int acknowledged, int neverAcknowledged, int resolved, int openAtEnd,
                         List<Duration> toAcknowledge, List<Duration> toResolve) {
        public Alerts {
            toAcknowledge = List.copyOf(toAcknowledge);
            toResolve = List.copyOf(toResolve);
        }
    }

    /** The period's length. */
    public Duration period() {
        return Duration.between(from, to);
    }

    /**
     * Every figure, named with its unit, in print order: a {@code Long} for a count, a {@code BigDecimal}
     * rounded to one decimal for a measure, a {@code String} for the period, or null where there is no
     * value (a service no node offered, a median of no alerts). The names are the same every month.
     */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("site", site);
        f.put("month", month.toString());
        f.put("zone", zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
        f.put("period_start", from.toString());
        f.put("period_end", to.toString());
        f.put("period_h", hours(period()));
        f.put("calls_placed", usage.callsPlaced());
        f.put("calls_answered", usage.callsAnswered());
        f.put("call_time_min", oneDecimal(usage.callSeconds() / 60.0));
        f.put("wifi_sessions", usage.wifiSessions());
        f.put("wifi_data_mb", oneDecimal(usage.wifiMbDown() + usage.wifiMbUp()));
        f.put("wifi_data_down_mb", oneDecimal(usage.wifiMbDown()));
        f.put("wifi_data_up_mb", oneDecimal(usage.wifiMbUp()));
        f.put("phones_charged", usage.phonesCharged());
        f.put("charging_energy_wh", oneDecimal(usage.chargingWh()));
        f.put("water_l", oneDecimal(water.litres()));
        f.put("water_people_days", oneDecimal(water.peopleDays()));
        f.put("turbidity_measured_h", hours(water.measured()));
        f.put("turbidity_under_1_ntu_pct", percent(water.under1Ntu(), water.measured()));
        f.put("turbidity_over_5_ntu_pct", percent(water.over5Ntu(), water.measured()));
        for (Service s : Service.values()) {
            Availability a = availability.get(s);
            f.put(s.figure() + "_unavailable_h", a == null ? null : hours(a.unavailable()));
            f.put(s.figure() + "_no_data_h", a == null ? null : hours(a.noData()));
        }
        f.put("alerts_raised", (long) alerts.raised());
        f.put("alerts_acknowledged", (long) alerts.acknowledged());
        f.put("alerts_never_acknowledged", (long) alerts.neverAcknowledged());
        f.put("alerts_resolved", (long) alerts.resolved());
        f.put("alerts_open_at_end", (long) alerts.openAtEnd());
        f.put("alert_ack_median_min", minutes(median(alerts.toAcknowledge())));
        f.put("alert_ack_max_min", minutes(max(alerts.toAcknowledge())));
        f.put("alert_resolve_median_min", minutes(median(alerts.toResolve())));
        f.put("alert_resolve_max_min", minutes(max(alerts.toResolve())));
        f.put("telemetry_summaries", summaries);
        f.put("telemetry_unreadable", unreadable);
        return f;
    }

    static BigDecimal oneDecimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_UP);
    }

    private static BigDecimal hours(Duration d) {
        return oneDecimal(d.toMillis() / 3_600_000.0);
    }

    private static BigDecimal minutes(Duration d) {
        return d == null ? null : oneDecimal(d.toMillis() / 60_000.0);
    }

    private static BigDecimal percent(Duration part, Duration whole) {
        return whole.isZero() ? null : oneDecimal(100.0 * part.toMillis() / whole.toMillis());
    }

    /** The median (the mean of the middle two for an even count), or null for none. */
    static Duration median(List<Duration> ds) {
        if (ds.isEmpty()) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(ds);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    private static Duration max(List<Duration> ds) {
        return ds.isEmpty() ? null : Collections.max(ds);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MonthlyReport[%s %s %s]", site, month, figures());
    }
}
