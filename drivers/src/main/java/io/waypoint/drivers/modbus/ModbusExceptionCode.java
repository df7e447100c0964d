package io.waypoint.drivers.modbus;

/** The exception codes a Modbus device answers with: what each means and what to do about it. */
public enum ModbusExceptionCode {
    ILLEGAL_FUNCTION(1, "illegal function",
            "the device does not support this function: check the configured probe model (some read with 0x04 only)"),
    ILLEGAL_DATA_ADDRESS(2, "illegal data address",
            "the device has no such register: check the configured probe model and its register map"),
    ILLEGAL_DATA_VALUE(3, "illegal data value",
            "the device rejected the value or the register count: check the configured probe model"),
    SERVER_DEVICE_FAILURE(4, "device failure",
            "the device reports an internal failure: power-cycle it; replace it if this persists"),
    ACKNOWLEDGE(5, "acknowledge", "the device is still working on the request: read again later"),
    SERVER_DEVICE_BUSY(6, "device busy", "the device is busy: retry later"),
    MEMORY_PARITY_ERROR(8, "memory parity error",
            "the device's memory is faulty: power-cycle it; replace it if this persists"),
    GATEWAY_PATH_UNAVAILABLE(10, "gateway path unavailable", "check the Modbus gateway's configuration"),
    GATEWAY_TARGET_FAILED(11, "gateway target failed to respond", "check the device behind the Modbus gateway"),
    UNKNOWN(0, "unknown exception", "look the code up in the device's manual");

    private final int code;
    private final String meaning;
    private final String whatToDo;

    ModbusExceptionCode(int code, String meaning, String whatToDo) {
        this.code = code;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    /** The code on the wire (0 for {@link #UNKNOWN}). */
    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public String whatToDo() {
        return whatToDo;
    }

    /** The known exception with {@code code}, else {@link #UNKNOWN}. */
    public static ModbusExceptionCode of(int code) {
        for (ModbusExceptionCode c : values()) {
            if (c.code == code && c != UNKNOWN) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
