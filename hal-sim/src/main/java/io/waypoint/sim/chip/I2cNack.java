package io.waypoint.sim.chip;

/** An emulated chip did not acknowledge: on a board the transfer fails with an I/O error. */
public final class I2cNack extends RuntimeException {
    public I2cNack(String message) {
        super(message);
    }
}
