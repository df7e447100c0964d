package io.waypoint.drivers.modbus;

import io.waypoint.sim.world.SensorCondition;
import io.waypoint.sim.world.WellPhysics;
import java.time.Instant;

/** A well whose water does not change; the test sets how the probe's sensor misreports it. */
final class SteadyWell implements WellPhysics {
    private final double ntu;
    private final double temperatureC;
    private volatile SensorCondition sensor = SensorCondition.OK;

    SteadyWell(double ntu, double temperatureC) {
        this.ntu = ntu;
        this.temperatureC = temperatureC;
    }

    void sensor(SensorCondition condition) {
        sensor = condition;
    }

    @Override
    public double flowLpm(Instant t) {
        return 0;
    }

    @Override
    public double turbidityNtu(Instant t) {
        return ntu;
    }

    @Override
    public SensorCondition turbiditySensor(Instant t) {
        return sensor;
    }

    @Override
    public double waterTemperatureC(Instant t) {
        return temperatureC;
    }
}
