package io.waypoint.drivers.modem;

/**
 * Receives what an {@link AtModem} sees. Called on the modem's own thread, in order; a listener must
 * return quickly (hand long work to another thread), since the modem waits meanwhile. An exception
 * thrown here is logged and otherwise ignored.
 */
public interface ModemListener {

    /** The call in progress moved on. */
    void call(CallEvent event);

    /** The modem's status changed (also once when it is first known). */
    void status(ModemStatus status);
}
