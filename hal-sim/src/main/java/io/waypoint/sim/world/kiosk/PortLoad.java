package io.waypoint.sim.world.kiosk;

import java.time.Duration;

/**
 * What is plugged into a charging port: a {@link Phone}, or a {@link DamagedCable} that shorts it.
 * Its current is a pure function of how long the port has been powered, in all, since it was
 * plugged in: the charge a phone took in an earlier stretch of power is not lost when the kiosk
 * switches the port off (load shedding) and on again. {@link ChargingPorts} keeps that sum.
 */
public sealed interface PortLoad permits Phone, DamagedCable {

    /**
     * The current it draws at 5 V, mA, while the port is powered, after {@code powered} of power in
     * all since it was plugged in. An unpowered port carries no current whatever is plugged in.
     */
    double currentMa(Duration powered);
}
