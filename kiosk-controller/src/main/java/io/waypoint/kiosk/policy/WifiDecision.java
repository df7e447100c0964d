package io.waypoint.kiosk.policy;

import java.time.Duration;

/** Whether a Wi-Fi client is let in, and with which limits. */
public sealed interface WifiDecision {

    /**
     * Let it in, with these limits, in the units of {@code ndsctl auth <client> <minutes> <uprate>
     * <downrate> <upquota_kB> <downquota_kB>} (a kB there is 1024 bytes; 0 means unlimited). The
     * policy also ends the session itself at these limits.
     */
    record Grant(Duration limit, long downQuotaKb, long upQuotaKb, int downRateKbps, int upRateKbps)
            implements WifiDecision {

        /** The session limit in whole minutes, rounded up. */
        public long minutes() {
            return (limit.toSeconds() + 59) / 60;
        }
    }

    /** Do not let it in. */
    record Refused(Reason reason) implements WifiDecision {
    }

    /** Why a client was not let in. */
    enum Reason {
        /** As many sessions as allowed are running. */
        FULL,
        /** Wi-Fi is shed to save the battery. */
        SHED,
        /** The kiosk's own internet link is down. */
        NO_INTERNET,
        /** It already has a session. */
        ALREADY_IN_SESSION
    }
}
