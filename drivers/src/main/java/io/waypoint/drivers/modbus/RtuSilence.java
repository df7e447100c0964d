package io.waypoint.drivers.modbus;

import java.time.Duration;

/** The silence that ends an RTU frame, and that must come before every request. */
final class RtuSilence {
    private RtuSilence() {
    }

    /**
     * 3.5 characters of 11 bits (the Modbus serial line spec counts 11 bits a character whatever the
     * parity, which errs on the long side for 8N1), fixed at 1.75 ms above 19,200 baud.
     */
    static Duration at(int baud) {
        if (baud > 19_200) {
            return Duration.ofNanos(1_750_000);
        }
        return Duration.ofNanos(Math.round(3.5 * 11 * 1e9 / baud));
    }
}
