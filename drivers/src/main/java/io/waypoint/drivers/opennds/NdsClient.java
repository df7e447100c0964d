package io.waypoint.drivers.opennds;

import java.util.OptionalLong;

/**
 * One client as {@code ndsctl json} lists it, identifiers included: lives only inside the adapter,
 * never logged, never handed out. {@link #toString()} leaves the identifiers out.
 *
 * @param mac          the phone's (usually randomised) MAC address: how the adapter names it to ndsctl
 * @param ip           its address on the portal's network
 * @param token        its openNDS session token, or empty
 * @param state        openNDS's state text, e.g. {@code Authenticated}
 * @param sessionStart epoch seconds the session was authenticated, 0 if it was not
 * @param duration     seconds connected as older versions print it, when they do
 * @param kbDown       kB (1024 bytes) downloaded this session
 * @param kbUp         kB uploaded this session
 */
record NdsClient(String mac, String ip, String token, String state, long sessionStart, OptionalLong duration,
                 long kbDown, long kbUp) {

    @Override
    public String toString() {
        return "openNDS client (" + state + ", " + kbDown + " kB down, " + kbUp + " kB up)";
    }
}
