package io.waypoint.drivers.ina219;

/**
 * The shunt resistor an INA219 measures across, and the largest current it must measure: together
 * they fix the chip's range (PGA) and its calibration.
 *
 * <p>Examples: a charging port with 8 mΩ and 3 A (about 1.25 mA per step: a full phone's tens of
 * mA are told from a charging one's 500–2000 mA); a battery bus with 0.1 Ω and 3.2 A, or with 1 mΩ
 * and 20 A.
 *
 * @param ohms    the shunt's resistance
 * @param maxAmps the largest current to measure, either direction; above it a reading is over range
 */
public record Shunt(double ohms, double maxAmps) {
    /** The INA219's widest shunt range (PGA /8). */
    static final double MAX_SHUNT_VOLTS = 0.32;

    public Shunt {
        if (!(ohms > 0) || Double.isInfinite(ohms)) {
            throw new IllegalArgumentException("INA219 shunt resistance must be a positive number of ohms, was " + ohms);
        }
        if (!(maxAmps > 0) || Double.isInfinite(maxAmps)) {
            throw new IllegalArgumentException("INA219 maximum current must be a positive number of amps, was " + maxAmps);
        }
        if (ohms * maxAmps > MAX_SHUNT_VOLTS * (1 + 1e-9)) {
            throw new IllegalArgumentException(String.format("INA219 shunt of %s ohm at %s A drops %.0f mV, beyond the"
                    + " chip's 320 mV range: use a smaller shunt or a lower maximum current", ohms, maxAmps,
                    ohms * maxAmps * 1000));
        }
    }
}
