package io.waypoint.sim.serial;

import static io.waypoint.sim.serial.Frames.hex;
import static io.waypoint.sim.serial.Frames.withCrc;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.SlaveFrames.Answer;
import io.waypoint.sim.serial.SlaveFrames.Malformed;
import io.waypoint.sim.serial.SlaveFrames.ReadRegisters;
import io.waypoint.sim.serial.SlaveFrames.Unsupported;
import io.waypoint.sim.serial.SlaveFrames.WriteMultiple;
import io.waypoint.sim.serial.SlaveFrames.WriteSingle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlaveFramesTest {

    @Test
    void parsesAReadHoldingRequest() {
        assertThat(SlaveFrames.parse(hex("01 03 00 00 00 02 C4 0B")))
                .contains(new ReadRegisters(1, 0x03, 0x0000, 2));
    }

    @Test
    void parsesAReadInputRequest() {
        assertThat(SlaveFrames.parse(withCrc("07 04 26 00 00 05"))).contains(new ReadRegisters(7, 0x04, 0x2600, 5));
    }

    @Test
    void parsesAWriteSingleRequest() {
        assertThat(SlaveFrames.parse(withCrc("01 06 25 00 00 01"))).contains(new WriteSingle(1, 0x2500, 1));
    }

    @Test
    void parsesAWriteMultipleRequest() {
        WriteMultiple w = (WriteMultiple) SlaveFrames.parse(withCrc("01 10 25 00 00 02 04 00 01 AB CD")).orElseThrow();
        assertThat(w.unit()).isEqualTo(1);
        assertThat(w.address()).isEqualTo(0x2500);
        assertThat(w.values()).containsExactly(0x0001, 0xABCD);
    }

    @Test
    void ignoresAFrameWithABadCrc() {
        assertThat(SlaveFrames.parse(hex("01 03 00 00 00 02 C4 0C"))).isEmpty();
    }

    @Test
    void ignoresAFrameTooShortToBeARequest() {
        assertThat(SlaveFrames.parse(hex("01 03 00"))).isEmpty();
        assertThat(SlaveFrames.parse(new byte[0])).isEmpty();
    }

    @Test
    void anUnknownFunctionIsUnsupported() {
        assertThat(SlaveFrames.parse(withCrc("01 2B 0E 01 00"))).contains(new Unsupported(1, 0x2B));
    }

    @Test
    void aReadOfTheWrongLengthIsMalformed() {
        assertThat(SlaveFrames.parse(withCrc("01 03 00 00 00"))).contains(new Malformed(1, 0x03));
    }

    @Test
    void aWriteMultipleWhoseByteCountDisagreesIsMalformed() {
        assertThat(SlaveFrames.parse(withCrc("01 10 25 00 00 02 02 00 01"))).contains(new Malformed(1, 0x10));
    }

    @Test
    void encodesARegistersReply() {
        byte[] reply = SlaveFrames.reply(1, new ReadRegisters(1, 0x03, 0, 2), new Answer.Registers(new int[] {0x0064, 0xFF38}));
        assertThat(hex(reply)).isEqualTo(hex(withCrc("01 03 04 00 64 FF 38")));
    }

    @Test
    void echoesAWriteSingle() {
        byte[] reply = SlaveFrames.reply(1, new WriteSingle(1, 0x2500, 1), new Answer.Written());
        assertThat(hex(reply)).isEqualTo(hex(withCrc("01 06 25 00 00 01")));
    }

    @Test
    void acknowledgesAWriteMultipleWithAddressAndQuantity() {
        byte[] reply = SlaveFrames.reply(1, new WriteMultiple(1, 0x2500, new int[] {1, 2}), new Answer.Written());
        assertThat(hex(reply)).isEqualTo(hex(withCrc("01 10 25 00 00 02")));
    }

    @Test
    void anExceptionReplySetsTheTopBitOfTheFunction() {
        byte[] reply = SlaveFrames.reply(1, new ReadRegisters(1, 0x04, 9, 1), new Answer.Refused(2));
        assertThat(hex(reply)).isEqualTo(hex(withCrc("01 84 02")));
        assertThat(reply).hasSize(5);
    }

    @Test
    void silenceIsThreeAndAHalfElevenBitCharacters() {
        assertThat(SlaveFrames.silence(4800)).isEqualTo(Duration.ofNanos(8_020_833));
        assertThat(SlaveFrames.silence(19_200)).isEqualTo(Duration.ofNanos(2_005_208));
    }

    @Test
    void silenceIsFixedAboveNineteenThousandTwoHundredBaud() {
        assertThat(SlaveFrames.silence(38_400)).isEqualTo(Duration.ofNanos(1_750_000));
        assertThat(SlaveFrames.silence(115_200)).isEqualTo(Duration.ofNanos(1_750_000));
    }
}
