package io.waypoint.kiosk.policy;

/** What a port's light shows. */
public enum PortLed {
    /** Dark: the port is free but charging is shed, so pressing its button would do nothing. */
    OFF,
    /** Free: press the button (or plug in, if so configured) to charge. */
    FREE,
    /** A turn is running. */
    CHARGING,
    /** The turn ended: collect the phone. */
    DONE,
    /** Out of order until a technician clears it. */
    FAULT
}
