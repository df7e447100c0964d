package io.waypoint.sim.serial;

import io.waypoint.sim.world.SensorCondition;
import io.waypoint.sim.world.WellPhysics;
import java.time.Duration;
import java.time.Instant;

/**
 * A well for tests: turbidity rises by {@code ntuPerHour} from {@code baseNtu} at {@link #T0}, the
 * sensor is in a condition the test sets.
 */
final class TestWell implements WellPhysics {
    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");

    private final double baseNtu;
    private final double ntuPerHour;
    private final double temperatureC;
    private volatile SensorCondition condition = SensorCondition.OK;

    TestWell(double baseNtu, double ntuPerHour, double temperatureC) {
        this.baseNtu = baseNtu;
        this.ntuPerHour = ntuPerHour;
        this.temperatureC = temperatureC;
    }

    static TestWell steady(double ntu, double temperatureC) {
        return new TestWell(ntu, 0, temperatureC);
    }

    void sensor(SensorCondition c) {
        condition = c;
    }

    @Override
    public double flowLpm(Instant t) {
        return 0;
    }

    @Override
    public double turbidityNtu(Instant t) {
        return baseNtu + ntuPerHour * Duration.between(T0, t).toSeconds() / 3600.0;
    }

    @Override
    public SensorCondition turbiditySensor(Instant t) {
        return condition;
    }

    @Override
    public double waterTemperatureC(Instant t) {
        return temperatureC;
    }
}
