package io.waypoint.sim.world;

import java.time.Instant;

/**
 * What a well's sensors physically face at an instant of simulated time: the contract between the
 * simulated world (demand, rain, a clogging filter, a failing sensor) and the emulated devices that
 * turn it into volts, pulses and Modbus registers. Implementations are pure functions of time (and
 * of the scenario): asking twice for the same instant gives the same answer, so emulations may ask
 * as often as they like and tests are reproducible.
 */
public interface WellPhysics {

    /** Water flowing through the flow meter, L/min (>= 0). */
    double flowLpm(Instant t);

    /** Turbidity of the water at the sensor, NTU (>= 0): the truth, before any sensor fault. */
    double turbidityNtu(Instant t);

    /** The state of the turbidity sensor (analog or Modbus): how it misreports the truth, if it does. */
    SensorCondition turbiditySensor(Instant t);

    /** Water temperature at the probe, °C (Modbus probes report it). */
    default double waterTemperatureC(Instant t) {
        return 22.0;
    }
}
