package io.waypoint.drivers.opennds;

/** Where a phone stands with the captive portal, from openNDS's {@code state}. */
public enum ClientState {
    /** Joined the Wi-Fi, held at the portal page: no internet yet. */
    PREAUTHENTICATED,
    /** Let through: the only state that counts as an internet session. */
    AUTHENTICATED,
    /** Blocked by openNDS (openNDS prints {@code AuthBlocked} or {@code Blocked}). */
    BLOCKED,
    /** A trusted device (staff), never held at the portal. */
    TRUSTED,
    /** A state this adapter does not know. */
    UNKNOWN;

    static ClientState of(String openNdsState) {
        return switch (openNdsState) {
            case "Preauthenticated" -> PREAUTHENTICATED;
            case "Authenticated" -> AUTHENTICATED;
            case "AuthBlocked", "Blocked" -> BLOCKED;
            case "Trusted" -> TRUSTED;
            default -> UNKNOWN;
        };
    }
}
