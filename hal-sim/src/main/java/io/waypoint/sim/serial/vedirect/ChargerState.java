package io.waypoint.sim.serial.vedirect;

/** What a simulated charge controller reports it is doing: the {@code CS} field of its VE.Direct blocks. */
public enum ChargerState {
    OFF(0), FAULT(2), BULK(3), ABSORPTION(4), FLOAT(5);

    private final int code;

    ChargerState(int code) {
        this.code = code;
    }

    /** The {@code CS} value on the wire. */
    public int code() {
        return code;
    }
}
