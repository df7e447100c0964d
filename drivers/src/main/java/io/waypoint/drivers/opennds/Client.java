package io.waypoint.drivers.opennds;

import java.time.Duration;
import java.util.Objects;

/**
 * One phone on the portal's Wi-Fi, without anything that identifies it: what the kiosk counts.
 *
 * @param handle    names the phone to {@link OpenNds#authenticate} and {@link OpenNds#deauthenticate}
 * @param connected since the session was authenticated; for a phone not authenticated, since the
 *                  adapter first saw it listed
 * @param kbDown    kB (1024 bytes) downloaded in this session
 * @param kbUp      kB uploaded in this session
 */
public record Client(ClientHandle handle, ClientState state, Duration connected, long kbDown, long kbUp) {
    public Client {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(connected, "connected");
    }
}
