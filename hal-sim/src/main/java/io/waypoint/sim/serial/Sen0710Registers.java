package io.waypoint.sim.serial;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.ReadRegisters;
import io.waypoint.sim.serial.SlaveFrames.Request;
import java.util.Arrays;

/** DFRobot SEN0710: 0x0000 turbidity uint16 ×10 NTU, 0x0001 temperature int16 ×10 °C. */
final class Sen0710Registers implements RegisterMap {
    static final int TURBIDITY = 0x0000;
    static final int TEMPERATURE = 0x0001;
    private static final int COUNT = 2;

    @Override
    public Answer answer(Request request, ProbeMeasurement now) {
        if (!(request instanceof ReadRegisters read)) {
            // nothing on this map is writable
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_ADDRESS);
        }
        if (!RegisterMap.validReadQuantity(read.quantity())) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_VALUE);
        }
        if (read.address() + read.quantity() > COUNT) {
            return new Answer.Refused(SlaveFrames.ILLEGAL_DATA_ADDRESS);
        }
        int[] all = {clamp(Math.round(now.ntu() * 10), 0, 0xFFFF),
                clamp(Math.round(now.temperatureC() * 10), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF};
        return new Answer.Registers(Arrays.copyOfRange(all, read.address(), read.address() + read.quantity()));
    }

    // a uint16 cannot go negative or past 6553.5 NTU: the probe pins, it does not wrap
    private static int clamp(long value, int min, int max) {
        return (int) Math.max(min, Math.min(max, value));
    }
}
