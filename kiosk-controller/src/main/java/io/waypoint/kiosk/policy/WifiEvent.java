package io.waypoint.kiosk.policy;

import io.waypoint.wire.EventBody;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What the Wi-Fi policy decided: end a client's access, and the anonymous record of a session. */
public sealed interface WifiEvent {

    Instant at();

    /** End this client's access now ({@code ndsctl deauth}). The only event that names a client; it stays on the kiosk. */
    record Deauthenticate(Instant at, ClientHandle client, EndReason reason) implements WifiEvent {
    }

    /**
     * A session ended: how long, how much. No client, no address.
     *
     * @param mbDown megabytes (10^6 bytes) downloaded
     * @param mbUp   megabytes uploaded
     */
    record SessionEnded(Instant at, Duration duration, double mbDown, double mbUp, EndReason reason)
            implements WifiEvent {

        /** {@code {"type":"wifi_session_ended","seconds":1800,"mb_down":41.2,"mb_up":3.5}}. */
        public EventBody toEventBody() {
            return EventBody.wifiSessionEnded(duration.toSeconds(), Math.round(mbDown * 1000) / 1000.0,
                    Math.round(mbUp * 1000) / 1000.0);
        }
    }

    /** Why a session ended. */
    enum EndReason {
        TIME_LIMIT,
        DATA_LIMIT,
        /** The captive portal no longer lists the client as authenticated (it left, idled out, or hit a quota there). */
        LEFT,
        SHED,
        /** The controller is shutting down. */
        STOPPED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
