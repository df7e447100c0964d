package io.waypoint.drivers.ina219;

/**
 * An INA219 could not give a reading. The message names the chip (what it measures, its bus and
 * address), what was seen and what a technician should check, ready for the serial console.
 */
public final class Ina219Exception extends RuntimeException {
    Ina219Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
