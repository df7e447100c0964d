package io.waypoint.kiosk.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Wi-Fi client as the policy knows it: an opaque name the network side chose (openNDS's per-session
 * token, or a counter it keeps), never the phone's MAC or IP address. Handles never leave the kiosk:
 * no event carries one.
 *
 * @param value 1 to 64 characters; not shaped like a MAC, an IPv4 or an IPv6 address
 */
public record ClientHandle(String value) {
    private static final Pattern MAC = Pattern.compile(
            "(?i).*([0-9a-f]{2}[:-]){5}[0-9a-f]{2}.*|.*[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}.*");
    private static final Pattern IPV4 = Pattern.compile(".*\\d{1,3}(\\.\\d{1,3}){3}.*");

    /** @throws IllegalArgumentException for an empty or overlong handle, or one shaped like an address (not echoed) */
    public ClientHandle {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException("a client handle must be 1 to 64 characters, was " + value.length());
        }
        if (MAC.matcher(value).matches() || IPV4.matcher(value).matches() || value.contains(":")) {
            throw new IllegalArgumentException("a client handle must be opaque, not a MAC or IP address");
        }
    }
}
