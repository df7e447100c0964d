package io.waypoint.sim.chip;

/**
 * Two resistors that bring a 5 V module's output down into a 3.3 V ADC's range: the ADC sees
 * {@code source × bottom / (top + bottom)}. The ADC's input current is negligible (ADS1115: MΩ
 * input impedance), so the divider is ideal.
 *
 * @param topOhms    from the module's output to the ADC input
 * @param bottomOhms from the ADC input to ground
 */
public record VoltageDivider(double topOhms, double bottomOhms) {

    public VoltageDivider {
        if (!(topOhms >= 0) || !(bottomOhms > 0) || Double.isInfinite(topOhms) || Double.isInfinite(bottomOhms)) {
            throw new IllegalArgumentException("divider resistors must be finite, top >= 0 and bottom > 0 ohms, were "
                    + topOhms + " and " + bottomOhms);
        }
    }

    /** Output over input, in (0, 1]. */
    public double ratio() {
        return bottomOhms / (topOhms + bottomOhms);
    }

    /** The divided voltage of {@code source}. */
    public AnalogSource of(AnalogSource source) {
        double ratio = ratio();
        return t -> source.volts(t) * ratio;
    }
}
