package io.waypoint.sim.site;

import io.waypoint.sim.world.kiosk.ChargingPorts;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * What the kiosk draws from its 12 V battery, from what it powers: each powered port's current at
 * {@value #PORT_VOLTS} V through a {@value #CONVERTER_EFFICIENCY}-efficient 12 V to 5 V converter,
 * each closed relay's coil ({@value #RELAY_COIL_W} W), and a base of {@value #BASE_W} W for the
 * board, router, modem and screen, {@value #CALL_W} W more while a call is up (the modem
 * transmitting).
 */
final class KioskLoad {
    static final double PORT_VOLTS = 5.1;
    static final double CONVERTER_EFFICIENCY = 0.9;
    static final double BASE_W = 8;
    static final double CALL_W = 2;
    static final double RELAY_COIL_W = 0.4;

    /** The current through a port at an instant, amperes. */
    @FunctionalInterface
    interface PortCurrent {
        double amps(int port, Instant t);
    }

    private final int ports;
    private final ChargingPorts relays;
    private final PortCurrent current;
    private final BooleanSupplier callUp;

    KioskLoad(int ports, ChargingPorts relays, PortCurrent current, BooleanSupplier callUp) {
        this.ports = ports;
        this.relays = relays;
        this.current = current;
        this.callUp = callUp;
    }

    /** The load at {@code t}, watts. */
    double watts(Instant t) {
        double portsW = 0;
        int closed = 0;
        for (int port = 1; port <= ports; port++) {
            if (relays.powered(port, t)) {
                closed++;
                portsW += current.amps(port, t) * PORT_VOLTS;
            }
        }
        return BASE_W + (callUp.getAsBoolean() ? CALL_W : 0) + closed * RELAY_COIL_W + portsW / CONVERTER_EFFICIENCY;
    }
}
