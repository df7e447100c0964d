package io.waypoint.drivers.modbus;

import static io.waypoint.drivers.modbus.Hex.bytes;
import static io.waypoint.drivers.modbus.Hex.concat;
import static io.waypoint.drivers.modbus.Hex.withCrc;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.drivers.modbus.RtuReplyDecoder.Scan;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RtuReplyDecoderTest {
    private static final RtuRequest READ_TWO = RtuRequest.read(1, 0x03, 0, 2);
    private static final byte[] REPLY = withCrc("01 03 04 00 25 00 D6");
    private static final byte[] NOISE = bytes("FF FE 00 C3 28 80 A0");

    private static Scan scan(RtuRequest request, byte[] bytes) {
        return RtuReplyDecoder.scan(request, bytes, bytes.length);
    }

    private static int[] registers(Scan scan) {
        return ((RtuReply.Registers) ((Scan.Found) scan).reply()).values();
    }

    @Test
    void findsAReplyThatIsAllTheBytes() {
        Scan s = scan(READ_TWO, REPLY);
        assertThat(registers(s)).containsExactly(0x0025, 0x00D6);
        assertThat((Scan.Found) s).extracting(Scan.Found::start, Scan.Found::end).containsExactly(0, 9);
    }

    @Test
    void findsAReplyAfterNoise() {
        Scan s = scan(READ_TWO, concat(NOISE, REPLY));
        assertThat(registers(s)).containsExactly(0x0025, 0x00D6);
        assertThat(((Scan.Found) s).start()).isEqualTo(NOISE.length);
    }

    @Test
    void findsAReplyAfterNoiseThatLooksLikeItsStart() {
        // 01 03 then a wrong byte count: a false start the decoder must step over
        Scan s = scan(READ_TWO, concat(bytes("01 03 C3 01 03"), REPLY));
        assertThat(registers(s)).containsExactly(0x0025, 0x00D6);
    }

    @Test
    void findsAReplyFollowedByNoiseAndSaysWhereItEnds() {
        Scan s = scan(READ_TWO, concat(REPLY, NOISE));
        assertThat(((Scan.Found) s).end()).isEqualTo(9);
    }

    @Test
    void anExceptionReplyIsFound() {
        Scan s = scan(READ_TWO, withCrc("01 83 06"));
        assertThat(((Scan.Found) s).reply()).isEqualTo(new RtuReply.Exception(6));
    }

    @Test
    void aWriteIsAcknowledgedByItsEcho() {
        RtuRequest write = RtuRequest.writeSingle(1, 0x2500, 1);
        assertThat(((Scan.Found) scan(write, withCrc("01 06 25 00 00 01"))).reply()).isEqualTo(new RtuReply.Written());
        RtuRequest writeMany = RtuRequest.writeMultiple(1, 0x2500, new int[] {1, 2});
        assertThat(((Scan.Found) scan(writeMany, withCrc("01 10 25 00 00 02"))).reply()).isEqualTo(new RtuReply.Written());
    }

    @Test
    void anEchoOfADifferentValueIsNoAcknowledgement() {
        RtuRequest write = RtuRequest.writeSingle(1, 0x2500, 1);
        assertThat(scan(write, withCrc("01 06 25 00 00 02"))).isEqualTo(new Scan.NotFound(ReplyProblem.GARBAGE));
    }

    @Test
    void nothingReceivedIsNoReply() {
        assertThat(scan(READ_TWO, new byte[0])).isEqualTo(new Scan.NotFound(ReplyProblem.NO_REPLY));
    }

    @Test
    void thePartOfAReplyIsTruncatedUntilTheRestComes() {
        assertThat(scan(READ_TWO, Arrays.copyOf(REPLY, 6))).isEqualTo(new Scan.NotFound(ReplyProblem.TRUNCATED));
        assertThat(scan(READ_TWO, Arrays.copyOf(REPLY, 1))).isEqualTo(new Scan.NotFound(ReplyProblem.TRUNCATED));
        assertThat(scan(READ_TWO, REPLY)).isInstanceOf(Scan.Found.class);
    }

    @Test
    void aReplyWithABadCrcIsACrcError() {
        byte[] bad = REPLY.clone();
        bad[8] ^= 0x5A;
        assertThat(scan(READ_TWO, bad)).isEqualTo(new Scan.NotFound(ReplyProblem.CRC));
    }

    @Test
    void aValidFrameFromAnotherAddressIsTheWrongAddress() {
        assertThat(scan(READ_TWO, withCrc("02 03 04 00 25 00 D6"))).isEqualTo(new Scan.NotFound(ReplyProblem.WRONG_ADDRESS));
    }

    @Test
    void noiseIsGarbage() {
        assertThat(scan(READ_TWO, NOISE)).isEqualTo(new Scan.NotFound(ReplyProblem.GARBAGE));
    }

    @Test
    void aLateReplyToAnotherReadIsNotThisReply() {
        // one register instead of two: a stale answer to an earlier request
        assertThat(scan(READ_TWO, withCrc("01 03 02 00 25"))).isEqualTo(new Scan.NotFound(ReplyProblem.GARBAGE));
    }

    @Test
    void theReplyToAnotherFunctionIsNotThisReply() {
        assertThat(scan(READ_TWO, withCrc("01 04 04 00 25 00 D6"))).isEqualTo(new Scan.NotFound(ReplyProblem.GARBAGE));
    }

    @Test
    void onlyTheFirstLengthBytesCount() {
        byte[] buffer = concat(REPLY, new byte[20]);
        assertThat(RtuReplyDecoder.scan(READ_TWO, buffer, 8)).isEqualTo(new Scan.NotFound(ReplyProblem.TRUNCATED));
    }
}
