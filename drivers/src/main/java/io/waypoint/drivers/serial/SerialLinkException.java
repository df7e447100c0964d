package io.waypoint.drivers.serial;

import java.io.IOException;

/**
 * A serial port could not be opened or stopped working. The message names the port, what happened
 * and what a technician should check, in one line for the console.
 */
public final class SerialLinkException extends IOException {
    private final String port;

    SerialLinkException(String port, String message, Throwable cause) {
        super(message, cause);
        this.port = port;
    }

    /** The port's path. */
    public String port() {
        return port;
    }

    static SerialLinkException notFound(String port, Throwable cause) {
        return new SerialLinkException(port, "serial port " + port + ": not found: check that the USB/RS-485 adapter "
                + "is plugged in and that the configured path is right (ls /dev/ttyUSB* /dev/ttyAMA* /dev/serial/by-id/)",
                cause);
    }

    static SerialLinkException permissionDenied(String port, Throwable cause) {
        return new SerialLinkException(port, "serial port " + port + ": permission denied: add the service user to the "
                + "dialout group (sudo usermod -aG dialout <user>) and restart the service", cause);
    }

    static SerialLinkException busy(String port, Throwable cause) {
        return new SerialLinkException(port, "serial port " + port + ": busy: another program has it open (a serial "
                + "console or getty on it, ModemManager, a second waypoint process): stop it or use another port", cause);
    }

    static SerialLinkException notSerial(String port, Throwable cause) {
        return new SerialLinkException(port, port + " is not a serial port: check the configured path", cause);
    }

    static SerialLinkException lost(String port, String what, Throwable cause) {
        return new SerialLinkException(port, "serial port " + port + ": " + what + ": check the adapter is still "
                + "plugged in and its cable, then reopen the port", cause);
    }

    static SerialLinkException closed(String port) {
        return new SerialLinkException(port, "serial port " + port + ": closed by this program", null);
    }

    static SerialLinkException nativeLibrary(String port, Throwable cause) {
        return new SerialLinkException(port, "serial port " + port + ": the jssc native library does not load on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (" + cause.getMessage()
                + "): install the waypoint build for this board", cause);
    }
}
