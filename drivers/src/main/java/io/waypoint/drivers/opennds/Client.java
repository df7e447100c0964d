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
    /**
     * A session's counter beyond this (a petabyte) is a broken answer, not traffic: kept at the
     * bound, so a caller can count bytes ({@code kB * 1024}) without overflowing a long.
     */
    public static final long MAX_KB = 1L << 40;

    public Client {
        kbDown = Math.min(Math.max(0, kbDown), MAX_KB);
        kbUp = Math.min(Math.max(0, kbUp), MAX_KB);
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(connected, "connected");
    }
}
