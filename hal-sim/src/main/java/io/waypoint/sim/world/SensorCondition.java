package io.waypoint.sim.world;

/**
 * How a simulated sensor misreports the world. The emulated device decides what that means for its
 * output (an unplugged analog sensor reads near 0 V; an unplugged Modbus probe does not answer).
 */
public sealed interface SensorCondition {

    /** Reports the truth (plus the device's own small noise). */
    record Ok() implements SensorCondition {}

    /** Reports the truth plus {@code offsetNtu}: an unwiped optical window, an aging LED. */
    record Drift(double offsetNtu) implements SensorCondition {}

    /** Reports the same value whatever the water does: {@code ntu} is what it is stuck at. */
    record Stuck(double ntu) implements SensorCondition {}

    /** Not connected: no signal at all. */
    record Unplugged() implements SensorCondition {}

    SensorCondition OK = new Ok();
    SensorCondition UNPLUGGED = new Unplugged();
}
