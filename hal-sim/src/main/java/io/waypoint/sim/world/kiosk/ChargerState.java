package io.waypoint.sim.world.kiosk;

/** What the solar charge controller is doing, with its VE.Direct {@code CS} code. */
public enum ChargerState {
    /** No sun to charge with (night). */
    OFF(0),
    /** Charging with all the current the panel gives, below 80 %. */
    BULK(3),
    /** Above 80 %: the battery takes less and less. */
    ABSORPTION(4),
    /** Full: the panel covers the load and holds the battery there. */
    FLOAT(5);

    private final int veDirect;

    ChargerState(int veDirect) {
        this.veDirect = veDirect;
    }

    /** The value of the {@code CS} label of a VE.Direct text block. */
    public int veDirectCode() {
        return veDirect;
    }
}
