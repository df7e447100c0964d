package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16ModbusTest {

    @Test
    void checkValueOfTheStandardString() {
        assertThat(Crc16Modbus.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x4B37);
    }

    @Test
    void theTextbookReadRequestIsValid() {
        assertThat(Crc16Modbus.isValidFrame(Hex.bytes("01 03 00 00 00 02 C4 0B"))).isTrue();
    }

    @Test
    void aFlippedBitOrSwappedCrcBytesAreInvalid() {
        assertThat(Crc16Modbus.isValidFrame(Hex.bytes("01 03 00 00 00 03 C4 0B"))).isFalse();
        assertThat(Crc16Modbus.isValidFrame(Hex.bytes("01 03 00 00 00 02 0B C4"))).isFalse();
    }

    @Test
    void appendsTheCrcLowByteFirst() {
        assertThat(Hex.of(Crc16Modbus.append(Hex.bytes("01 03 00 00 00 02")))).isEqualTo("01 03 00 00 00 02 C4 0B");
    }

    @Test
    void checksAFrameInsideABuffer() {
        byte[] buffer = Hex.bytes("FF FE 01 03 00 00 00 02 C4 0B 00");
        assertThat(Crc16Modbus.isValidFrame(buffer, 2, 8)).isTrue();
        assertThat(Crc16Modbus.isValidFrame(buffer, 1, 8)).isFalse();
    }

    @Test
    void tooShortToCarryACrcIsInvalid() {
        assertThat(Crc16Modbus.isValidFrame(new byte[] {(byte) 0xFF, (byte) 0xFF})).isFalse();
    }
}
