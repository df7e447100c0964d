package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloatOrderTest {
    // 12.5f is 0x41480000 (bytes A=41 B=48 C=00 D=00); -1.5f is 0xBFC00000

    @Test
    void bigEndianReadsTheHighWordFirst() {
        assertThat(FloatOrder.BIG_ENDIAN.decode(0x4148, 0x0000)).isEqualTo(12.5f);
    }

    @Test
    void littleEndianReadsTheBytesReversedAsY511() {
        assertThat(FloatOrder.LITTLE_ENDIAN.decode(0x0000, 0x4841)).isEqualTo(12.5f);
        assertThat(FloatOrder.LITTLE_ENDIAN.decode(0x0000, 0xC0BF)).isEqualTo(-1.5f);
    }

    @Test
    void wordSwappedReadsTheLowWordFirstAsRemond() {
        assertThat(FloatOrder.WORD_SWAPPED.decode(0x0000, 0x4148)).isEqualTo(12.5f);
    }

    @Test
    void byteSwappedSwapsTheBytesOfEachWord() {
        assertThat(FloatOrder.BYTE_SWAPPED.decode(0xC0BF, 0x0000)).isEqualTo(-1.5f);
    }

    @Test
    void theWrongOrderGivesANonsenseValue() {
        assertThat(FloatOrder.BIG_ENDIAN.decode(0x0000, 0x4841)).isNotEqualTo(12.5f);
    }
}
