package io.waypoint.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatOrderTest {
    // 12.5f is 0x41480000: A=41 B=48 C=00 D=00; -1.5f is 0xBFC00000

    @Test
    void bigEndianSendsTheHighWordFirst() {
        assertThat(FloatOrder.BIG_ENDIAN.registers(12.5f)).containsExactly(0x4148, 0x0000);
    }

    @Test
    void littleEndianSendsTheBytesReversedAsY511() {
        assertThat(FloatOrder.LITTLE_ENDIAN.registers(12.5f)).containsExactly(0x0000, 0x4841);
    }

    @Test
    void wordSwappedSendsTheLowWordFirstAsRemond() {
        assertThat(FloatOrder.WORD_SWAPPED.registers(12.5f)).containsExactly(0x0000, 0x4148);
    }

    @Test
    void byteSwappedSwapsTheBytesOfEachWord() {
        assertThat(FloatOrder.BYTE_SWAPPED.registers(-1.5f)).containsExactly(0xC0BF, 0x0000);
    }
}
