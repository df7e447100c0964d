package io.waypoint.sim.serial;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.ReadRegisters;
import io.waypoint.sim.serial.SlaveFrames.Request;
import io.waypoint.sim.serial.SlaveFrames.WriteMultiple;
import io.waypoint.sim.serial.SlaveFrames.WriteSingle;
import java.util.Arrays;

/**
 * Yosemitech Y511 style: a write to 0x2500 starts measuring; 0x2600.. hold temperature and
 * turbidity as float32, then the error byte.
 */
final class FloatProbeRegisters implements RegisterMap {
    static final int START_MEASUREMENT = 0x2500;
    static final int DATA = 0x2600;
    static final int DATA_COUNT = 5;

    private final FloatOrder order;
    private boolean measuring;

    FloatProbeRegisters(FloatOrder order) {
        this.order = order;
    }

    @Override
    public Answer answer(Request request, ProbeMeasurement now) {
        if (request instanceof WriteSingle w) {
            return start(w.address());
        }
        if (request instanceof WriteMultiple w) {
            return start(w.address());
        }
        ReadRegisters read = (ReadRegisters) request;
        if (!RegisterMap.validReadQuantity(read.quantity())) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_VALUE);
        }
        if (read.address() < DATA || read.address() + read.quantity() > DATA + DATA_COUNT) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_ADDRESS);
        }
        if (!measuring) {
            return new Answer.Refused(SlaveFrames.SERVER_BUSY);
        }
        int[] temperature = order.registers((float) now.temperatureC());
        int[] turbidity = order.registers((float) now.ntu());
        int[] all = {temperature[0], temperature[1], turbidity[0], turbidity[1], (now.errorCode() & 0xFF) << 8};
        int from = read.address() - DATA;
        return new Answer.Registers(Arrays.copyOfRange(all, from, from + read.quantity()));
    }

    private Answer start(int address) {
        if (address != START_MEASUREMENT) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_ADDRESS);
        }
        measuring = true;
        return new Answer.Written();
    }
}
