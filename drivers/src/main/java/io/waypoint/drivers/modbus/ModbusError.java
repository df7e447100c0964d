package io.waypoint.drivers.modbus;

import java.time.Duration;

/** Why a Modbus request failed: the typed content of a {@link ModbusException}. */
public sealed interface ModbusError {

    /** A short reason token ({@code [a-z0-9_]}), as in a sensor state {@code fault:<reason>}. */
    String reason();

    /**
     * Every attempt went unanswered or was answered unusably.
     *
     * @param problem what the last attempt got
     */
    record NoValidReply(ReplyProblem problem, int attempts, Duration timeout) implements ModbusError {
        @Override
        public String reason() {
            return problem.reason();
        }
    }

    /**
     * The device answered with an exception: it heard the request and refused it. Not retried (it
     * would answer the same); busy (6) is worth asking again later.
     *
     * @param function the function that was refused
     * @param code     the exception code on the wire
     */
    record ExceptionReply(int function, int code) implements ModbusError {
        public ModbusExceptionCode kind() {
            return ModbusExceptionCode.of(code);
        }

        @Override
        public String reason() {
            return "exception_" + code;
        }
    }

    /** The serial port itself failed or was closed. */
    record LinkFailure(String detail) implements ModbusError {
        @Override
        public String reason() {
            return "io";
        }
    }
}
