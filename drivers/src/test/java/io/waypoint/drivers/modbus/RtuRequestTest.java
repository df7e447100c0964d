package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtuRequestTest {

    @Test
    void readHoldingIsTheTextbookFrame() {
        assertThat(Hex.of(RtuRequest.read(1, 0x03, 0, 2).frame())).isEqualTo("01 03 00 00 00 02 C4 0B");
    }

    @Test
    void readInputCarriesAddressAndQuantityBigEndian() {
        assertThat(Hex.of(RtuRequest.read(7, 0x04, 0x2600, 5).frame())).isEqualTo(Hex.of(Hex.withCrc("07 04 26 00 00 05")));
    }

    @Test
    void writeSingleCarriesTheValue() {
        assertThat(Hex.of(RtuRequest.writeSingle(1, 0x2500, 0xABCD).frame()))
                .isEqualTo(Hex.of(Hex.withCrc("01 06 25 00 AB CD")));
    }

    @Test
    void writeMultipleCarriesQuantityByteCountAndValues() {
        assertThat(Hex.of(RtuRequest.writeMultiple(1, 0x2500, new int[] {1, 0xFFFF}).frame()))
                .isEqualTo(Hex.of(Hex.withCrc("01 10 25 00 00 02 04 00 01 FF FF")));
    }

    @Test
    void replyLengthsFollowTheFunction() {
        assertThat(RtuRequest.read(1, 0x03, 0, 2).replyLength()).isEqualTo(9);
        assertThat(RtuRequest.writeSingle(1, 0, 0).replyLength()).isEqualTo(8);
        assertThat(RtuRequest.writeMultiple(1, 0, new int[] {1, 2, 3}).replyLength()).isEqualTo(8);
    }

    @Test
    void refusesWhatNoFrameCanCarry() {
        assertThatThrownBy(() -> RtuRequest.read(0, 0x03, 0, 1)).hasMessageContaining("1 to 247, was 0");
        assertThatThrownBy(() -> RtuRequest.read(248, 0x03, 0, 1)).hasMessageContaining("was 248");
        assertThatThrownBy(() -> RtuRequest.read(1, 0x03, 0, 126)).hasMessageContaining("1 to 125 registers, was 126");
        assertThatThrownBy(() -> RtuRequest.read(1, 0x03, 0xFFFF, 2)).hasMessageContaining("past 65535");
        assertThatThrownBy(() -> RtuRequest.writeSingle(1, 0, 0x10000)).hasMessageContaining("0 to 65535, was 65536");
        assertThatThrownBy(() -> RtuRequest.writeMultiple(1, 0, new int[0])).hasMessageContaining("1 to 123");
    }
}
