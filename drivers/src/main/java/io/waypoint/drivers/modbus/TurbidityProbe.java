package io.waypoint.drivers.modbus;

/** A turbidity probe on a Modbus line, whatever its register map. */
public interface TurbidityProbe {

    /**
     * Asks the probe for turbidity and temperature now. Blocks for a reply (at most the master's
     * timeout times its attempts per request). Never throws for the probe's or the line's faults:
     * those come back as a {@link ProbeReading.Fault}.
     */
    ProbeReading read();

    /** What the probe is, for technicians: model, address and port. */
    String describe();
}
