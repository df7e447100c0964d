package io.waypoint.gateway.sms;

import io.waypoint.wire.NodeRef;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's {@code [sms]} section: which kiosk of each site sends critical alerts by SMS while the
 * site's uplink to head office is down.
 *
 * @param kiosks      one kiosk per site ({@code SITE/NODE}); a site with none gets no SMS
 * @param to          the recipient list in those kiosks' configs ({@code [sms] staff = ...} on the kiosk)
 * @param uplinkState the retained topic on which the site's broker says whether its bridge to head office
 *                    is up ({@code 1}) or down ({@code 0}): Mosquitto's bridge notification
 * @param perHour     SMS to each number at most in any hour, a summary of the alerts left out included
 */
public record SmsSettings(List<NodeRef> kiosks, String to, String uplinkState, int perHour) {
    /** Where {@code scripts/install}'s bridge ({@code connection head-office}) says how it is. */
    public static final String DEFAULT_UPLINK_STATE = "$SYS/broker/connection/head-office/state";

    public SmsSettings {
        kiosks = List.copyOf(kiosks);
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(uplinkState, "uplinkState");
        if (perHour < 1) {
            throw new IllegalArgumentException("perHour must be at least 1, was " + perHour);
        }
    }
}
