package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModbusCrcTest {

    @Test
    void checkValueOfTheStandardString() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(ModbusCrc.of(data, 0, data.length)).isEqualTo(0x4B37);
    }

    @Test
    void acceptsTheTextbookReadRequest() {
        assertThat(ModbusCrc.isValid(Frames.hex("01 03 00 00 00 02 C4 0B"))).isTrue();
    }

    @Test
    void rejectsAFrameWithOneBitFlipped() {
        assertThat(ModbusCrc.isValid(Frames.hex("01 03 00 01 00 02 C4 0B"))).isFalse();
    }

    @Test
    void appendsLowByteFirst() {
        assertThat(ModbusCrc.append(Frames.hex("01 03 00 00 00 02"))).isEqualTo(Frames.hex("01 03 00 00 00 02 C4 0B"));
    }
}
