package io.waypoint.kiosk.policy;

/** Whether a newcomer can get on the Wi-Fi now. */
public enum WifiAvailability {
    OPEN,
    /** Every place is taken. */
    FULL,
    /** The kiosk's own internet link is down. */
    NO_INTERNET,
    /** Switched off to save the battery. */
    SHED
}
