package io.waypoint.drivers.vedirect;

/**
 * What a Victron charge controller says it is doing: the {@code CS} field of a VE.Direct block.
 * Codes the protocol defines but a solar charger does not use (inverting, power supply) are here so
 * that no reading is lost; a code this table does not know is {@link #UNKNOWN}.
 */
public enum ChargeState {
    OFF(0),
    LOW_POWER(1),
    FAULT(2),
    BULK(3),
    ABSORPTION(4),
    FLOAT(5),
    STORAGE(6),
    EQUALIZE(7),
    INVERTING(9),
    POWER_SUPPLY(11),
    STARTING_UP(245),
    REPEATED_ABSORPTION(246),
    AUTO_EQUALIZE(247),
    BATTERY_SAFE(248),
    EXTERNAL_CONTROL(252),
    UNKNOWN(-1);

    private final int code;

    ChargeState(int code) {
        this.code = code;
    }

    /** The {@code CS} value on the wire; -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The state for a {@code CS} value, {@link #UNKNOWN} for one the protocol table does not list. */
    public static ChargeState of(int code) {
        for (ChargeState s : values()) {
            if (s.code == code && s != UNKNOWN) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** Whether the controller is putting charge into the battery (bulk, absorption, float, equalize). */
    public boolean isCharging() {
        return switch (this) {
            case BULK, ABSORPTION, FLOAT, EQUALIZE, REPEATED_ABSORPTION, AUTO_EQUALIZE -> true;
            default -> false;
        };
    }
}
