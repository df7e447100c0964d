package io.waypoint.sim.serial;

import java.time.Duration;
import java.util.Optional;

/**
 * The slave's side of Modbus RTU framing: requests in, replies out. Pure: no I/O, no time.
 *
 * <p>A frame is {@code unit, function, data..., crc-low, crc-high}. A frame whose CRC is wrong, or
 * that is too short to carry a unit and a function, is no request at all: a real slave stays silent,
 * and so does this one ({@link #parse} is empty).
 */
final class SlaveFrames {
    static final int READ_HOLDING = 0x03;
    static final int READ_INPUT = 0x04;
    static final int WRITE_SINGLE = 0x06;
    static final int WRITE_MULTIPLE = 0x10;

    /** Exception codes of the Modbus application protocol. */
    static final int ILLEGAL_FUNCTION = 1;
    static final int ILLEGAL_DATA_ADDRESS = 2;
    static final int ILLEGAL_DATA_VALUE = 3;
    static final int SERVER_BUSY = 6;

    private SlaveFrames() {
    }

    /** A request with a valid CRC. */
    sealed interface Request {
        int unit();

        int function();
    }

    /** 0x03 or 0x04. */
    record ReadRegisters(int unit, int function, int address, int quantity) implements Request {
    }

    /** 0x06. */
    record WriteSingle(int unit, int address, int value) implements Request {
        @Override
        public int function() {
            return WRITE_SINGLE;
        }
    }

    /** 0x10. */
    record WriteMultiple(int unit, int address, int[] values) implements Request {
        @Override
        public int function() {
            return WRITE_MULTIPLE;
        }
    }

    /** A function this slave does not implement: answered with exception 1. */
    record Unsupported(int unit, int function) implements Request {
    }

    /** A known function whose data has the wrong length: answered with exception 3. */
    record Malformed(int unit, int function) implements Request {
    }

    /** What a register map answers to a request. */
    sealed interface Answer {
        record Registers(int[] values) implements Answer {
        }

        record Written() implements Answer {
        }

        record Refused(int exceptionCode) implements Answer {
        }
    }

    /** The request in {@code frame}, or empty when it is no valid frame (the slave ignores it). */
    static Optional<Request> parse(byte[] frame) {
        if (frame.length < 4 || !ModbusCrc.isValid(frame)) {
            return Optional.empty();
        }
        int unit = frame[0] & 0xFF;
        int function = frame[1] & 0xFF;
        int dataLength = frame.length - 4;
        return Optional.of(switch (function) {
            case READ_HOLDING, READ_INPUT -> dataLength != 4 ? new Malformed(unit, function)
                    : new ReadRegisters(unit, function, word(frame, 2), word(frame, 4));
            case WRITE_SINGLE -> dataLength != 4 ? new Malformed(unit, function)
                    : new WriteSingle(unit, word(frame, 2), word(frame, 4));
            case WRITE_MULTIPLE -> writeMultiple(frame, unit);
            default -> new Unsupported(unit, function);
        });
    }

    private static Request writeMultiple(byte[] frame, int unit) {
        int dataLength = frame.length - 4;
        if (dataLength < 5) {
            return new Malformed(unit, WRITE_MULTIPLE);
        }
        int quantity = word(frame, 4);
        int byteCount = frame[6] & 0xFF;
        if (byteCount != 2 * quantity || dataLength != 5 + byteCount) {
            return new Malformed(unit, WRITE_MULTIPLE);
        }
        int[] values = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            values[i] = word(frame, 7 + 2 * i);
        }
        return new WriteMultiple(unit, word(frame, 2), values);
    }

    /** The reply frame, from {@code unit}, that answers {@code request} with {@code answer}. */
    static byte[] reply(int unit, Request request, Answer answer) {
        if (answer instanceof Answer.Refused refused) {
            return exception(unit, request.function(), refused.exceptionCode());
        }
        if (answer instanceof Answer.Registers registers) {
            int[] values = registers.values();
            byte[] body = new byte[3 + 2 * values.length];
            body[0] = (byte) unit;
            body[1] = (byte) request.function();
            body[2] = (byte) (2 * values.length);
            for (int i = 0; i < values.length; i++) {
                body[3 + 2 * i] = (byte) (values[i] >>> 8);
                body[4 + 2 * i] = (byte) values[i];
            }
            return ModbusCrc.append(body);
        }
        // a write is acknowledged by echoing the address and the value (0x06) or the quantity (0x10)
        if (request instanceof WriteSingle w) {
            return ModbusCrc.append(new byte[] {(byte) unit, WRITE_SINGLE, (byte) (w.address() >>> 8),
                    (byte) w.address(), (byte) (w.value() >>> 8), (byte) w.value()});
        }
        if (request instanceof WriteMultiple w) {
            int n = w.values().length;
            return ModbusCrc.append(new byte[] {(byte) unit, WRITE_MULTIPLE, (byte) (w.address() >>> 8),
                    (byte) w.address(), (byte) (n >>> 8), (byte) n});
        }
        throw new IllegalArgumentException(answer + " does not answer " + request);
    }

    /** An exception reply: the function with its top bit set, then the code. */
    static byte[] exception(int unit, int function, int code) {
        return ModbusCrc.append(new byte[] {(byte) unit, (byte) (function | 0x80), (byte) code});
    }

    /**
     * The silence that ends a frame: 3.5 characters of 11 bits (the Modbus serial line spec counts
     * 11 bits a character whatever the parity), fixed at 1.75 ms above 19,200 baud.
     */
    static Duration silence(int baud) {
        if (baud > 19_200) {
            return Duration.ofNanos(1_750_000);
        }
        return Duration.ofNanos(Math.round(3.5 * 11 * 1e9 / baud));
    }

    private static int word(byte[] frame, int offset) {
        return (frame[offset] & 0xFF) << 8 | frame[offset + 1] & 0xFF;
    }
}
