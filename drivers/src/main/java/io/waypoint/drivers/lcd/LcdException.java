package io.waypoint.drivers.lcd;

/**
 * A character LCD could not be written. The message names the display (its size, bus and address),
 * what failed and what a technician should check, ready for the serial console.
 */
public final class LcdException extends RuntimeException {
    LcdException(String message, Throwable cause) {
        super(message, cause);
    }
}
