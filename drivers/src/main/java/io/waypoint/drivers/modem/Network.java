package io.waypoint.drivers.modem;

import java.util.Locale;

/** The modem's registration on the mobile network, from {@code AT+CREG?}. */
public enum Network {
    /** Registered on its home network (stat 1). */
    HOME,
    /** Registered on a visited network (stat 5). */
    ROAMING,
    /** Not registered, looking for a network (stat 2). */
    SEARCHING,
    /** The network refused registration (stat 3); emergency calls may still work. */
    DENIED,
    /** Not registered and not looking (stat 0). */
    NONE,
    /** Not known (stat 4, or not asked yet, or the modem does not answer). */
    UNKNOWN;

    /** From a {@code +CREG} stat: 0 none, 1 home, 2 searching, 3 denied, 5 roaming, anything else unknown. */
    public static Network ofCregStat(int stat) {
        return switch (stat) {
            case 0 -> NONE;
            case 1 -> HOME;
            case 2 -> SEARCHING;
            case 3 -> DENIED;
            case 5 -> ROAMING;
            default -> UNKNOWN;
        };
    }

    /** Whether calls can go out on it (home or roaming). */
    public boolean registered() {
        return this == HOME || this == ROAMING;
    }

    /** The wire name: {@code home}, {@code roaming}, {@code searching}, {@code denied}, {@code none}, {@code unknown}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
