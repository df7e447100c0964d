package io.waypoint.sim.world.kiosk;

import java.time.Duration;

/**
 * A phone on a damaged cable that shorts the port: while powered it draws {@code currentMa}, far
 * above any phone (an INA219 on an 8 mΩ shunt reads up to about 5 A), from the first moment.
 *
 * @param currentMa the short's current at 5 V, mA
 */
public record DamagedCable(int currentMa) implements PortLoad {
    public DamagedCable {
        if (currentMa <= 0) {
            throw new IllegalArgumentException("a short draws current, was " + currentMa + " mA");
        }
    }

    @Override
    public double currentMa(Duration powered) {
        return currentMa;
    }
}
