package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.ReadRegisters;
import io.waypoint.sim.serial.SlaveFrames.WriteSingle;
import org.junit.jupiter.api.Test;

class Sen0710RegistersTest {
    private final Sen0710Registers map = new Sen0710Registers();

    @Test
    void turbidityIsTenthsOfNtuAndTemperatureTenthsOfDegrees() {
        Answer a = map.answer(new ReadRegisters(1, 0x03, 0, 2), new ProbeMeasurement(3.74, 21.46, 0));
        assertThat(((Answer.Registers) a).values()).containsExactly(37, 215);
    }

    @Test
    void aNegativeTemperatureIsTwosComplement() {
        Answer a = map.answer(new ReadRegisters(1, 0x04, 1, 1), new ProbeMeasurement(0, -2.5, 0));
        assertThat(((Answer.Registers) a).values()).containsExactly(0xFFE7);
    }

    @Test
    void turbidityPinsAtTheEndsOfAnUnsignedRegister() {
        assertThat(((Answer.Registers) map.answer(new ReadRegisters(1, 0x03, 0, 1), new ProbeMeasurement(-3, 20, 0)))
                .values()).containsExactly(0);
        assertThat(((Answer.Registers) map.answer(new ReadRegisters(1, 0x03, 0, 1), new ProbeMeasurement(9000, 20, 0)))
                .values()).containsExactly(0xFFFF);
    }

    @Test
    void readingPastTheTemperatureIsAnIllegalAddress() {
        assertThat(map.answer(new ReadRegisters(1, 0x03, 1, 2), new ProbeMeasurement(1, 20, 0)))
                .isEqualTo(new Answer.Refused(2));
    }

    @Test
    void readingNoRegisterOrMoreThan125IsAnIllegalValue() {
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0, 0), new ProbeMeasurement(1, 20, 0)))
                .isEqualTo(new Answer.Refused(3));
        assertThat(map.answer(new ReadRegisters(1, 0x03, 0, 126), new ProbeMeasurement(1, 20, 0)))
                .isEqualTo(new Answer.Refused(3));
    }

    @Test
    void nothingIsWritable() {
        assertThat(map.answer(new WriteSingle(1, 0, 5), new ProbeMeasurement(1, 20, 0))).isEqualTo(new Answer.Refused(2));
    }
}
