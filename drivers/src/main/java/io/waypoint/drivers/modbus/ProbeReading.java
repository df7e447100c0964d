package io.waypoint.drivers.modbus;

import java.util.regex.Pattern;

/**
 * What a {@link TurbidityProbe} gave: a measurement, or a fault. A value outside the probe's range is
 * a fault, never a measurement: a sensor that reads out of its physical range is broken, not the water.
 */
public sealed interface ProbeReading {

    /** Turbidity in NTU (within the probe's range) and the water temperature in °C. */
    record Measured(double ntu, double temperatureC) implements ProbeReading {
    }

    /**
     * No usable value.
     *
     * @param reason a token of 1 to 40 of {@code a-z 0-9 _ -}, e.g. {@code no_reply}, {@code crc},
     *               {@code exception_4}, {@code ntu_out_of_range}
     * @param detail one line for a technician: the probe, the value, what to do
     */
    record Fault(String reason, String detail) implements ProbeReading {
        private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,40}");

        public Fault {
            if (!REASON.matcher(reason).matches()) {
                throw new IllegalArgumentException("a fault reason is 1 to 40 of a-z, 0-9, '_' and '-', was '"
                        + reason + "'");
            }
        }

        /** The wire's sensor state: {@code fault:<reason>}. */
        public String sensorState() {
            return "fault:" + reason;
        }
    }

    /** A fault from a failed Modbus request. */
    static Fault of(ModbusException e) {
        return new Fault(e.error().reason(), e.getMessage());
    }

    /**
     * A measurement, or a fault when turbidity is outside 0..{@code maxNtu} or the temperature
     * outside -20..80 °C (or either is not a number).
     *
     * @param probe what the probe is, for the fault's detail
     */
    static ProbeReading checked(String probe, double ntu, double temperatureC, double maxNtu) {
        if (!(ntu >= 0 && ntu <= maxNtu)) {
            return new Fault("ntu_out_of_range", probe + " reads " + ntu + " NTU, outside 0 to " + maxNtu
                    + " NTU: clean the optical window and check the probe; the value is not used");
        }
        if (!(temperatureC >= -20 && temperatureC <= 80)) {
            return new Fault("temperature_out_of_range", probe + " reads " + temperatureC
                    + " °C, outside -20 to 80 °C: its sensor is faulty; check the probe and its cable");
        }
        return new Measured(ntu, temperatureC);
    }
}
