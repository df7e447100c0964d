package io.waypoint.drivers.opennds;

import java.time.Duration;

/**
 * What one internet session may use; for {@code ndsctl auth}. A rate or quota of 0 is unlimited.
 *
 * @param minutes     how long the session lasts, 1 or more (openNDS would take 0 as its own default,
 *                    1440 minutes, which is not what a kiosk means)
 * @param upRateKbps  upload rate limit, kbit/s
 * @param downRateKbps download rate limit, kbit/s
 * @param upQuotaKb   upload quota, kB
 * @param downQuotaKb download quota, kB
 */
public record SessionLimits(long minutes, long upRateKbps, long downRateKbps, long upQuotaKb, long downQuotaKb) {
    public SessionLimits {
        if (minutes < 1) {
            throw new IllegalArgumentException("a session lasts at least 1 minute, was " + minutes);
        }
        if (upRateKbps < 0 || downRateKbps < 0 || upQuotaKb < 0 || downQuotaKb < 0) {
            throw new IllegalArgumentException("rates and quotas are 0 (unlimited) or more, were " + upRateKbps + ", "
                    + downRateKbps + ", " + upQuotaKb + ", " + downQuotaKb);
        }
    }

    /** A session of {@code length} (whole minutes, rounded up) with no rate or data limit. */
    public static SessionLimits lasting(Duration length) {
        long minutes = (length.toSeconds() + 59) / 60;
        return new SessionLimits(minutes, 0, 0, 0, 0);
    }

    /** The same with these data quotas in kB (0 = unlimited). */
    public SessionLimits withQuotasKb(long up, long down) {
        return new SessionLimits(minutes, upRateKbps, downRateKbps, up, down);
    }

    /** The same with these rate limits in kbit/s (0 = unlimited). */
    public SessionLimits withRatesKbps(long up, long down) {
        return new SessionLimits(minutes, up, down, upQuotaKb, downQuotaKb);
    }
}
