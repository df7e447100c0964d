package io.waypoint.drivers.modbus;

/**
 * A Modbus request failed. {@link #error()} says why, as a type to switch on; the message says it in
 * one line for a technician: the port, the device address, the request, what happened, what to check.
 */
public final class ModbusException extends Exception {
    private final transient ModbusError error;

    ModbusException(ModbusError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public ModbusError error() {
        return error;
    }
}
