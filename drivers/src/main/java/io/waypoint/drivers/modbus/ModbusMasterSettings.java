package io.waypoint.drivers.modbus;

import java.time.Duration;

/**
 * How patient a master is.
 *
 * @param responseTimeout how long an attempt waits for its reply (libmodbus: 0.5 s)
 * @param retries         attempts after the first one when there is no usable reply (not after an
 *                        exception reply: the device heard and refused)
 */
public record ModbusMasterSettings(Duration responseTimeout, int retries) {
    /** 500 ms, 2 retries: a dead probe costs 1.5 s a reading. */
    public static final ModbusMasterSettings DEFAULTS = new ModbusMasterSettings(Duration.ofMillis(500), 2);

    public ModbusMasterSettings {
        if (responseTimeout.isNegative() || responseTimeout.isZero() || responseTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("a Modbus response timeout is more than 0 and at most 60 s, was "
                    + responseTimeout);
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("Modbus retries are 0 to 10, was " + retries);
        }
    }
}
