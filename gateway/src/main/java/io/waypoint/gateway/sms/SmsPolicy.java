package io.waypoint.gateway.sms;

import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.Severity;
import io.waypoint.wire.SmsCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a critical alert goes out as SMS, as pure logic (time comes in as arguments).
 *
 * <ul>
 * <li>Only a {@link Severity#CRITICAL critical} alert's {@code raised} and {@code escalated} transitions,
 *     each once (the gateway's engine makes each transition once), of a site that has a kiosk to send.</li>
 * <li>Only while the site's uplink to head office is down, or not known to be up: a broker that never
 *     said so (no bridge, or no notification) cannot show that alerts leave the site. When it is up,
 *     staff get alerts over MQTT and no SMS goes.</li>
 * <li>At most {@code perHour} SMS to a site's list in any 60 minutes (every number of the list gets
 *     every SMS, so that is per number). An alert beyond it is counted, and once the hour lets one more
 *     through, one summary says how many were left out. If the uplink comes back first, the count is
 *     dropped: staff see those alerts at head office.</li>
 * </ul>
 */
final class SmsPolicy {
    static final Duration WINDOW = Duration.ofHours(1);

    /** One SMS for the site's kiosk to send to its list. */
    record Send(String site, String id, String text) {
    }

    private record Left(int count, Instant since) {
    }

    private final Set<String> sites;
    private final int perHour;
    private Boolean uplinkUp;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();
    private final Map<String, Left> left = new HashMap<>();

    SmsPolicy(Set<String> sites, int perHour) {
        this.sites = Set.copyOf(sites);
        if (perHour < 1) {
            throw new IllegalArgumentException("perHour must be at least 1, was " + perHour);
        }
        this.perHour = perHour;
    }

    /** The broker said whether its bridge to head office is up. */
    void uplink(boolean up) {
        uplinkUp = up;
        if (up) {
            left.clear();
        }
    }

    /** Whether SMS go now: the uplink is down or was never reported up. */
    boolean uplinkDown() {
        return uplinkUp == null || !uplinkUp;
    }

    /** The SMS for this alert transition, if one goes. */
    Optional<Send> alert(Alert a, Instant now) {
        if (a.severity() != Severity.CRITICAL || !(a.state() == AlertState.RAISED || a.state() == AlertState.ESCALATED)
                || !sites.contains(a.site()) || !uplinkDown()) {
            return Optional.empty();
        }
        if (spend(a.site(), now)) {
            return Optional.of(new Send(a.site(), id(a.key() + " " + a.state().wire() + " " + a.at()), SmsText.of(a)));
        }
        left.merge(a.site(), new Left(1, a.at()), (was, one) -> new Left(was.count() + 1, was.since()));
        return Optional.empty();
    }

    /** The summaries whose hour has come. */
    List<Send> tick(Instant now) {
        List<Send> out = new ArrayList<>();
        if (!uplinkDown()) {
            left.clear();
            return out;
        }
        var it = left.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (spend(e.getKey(), now)) {
                Left l = e.getValue();
                out.add(new Send(e.getKey(), id("summary " + l.count() + " since " + l.since()),
                        SmsText.summary(e.getKey(), l.count(), l.since(), perHour)));
                it.remove();
            }
        }
        return out;
    }

    /** Alerts left out at {@code site} and not yet summarised. */
    int leftOut(String site) {
        Left l = left.get(site);
        return l == null ? 0 : l.count();
    }

    /** Takes one SMS of the site's hour if there is one left. */
    private boolean spend(String site, Instant now) {
        Deque<Instant> times = sent.computeIfAbsent(site, s -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.pollFirst();
        }
        if (times.size() >= perHour) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    private static String id(String s) {
        return s.length() <= SmsCommand.MAX_ID ? s : s.substring(0, SmsCommand.MAX_ID);
    }
}
