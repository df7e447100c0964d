package io.waypoint.kiosk.policy;

/**
 * What is switched off to save the battery. Charging goes first (the ports draw the most); calls
 * and Wi-Fi go last, because a call home or a message may matter more than a charge.
 */
public enum ShedLevel {
    /** Everything runs. */
    NONE,
    /** The charging ports are off; calls and Wi-Fi run. */
    CHARGING,
    /** Charging, calls and Wi-Fi are off; an emergency call is still allowed. */
    ALL;

    /** The name telemetry uses: {@code none}, {@code charging} or {@code all}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether phones may be charged at this level. */
    public boolean chargingAllowed() {
        return this == NONE;
    }

    /** Whether ordinary calls and Wi-Fi may run at this level. */
    public boolean callsAndWifiAllowed() {
        return this != ALL;
    }
}
