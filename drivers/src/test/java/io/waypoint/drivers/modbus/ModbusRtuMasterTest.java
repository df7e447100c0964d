package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.serial.ModbusFault;
import io.waypoint.sim.serial.ModbusFault.Placement;
import io.waypoint.sim.serial.ModbusProbeSlave;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The master against a simulated probe through a real pseudo-terminal, with every line fault. */
class ModbusRtuMasterTest {
    private SimulatedLine line;

    private ModbusRtuMaster sen0710() throws Exception {
        line = SimulatedLine.start(ModbusProbeSlave.Config.sen0710(), new SteadyWell(3.7, 21.4));
        return line.master;
    }

    private ModbusRtuMaster sen0710Impatient() throws Exception {
        sen0710();
        return line.impatient;
    }

    @AfterEach
    void stop() {
        if (line != null) {
            line.close();
        }
    }

    private static ModbusError errorOf(ThrowingRead read) {
        ModbusException e = catchThrowableOfType(ModbusException.class, read::run);
        assertThat(e).as("a ModbusException").isNotNull();
        return e.error();
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void readsHoldingRegisters() throws Exception {
        assertThat(sen0710().readHoldingRegisters(1, 0x0000, 2)).containsExactly(37, 214);
    }

    @Test
    void readsInputRegisters() throws Exception {
        assertThat(sen0710().readInputRegisters(1, 0x0001, 1)).containsExactly(214);
    }

    @Test
    void writesASingleRegister() throws Exception {
        line = SimulatedLine.start(ModbusProbeSlave.Config.y511(), new SteadyWell(12.5, 20));
        line.master.writeSingleRegister(1, 0x2500, 1);
        // the write started the measurement, so the data block now answers
        assertThat(line.master.readHoldingRegisters(1, 0x2600, 5)).hasSize(5);
    }

    @Test
    void writesMultipleRegisters() throws Exception {
        line = SimulatedLine.start(ModbusProbeSlave.Config.y511(), new SteadyWell(12.5, 20));
        line.master.writeMultipleRegisters(1, 0x2500, 1, 2);
        assertThat(line.master.readHoldingRegisters(1, 0x2602, 2)).containsExactly(0x0000, 0x4841);
    }

    @Test
    void countsRequestsAndReplies() throws Exception {
        ModbusRtuMaster master = sen0710();
        for (int i = 0; i < 5; i++) {
            master.readHoldingRegisters(1, 0, 2);
        }
        assertThat(master.stats()).isEqualTo(new ModbusStats(5, 5, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(master.stats().toString()).startsWith("requests 5, replies 5, exceptions 0");
    }

    @Test
    void noReplyTimesOutAfterEveryRetry() throws Exception {
        ModbusRtuMaster master = sen0710Impatient();
        line.slave.setFault(new ModbusFault.NoReply());
        ModbusException e = catchThrowableOfType(ModbusException.class, () -> master.readHoldingRegisters(1, 0, 2));
        assertThat(e.error()).isEqualTo(new ModbusError.NoValidReply(ReplyProblem.NO_REPLY, 3, Duration.ofMillis(250)));
        assertThat(e.error().reason()).isEqualTo("no_reply");
        assertThat(e.getMessage()).contains("unit 1", line.link.port(), "no reply", "3 attempts", "A/B", "4800 baud");
        assertThat(line.slave.requestsReceived()).isEqualTo(3);
        assertThat(master.stats()).extracting(ModbusStats::requests, ModbusStats::retries, ModbusStats::timeouts)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBadCrcIsRetriedAndTheRetrySucceeds() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(new ModbusFault.BadCrc(), 1);
        assertThat(master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
        assertThat(line.slave.requestsReceived()).isEqualTo(2);
        assertThat(master.stats()).extracting(ModbusStats::crcErrors, ModbusStats::retries, ModbusStats::replies)
                .containsExactly(1L, 1L, 1L);
    }

    @Test
    void badCrcEveryTimeIsACrcFault() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(new ModbusFault.BadCrc());
        ModbusError error = errorOf(() -> master.readHoldingRegisters(1, 0, 2));
        assertThat(error).isEqualTo(new ModbusError.NoValidReply(ReplyProblem.CRC, 3, Duration.ofSeconds(2)));
        assertThat(error.reason()).isEqualTo("crc");
        assertThat(master.stats().crcErrors()).isEqualTo(3);
    }

    @Test
    void anExceptionReplyIsATypedErrorAndIsNotRetried() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(new ModbusFault.ExceptionReply(6));
        ModbusException e = catchThrowableOfType(ModbusException.class, () -> master.readHoldingRegisters(1, 0, 2));
        ModbusError.ExceptionReply reply = (ModbusError.ExceptionReply) e.error();
        assertThat(reply.function()).isEqualTo(0x03);
        assertThat(reply.code()).isEqualTo(6);
        assertThat(reply.kind()).isEqualTo(ModbusExceptionCode.SERVER_DEVICE_BUSY);
        assertThat(reply.reason()).isEqualTo("exception_6");
        assertThat(e.getMessage()).contains("exception 6", "busy", "retry later", line.link.port());
        assertThat(line.slave.requestsReceived()).isEqualTo(1);
        assertThat(master.stats().exceptions()).isEqualTo(1);
    }

    @Test
    void aMissingRegisterIsAnIllegalAddressException() throws Exception {
        ModbusRtuMaster master = sen0710();
        ModbusError error = errorOf(() -> master.readHoldingRegisters(1, 0x0005, 1));
        assertThat(((ModbusError.ExceptionReply) error).kind()).isEqualTo(ModbusExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void noiseBeforeTheReplyIsSkipped() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(ModbusFault.Garbage.of(Placement.BEFORE));
        for (int i = 0; i < 3; i++) {
            assertThat(master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
        }
        assertThat(line.slave.requestsReceived()).as("no retries were needed").isEqualTo(3);
        assertThat(master.stats().garbage()).isGreaterThanOrEqualTo(3);
        assertThat(master.stats().discardedBytes()).isGreaterThanOrEqualTo(3L * ModbusFault.Garbage.of(Placement.BEFORE).bytes().length);
    }

    @Test
    void noiseAfterTheReplyDoesNotDisturbTheNextRequest() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(ModbusFault.Garbage.of(Placement.AFTER));
        for (int i = 0; i < 5; i++) {
            assertThat(master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
        }
        assertThat(master.stats().replies()).isEqualTo(5);
    }

    @Test
    void noiseInsteadOfTheReplyIsAGarbageFaultThenTheNextRequestWorks() throws Exception {
        ModbusRtuMaster master = sen0710Impatient();
        line.slave.setFault(ModbusFault.Garbage.of(Placement.INSTEAD));
        assertThat(errorOf(() -> master.readHoldingRegisters(1, 0, 2)).reason()).isEqualTo("garbage");
        assertThat(master.stats().garbage()).isEqualTo(3);
        line.slave.clearFault();
        assertThat(line.master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
    }

    @Test
    void aReplyCutShortIsTruncatedAndRetriedAtOnce() throws Exception {
        // the patient master: waiting out its 2 s timeouts would show as timeouts, and take 6 s
        ModbusRtuMaster master = sen0710();
        line.slave.setFault(new ModbusFault.Garbage(Placement.INSTEAD, Hex.bytes("01 03 04 00 25")));
        assertThat(errorOf(() -> master.readHoldingRegisters(1, 0, 2)).reason()).isEqualTo("truncated");
        assertThat(master.stats().truncated()).isEqualTo(3);
        assertThat(master.stats().timeouts()).as("a damaged reply is retried without waiting out the timeout")
                .isZero();
    }

    @Test
    void aSlowReplyTimesOutAndItsLateArrivalIsThrownAway() throws Exception {
        sen0710();
        ModbusRtuMaster oneRetry = new ModbusRtuMaster(line.link, new ModbusMasterSettings(Duration.ofMillis(250), 1));
        // far beyond both attempts, so that even a stalled test thread cannot meet the late reply
        line.slave.setFault(new ModbusFault.SlowReply(Duration.ofSeconds(2)));
        assertThat(errorOf(() -> oneRetry.readHoldingRegisters(1, 0, 2)).reason()).isEqualTo("no_reply");
        assertThat(oneRetry.stats().timeouts()).isEqualTo(2);
        line.slave.clearFault();
        // the two late replies arrive while other requests are made: neither may be taken for their reply
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
            assertThat(line.master.readInputRegisters(1, 1, 1)).containsExactly(214);
            Thread.sleep(50);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(line.master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
            assertThat(line.master.stats().discardedBytes()).isGreaterThanOrEqualTo(2 * 9);
        });
    }

    @Test
    void aReplyFromAnotherAddressIsIgnored() throws Exception {
        ModbusRtuMaster master = sen0710Impatient();
        line.slave.setFault(new ModbusFault.OtherAddress(2));
        ModbusError error = errorOf(() -> master.readHoldingRegisters(1, 0, 2));
        assertThat(error.reason()).isEqualTo("wrong_address");
        assertThat(master.stats().wrongAddress()).isEqualTo(3);
        line.slave.clearFault();
        assertThat(line.master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
    }

    @Test
    void aProbeAtAnotherAddressNeverAnswers() throws Exception {
        ModbusRtuMaster master = sen0710Impatient();
        assertThat(errorOf(() -> master.readHoldingRegisters(9, 0, 2)).reason()).isEqualTo("no_reply");
        assertThat(line.slave.requestsReceived()).isZero();
    }

    @Test
    void concurrentRequestsTakeTurns() throws Exception {
        ModbusRtuMaster master = sen0710();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                results.add(pool.submit(() -> master.readHoldingRegisters(1, 0, 2)));
            }
            for (Future<int[]> r : results) {
                assertThat(r.get()).containsExactly(37, 214);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(master.stats().retries()).isZero();
    }

    @Test
    void aClosedLinkIsALinkFailureNamingThePort() throws Exception {
        ModbusRtuMaster master = sen0710();
        line.link.close();
        ModbusException e = catchThrowableOfType(ModbusException.class, () -> master.readHoldingRegisters(1, 0, 2));
        assertThat(e.error()).isInstanceOf(ModbusError.LinkFailure.class);
        assertThat(e.error().reason()).isEqualTo("io");
        assertThat(e.getMessage()).contains(line.link.port());
    }

    @Test
    void refusesARequestNoFrameCanCarry() throws Exception {
        ModbusRtuMaster master = sen0710();
        assertThatThrownBy(() -> master.readHoldingRegisters(0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void worksAtHighBaudWhereTheGapIsFixed() throws Exception {
        line = SimulatedLine.start(ModbusProbeSlave.Config.sen0710().withBaud(115_200), new SteadyWell(3.7, 21.4));
        line.slave.setFault(ModbusFault.Garbage.of(Placement.BEFORE));
        for (int i = 0; i < 3; i++) {
            assertThat(line.master.readHoldingRegisters(1, 0, 2)).containsExactly(37, 214);
        }
    }
}
