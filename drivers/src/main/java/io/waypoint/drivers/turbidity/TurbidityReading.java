package io.waypoint.drivers.turbidity;

import java.util.regex.Pattern;

/** What an analog turbidity sensor reported: water turbidity, or a fault that is never a water reading. */
public sealed interface TurbidityReading {

    /** The wire's {@code sensor} field: {@code ok}, or {@code fault:<reason>}. */
    String sensorField();

    /**
     * A water reading.
     *
     * @param ntu         turbidity, NTU (>= 0)
     * @param sensorVolts the module's output voltage it came from (before the divider)
     */
    record Ntu(double ntu, double sensorVolts) implements TurbidityReading {
        @Override
        public String sensorField() {
            return "ok";
        }
    }

    /**
     * The sensor cannot be read or reads outside its physical range.
     *
     * @param reason      {@code [a-z0-9_-]{1,40}}: {@code unplugged}, {@code out_of_range}, {@code adc_error}
     * @param sensorVolts the module's output voltage seen (NaN if none could be read)
     * @param message     for the technician: the part, the value, what to check
     */
    record Fault(String reason, double sensorVolts, String message) implements TurbidityReading {
        private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,40}");

        public Fault {
            if (!REASON.matcher(reason).matches()) {
                throw new IllegalArgumentException("fault reason must match [a-z0-9_-]{1,40}, was '" + reason + "'");
            }
        }

        @Override
        public String sensorField() {
            return "fault:" + reason;
        }
    }
}
