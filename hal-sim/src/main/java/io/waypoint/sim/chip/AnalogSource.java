package io.waypoint.sim.chip;

import java.time.Instant;

/**
 * A voltage on a wire at an instant of simulated time: what an ADC input sees. Implementations are
 * pure functions of time, so a chip may sample them whenever its conversion ends.
 */
@FunctionalInterface
public interface AnalogSource {

    /** Volts against ground at {@code t}. */
    double volts(Instant t);

    /** A fixed voltage. */
    static AnalogSource constant(double volts) {
        return t -> volts;
    }

    /** Nothing connected: 0 V. */
    AnalogSource GROUND = t -> 0.0;
}
