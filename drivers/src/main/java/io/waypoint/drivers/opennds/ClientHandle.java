package io.waypoint.drivers.opennds;

/**
 * A phone on the portal's Wi-Fi, as the kiosk may know it: an opaque random number chosen by the
 * adapter when it first saw the phone, kept only in memory and meaning nothing outside this
 * process. It is not derived from the phone's MAC or IP address, so it can be logged; it stops
 * working once the phone is no longer listed.
 */
public final class ClientHandle {
    private final long id;

    ClientHandle(long id) {
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientHandle other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    /** {@code wifi-client-} and the random number in hex. */
    @Override
    public String toString() {
        return "wifi-client-" + Long.toHexString(id);
    }
}
