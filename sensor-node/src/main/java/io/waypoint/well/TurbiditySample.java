package io.waypoint.well;

/**
 * One turbidity sample as the node uses it, whichever sensor gave it: NTU, or a fault that is
 * never a water reading.
 *
 * @param ntu    turbidity, or NaN when the sensor could not give a water reading
 * @param sensor the wire's sensor state: {@code ok} or {@code fault:<reason>}
 * @param detail for the technician: the part, the value, what to check (empty when ok)
 * @param volts  the analog sensor's output volts it came from (NaN for a Modbus probe): what a
 *               calibration point is taken at
 */
record TurbiditySample(double ntu, String sensor, String detail, double volts) {
    static TurbiditySample ok(double ntu, double volts) {
        return new TurbiditySample(ntu, "ok", "", volts);
    }

    static TurbiditySample fault(String sensor, String detail, double volts) {
        return new TurbiditySample(Double.NaN, sensor, detail, volts);
    }

    boolean isOk() {
        return sensor.equals("ok");
    }
}
