package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.ReadRegisters;
import io.waypoint.sim.serial.SlaveFrames.WriteMultiple;
import io.waypoint.sim.serial.SlaveFrames.WriteSingle;
import org.junit.jupiter.api.Test;

class FloatProbeRegistersTest {
    private final ProbeMeasurement now = new ProbeMeasurement(12.5, -1.5, 0);

    @Test
    void readingBeforeAStartIsBusy() {
        FloatProbeRegisters map = new FloatProbeRegisters(FloatOrder.LITTLE_ENDIAN);
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0x2600, 5), now)).isEqualTo(new Answer.Refused(6));
    }

    @Test
    void afterAStartHoldsTemperatureTurbidityAndTheErrorByte() {
        FloatProbeRegisters map = new FloatProbeRegisters(FloatOrder.LITTLE_ENDIAN);
        assertThat(map.answer(new WriteSingle(1, 0x2500, 1), now)).isEqualTo(new Answer.Written());
        Answer a = map.answer(new ReadRegisters(1, 0x03, 0x2600, 5), new ProbeMeasurement(12.5, -1.5, 0x21));
        // -1.5f = BF C0 00 00, 12.5f = 41 48 00 00, each sent little-endian
        assertThat(((Answer.Registers) a).values()).containsExactly(0x0000, 0xC0BF, 0x0000, 0x4841, 0x2100);
    }

    @Test
    void wordSwappedFloatsKeepEachWordBigEndian() {
        FloatProbeRegisters map = new FloatProbeRegisters(FloatOrder.WORD_SWAPPED);
        map.answer(new WriteMultiple(1, 0x2500, new int[] {1}), now);
        Answer a = map.answer(new ReadRegisters(1, 0x04, 0x2602, 2), now);
        assertThat(((Answer.Registers) a).values()).containsExactly(0x0000, 0x4148);
    }

    @Test
    void writingAnywhereButTheStartRegisterIsAnIllegalAddress() {
        FloatProbeRegisters map = new FloatProbeRegisters(FloatOrder.LITTLE_ENDIAN);
        assertThat(map.answer(new WriteSingle(1, 0x3100, 1), now)).isEqualTo(new Answer.Refused(2));
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0x2600, 1), now)).isEqualTo(new Answer.Refused(6));
    }

    @Test
    void readingOutsideTheDataBlockIsAnIllegalAddress() {
        FloatProbeRegisters map = new FloatProbeRegisters(FloatOrder.LITTLE_ENDIAN);
        map.answer(new WriteSingle(1, 0x2500, 1), now);
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0x2603, 3), now)).isEqualTo(new Answer.Refused(2));
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0x0000, 2), now)).isEqualTo(new Answer.Refused(2));
    }
}
