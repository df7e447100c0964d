package io.waypoint.sim.world.kiosk;

/** How the kiosk's GSM modem behaves on its serial line. */
public enum ModemBehaviour {
    /** Answers AT commands as it should. */
    OK,
    /** Answers nothing at all (hung, or unpowered). */
    SILENT,
    /** Answers with garbage bytes, including ones that are not UTF-8. */
    GARBAGE
}
