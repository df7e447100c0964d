package io.waypoint.sim.world.kiosk;

import java.time.Instant;

/**
 * The kiosk's power system at an instant, as its battery-bus sensor or solar charge controller
 * would report it.
 *
 * @param at             when
 * @param stateOfCharge  the battery's charge, 0 (empty) to 1 (full)
 * @param batteryV       the battery's terminal voltage: its resting voltage (12.7 V full, 12.06 V
 *                       half, 10.5 V empty), less a sag under load, more while charging
 * @param batteryA       the battery's current, A: positive charging, negative discharging
 * @param panelV         the panel's voltage, V (0 at night)
 * @param solarW         what the controller takes from the panel, W (VE.Direct {@code PPV}): less
 *                       than the panel could give when the battery is nearly full
 * @param loadW          the kiosk's load, W, as given to {@link SolarBattery#advance}
 * @param charger        what the controller is doing
 * @param harvestedWh    energy taken from the panel since the start of the run, Wh
 * @param empty          the battery is empty: the load gets only what the panel gives now
 */
public record PowerReading(Instant at, double stateOfCharge, double batteryV, double batteryA, double panelV,
                           double solarW, double loadW, ChargerState charger, double harvestedWh, boolean empty) {
}
