package io.waypoint.sim.serial;

import static io.waypoint.sim.serial.Frames.hex;
import static io.waypoint.sim.serial.Frames.withCrc;
import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.sim.serial.ModbusFault.Placement;
import io.waypoint.sim.world.SensorCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The slave through a real pseudo-terminal, spoken to in hand-built frames. */
class ModbusProbeSlaveTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(150);
    private static final byte[] READ_BOTH = withCrc("01 03 00 00 00 02");

    private final AtomicReference<Instant> worldTime = new AtomicReference<>(TestWell.T0);
    private ModbusProbeSlave slave;
    private DriverEnd driver;

    private void start(ModbusProbeSlave.Config config, TestWell well) throws Exception {
        slave = ModbusProbeSlave.start(config, well, worldTime::get);
        driver = DriverEnd.open(slave.driverPort());
    }

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (slave != null) {
            slave.close();
        }
    }

    private byte[] ask(byte[] request, int replyLength) throws Exception {
        driver.write(request);
        return driver.await(replyLength, WAIT);
    }

    @Test
    void answersASen0710ReadWithTheWorldsTurbidityAndTemperature() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        // 37 = 0x0025 tenths of NTU, 214 = 0x00D6 tenths of °C
        assertThat(hex(ask(READ_BOTH, 9))).isEqualTo(hex(withCrc("01 03 04 00 25 00 D6")));
    }

    @Test
    void answersFunction04WithTheSameMap() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        assertThat(hex(ask(withCrc("01 04 00 01 00 01"), 7))).isEqualTo(hex(withCrc("01 04 02 00 D6")));
    }

    @Test
    void valuesFollowSimulatedTime() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), new TestWell(1.0, 2.0, 20));
        assertThat(hex(ask(withCrc("01 03 00 00 00 01"), 7))).isEqualTo(hex(withCrc("01 03 02 00 0A")));
        worldTime.set(TestWell.T0.plus(Duration.ofHours(3)));
        assertThat(hex(ask(withCrc("01 03 00 00 00 01"), 7))).isEqualTo(hex(withCrc("01 03 02 00 46")));
    }

    @Test
    void aStuckSensorReportsWhereItIsStuck() throws Exception {
        TestWell well = TestWell.steady(3.7, 20);
        start(ModbusProbeSlave.Config.sen0710(), well);
        well.sensor(new SensorCondition.Stuck(0.5));
        assertThat(hex(ask(withCrc("01 03 00 00 00 01"), 7))).isEqualTo(hex(withCrc("01 03 02 00 05")));
    }

    @Test
    void aDriftingSensorAddsItsOffset() throws Exception {
        TestWell well = TestWell.steady(3.7, 20);
        start(ModbusProbeSlave.Config.sen0710(), well);
        well.sensor(new SensorCondition.Drift(1.5));
        assertThat(hex(ask(withCrc("01 03 00 00 00 01"), 7))).isEqualTo(hex(withCrc("01 03 02 00 34")));
    }

    @Test
    void anUnpluggedProbeNeverAnswers() throws Exception {
        TestWell well = TestWell.steady(3.7, 20);
        start(ModbusProbeSlave.Config.sen0710(), well);
        well.sensor(SensorCondition.UNPLUGGED);
        driver.write(READ_BOTH);
        driver.assertNothingWithin(QUIET);
    }

    @Test
    void ignoresRequestsForOtherAddressesAndBadChecksums() throws Exception {
        start(ModbusProbeSlave.Config.sen0710().withUnit(5), TestWell.steady(3.7, 20));
        driver.write(READ_BOTH);
        driver.assertNothingWithin(QUIET);
        driver.write(hex("05 03 00 00 00 02 00 00"));
        driver.assertNothingWithin(QUIET);
        assertThat(ask(withCrc("05 03 00 00 00 01"), 7)).startsWith(0x05, 0x03, 0x02);
    }

    @Test
    void answersExceptionsForUnknownFunctionsBadAddressesAndBadQuantities() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 20));
        assertThat(hex(ask(withCrc("01 01 00 00 00 01"), 5))).isEqualTo(hex(withCrc("01 81 01")));
        assertThat(hex(ask(withCrc("01 03 00 05 00 01"), 5))).isEqualTo(hex(withCrc("01 83 02")));
        assertThat(hex(ask(withCrc("01 04 00 00 00 00"), 5))).isEqualTo(hex(withCrc("01 84 03")));
    }

    @Test
    void aRequestInPiecesWithinTheFrameGapIsOneRequest() throws Exception {
        // 110 baud: a frame ends after 350 ms of silence, far longer than two writes take even on a busy machine
        start(ModbusProbeSlave.Config.sen0710().withBaud(110), TestWell.steady(3.7, 21.4));
        driver.write(new byte[] {READ_BOTH[0], READ_BOTH[1], READ_BOTH[2]});
        driver.write(java.util.Arrays.copyOfRange(READ_BOTH, 3, READ_BOTH.length));
        assertThat(hex(driver.await(9, WAIT))).isEqualTo(hex(withCrc("01 03 04 00 25 00 D6")));
    }

    @Test
    void aRequestBrokenByAFrameGapIsNoRequest() throws Exception {
        start(ModbusProbeSlave.Config.sen0710().withBaud(9600), TestWell.steady(3.7, 21.4));
        driver.write(new byte[] {READ_BOTH[0], READ_BOTH[1], READ_BOTH[2]});
        Thread.sleep(100);
        driver.write(java.util.Arrays.copyOfRange(READ_BOTH, 3, READ_BOTH.length));
        driver.assertNothingWithin(QUIET);
        assertThat(slave.requestsReceived()).isZero();
    }

    @Test
    void y511StartsMeasuringOnAWriteThenHoldsLittleEndianFloats() throws Exception {
        start(ModbusProbeSlave.Config.y511(), TestWell.steady(12.5, -1.5));
        byte[] read = withCrc("01 03 26 00 00 05");
        assertThat(hex(ask(read, 5))).isEqualTo(hex(withCrc("01 83 06")));
        assertThat(hex(ask(withCrc("01 06 25 00 00 01"), 8))).isEqualTo(hex(withCrc("01 06 25 00 00 01")));
        assertThat(hex(ask(read, 15))).isEqualTo(hex(withCrc("01 03 0A 00 00 C0 BF 00 00 48 41 00 00")));
    }

    @Test
    void remondStyleFloatsAreWordSwapped() throws Exception {
        start(ModbusProbeSlave.Config.y511().withProfile(ProbeProfile.REMOND), TestWell.steady(12.5, -1.5));
        assertThat(hex(ask(withCrc("01 10 25 00 00 01 02 00 01"), 8))).isEqualTo(hex(withCrc("01 10 25 00 00 01")));
        assertThat(hex(ask(withCrc("01 03 26 00 00 04"), 13)))
                .isEqualTo(hex(withCrc("01 03 08 00 00 BF C0 00 00 41 48")));
    }

    @Test
    void aBroadcastStartIsObeyedWithoutAReply() throws Exception {
        start(ModbusProbeSlave.Config.y511(), TestWell.steady(12.5, 20));
        driver.write(withCrc("00 06 25 00 00 01"));
        driver.assertNothingWithin(QUIET);
        assertThat(ask(withCrc("01 03 26 02 00 02"), 9)).startsWith(0x01, 0x03, 0x04);
    }

    @Test
    void theErrorByteFlagsAProbeError() throws Exception {
        start(ModbusProbeSlave.Config.y511(), TestWell.steady(12.5, 20));
        ask(withCrc("01 06 25 00 00 01"), 8);
        slave.setFault(new ModbusFault.ProbeError(0x21));
        assertThat(hex(ask(withCrc("01 03 26 04 00 01"), 7))).isEqualTo(hex(withCrc("01 03 02 21 00")));
    }

    @Test
    void noReplyFaultSwallowsTheRequest() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.NoReply());
        driver.write(READ_BOTH);
        driver.assertNothingWithin(QUIET);
        assertThat(slave.requestsReceived()).isEqualTo(1);
    }

    @Test
    void badCrcFaultCorruptsOnlyTheChecksum() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.BadCrc());
        byte[] reply = ask(READ_BOTH, 9);
        assertThat(ModbusCrc.isValid(reply)).isFalse();
        assertThat(hex(reply)).startsWith("01 03 04 00 25 00 D6");
    }

    @Test
    void aFaultForOneReplyThenSwitchesItselfOff() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.BadCrc(), 1);
        assertThat(ModbusCrc.isValid(ask(READ_BOTH, 9))).isFalse();
        assertThat(ModbusCrc.isValid(ask(READ_BOTH, 9))).isTrue();
    }

    @Test
    void exceptionFaultAnswersEveryRequestWithTheCode() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.ExceptionReply(6));
        assertThat(hex(ask(READ_BOTH, 5))).isEqualTo(hex(withCrc("01 83 06")));
        slave.clearFault();
        assertThat(ask(READ_BOTH, 9)).hasSize(9);
    }

    @Test
    void otherAddressFaultSendsAValidFrameFromAnotherSlave() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.OtherAddress(2));
        assertThat(hex(ask(READ_BOTH, 9))).isEqualTo(hex(withCrc("02 03 04 00 25 00 D6")));
    }

    @Test
    void garbageBeforeTheReplyComesFirstThenTheReply() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        ModbusFault.Garbage garbage = ModbusFault.Garbage.of(Placement.BEFORE);
        slave.setFault(garbage);
        byte[] got = ask(READ_BOTH, garbage.bytes().length + 9);
        assertThat(hex(got)).isEqualTo(hex(garbage.bytes()) + " " + hex(withCrc("01 03 04 00 25 00 D6")));
    }

    @Test
    void garbageAfterTheReplyFollowsIt() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        byte[] noise = {(byte) 0xFF, (byte) 0xC0, (byte) 0xAF};
        slave.setFault(new ModbusFault.Garbage(Placement.AFTER, noise));
        assertThat(hex(ask(READ_BOTH, 12))).isEqualTo(hex(withCrc("01 03 04 00 25 00 D6")) + " FF C0 AF");
    }

    @Test
    void garbageInsteadOfTheReplyIsAllThatComes() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        byte[] noise = {(byte) 0xFE, (byte) 0xFF, 0x00};
        slave.setFault(new ModbusFault.Garbage(Placement.INSTEAD, noise));
        assertThat(ask(READ_BOTH, 3)).isEqualTo(noise);
        driver.assertNothingWithin(QUIET);
    }

    @Test
    void slowReplyComesOnlyAfterTheDelay() throws Exception {
        start(ModbusProbeSlave.Config.sen0710(), TestWell.steady(3.7, 21.4));
        slave.setFault(new ModbusFault.SlowReply(Duration.ofMillis(400)));
        driver.write(READ_BOTH);
        driver.assertNothingWithin(Duration.ofMillis(200));
        assertThat(hex(driver.await(9, WAIT))).isEqualTo(hex(withCrc("01 03 04 00 25 00 D6")));
    }
}
