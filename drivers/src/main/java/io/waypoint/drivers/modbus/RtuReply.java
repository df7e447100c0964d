package io.waypoint.drivers.modbus;

/** A valid reply to a request: registers, a write acknowledged, or an exception. */
sealed interface RtuReply {

    record Registers(int[] values) implements RtuReply {
    }

    record Written() implements RtuReply {
    }

    record Exception(int code) implements RtuReply {
    }
}
