package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * The Wi-Fi's limits. Megabytes are 10^6 bytes.
 *
 * @param sessionLimit how long a session lasts
 * @param downLimitMb  how much it may download
 * @param upLimitMb    how much it may upload
 * @param maxSessions  how many sessions at once (the uplink is thin: a place for everyone beats a
 *                     fast link for a few)
 * @param downRateKbps a download rate cap per client in kbit/s, 0 for none
 * @param upRateKbps   an upload rate cap per client in kbit/s, 0 for none
 */
public record WifiSettings(Duration sessionLimit, long downLimitMb, long upLimitMb, int maxSessions,
                           int downRateKbps, int upRateKbps) {

    /** @throws IllegalArgumentException for a non-positive limit or session count, or a negative rate */
    public WifiSettings {
        Objects.requireNonNull(sessionLimit, "sessionLimit");
        if (sessionLimit.isNegative() || sessionLimit.isZero()) {
            throw new IllegalArgumentException("the Wi-Fi session limit must be positive, was " + sessionLimit);
        }
        if (downLimitMb < 1 || upLimitMb < 1) {
            throw new IllegalArgumentException("Wi-Fi data limits must be at least 1 MB, were " + downLimitMb + " and "
                    + upLimitMb);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("at least one Wi-Fi session must be allowed, was " + maxSessions);
        }
        if (downRateKbps < 0 || upRateKbps < 0) {
            throw new IllegalArgumentException("Wi-Fi rates must be 0 (no cap) or more, were " + downRateKbps + " and "
                    + upRateKbps);
        }
    }

    /** 30 minutes, 50 MB down, 10 MB up, 25 sessions at once, no rate caps. */
    public static WifiSettings defaults() {
        return new WifiSettings(Duration.ofMinutes(30), 50, 10, 25, 0, 0);
    }

    /** These settings with at most {@code maxSessions} at once. */
    public WifiSettings withMaxSessions(int maxSessions) {
        return new WifiSettings(sessionLimit, downLimitMb, upLimitMb, maxSessions, downRateKbps, upRateKbps);
    }
}
