package io.waypoint.drivers.modbus;

/** Why an attempt got no usable reply. */
public enum ReplyProblem {
    /** Nothing came back within the timeout. */
    NO_REPLY("no_reply", "no reply", "check the RS-485 wiring (A/B swapped?), the probe's power, its address and baud"),
    /** A reply came with a wrong checksum. */
    CRC("crc", "replies with a bad checksum", "keep the RS-485 cable away from mains, use twisted pair, "
            + "terminate both ends with 120 ohm"),
    /** A valid frame came from another slave address. */
    WRONG_ADDRESS("wrong_address", "a reply from another slave address",
            "check that every device on the line has its own address and the probe's is the configured one"),
    /** A reply stopped short. */
    TRUNCATED("truncated", "replies cut short", "check the connector and the termination; check the baud rate"),
    /** Bytes that are no frame at all. */
    GARBAGE("garbage", "noise instead of a reply", "check the baud rate and the RS-485 wiring and termination");

    private final String reason;
    private final String meaning;
    private final String whatToDo;

    ReplyProblem(String reason, String meaning, String whatToDo) {
        this.reason = reason;
        this.meaning = meaning;
        this.whatToDo = whatToDo;
    }

    /** The reason token, as in {@code fault:<reason>}. */
    public String reason() {
        return reason;
    }

    /** What happened, in words. */
    public String meaning() {
        return meaning;
    }

    /** What a technician should check. */
    public String whatToDo() {
        return whatToDo;
    }
}
