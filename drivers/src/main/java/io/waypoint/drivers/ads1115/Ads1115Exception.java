package io.waypoint.drivers.ads1115;

/**
 * An ADS1115 could not give a reading. The message names the chip (bus and address), what was seen
 * and what a technician should check, ready for the serial console.
 */
public final class Ads1115Exception extends RuntimeException {
    Ads1115Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
