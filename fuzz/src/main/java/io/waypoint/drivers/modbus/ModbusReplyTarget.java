package io.waypoint.drivers.modbus;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import io.waypoint.fuzz.ScriptedSerialLink;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Modbus RTU replies: the fuzz input is every byte the line delivers after a request. It goes
 * through the real reading path, {@link Sen0710Probe} (or the Y511-style {@link FloatRegisterProbe})
 * on a {@link ModbusRtuMaster} with its retries, over a {@link ScriptedSerialLink}; the outcome is
 * the probe's reading, a measurement or a fault by reason. The same bytes are also scanned by
 * {@link RtuReplyDecoder} as the reply to each kind of request the master sends, and every reply it
 * finds is checked against the bytes it came from.
 */
public final class ModbusReplyTarget implements FuzzTarget {
    /** The master keeps 512 bytes; a little more reaches its overflow path. */
    private static final int MAX_BYTES = 600;
    private static final ModbusMasterSettings SETTINGS = new ModbusMasterSettings(Duration.ofMillis(500), 2);
    private static final List<RtuRequest> REQUESTS = List.of(
            RtuRequest.read(1, RtuRequest.READ_HOLDING, 0, 2),
            RtuRequest.read(1, RtuRequest.READ_INPUT, 0, 2),
            RtuRequest.read(1, RtuRequest.READ_HOLDING, 0x2600, 5),
            RtuRequest.read(247, RtuRequest.READ_HOLDING, 0xFFFF, 1),
            RtuRequest.read(1, RtuRequest.READ_HOLDING, 0, 125),
            RtuRequest.writeSingle(1, 0x2500, 1),
            RtuRequest.writeMultiple(1, 0x3100, new int[] {1, 0xFFFF, 0}));

    /** Which probe reads the replies. */
    public enum Probe { SEN0710, Y511 }

    private final Probe probe;

    public ModbusReplyTarget(Probe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return probe == Probe.SEN0710 ? "modbus" : "modbus-float";
    }

    @Override
    public String describe() {
        return probe == Probe.SEN0710
                ? "Modbus RTU replies to a SEN0710 read (ModbusRtuMaster, RtuReplyDecoder, Sen0710Probe)"
                : "Modbus RTU replies to a Y511 start and float read (ModbusRtuMaster, RtuReplyDecoder, FloatOrder)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return probe == Probe.SEN0710 ? RtuReplyGenerator.sen0710Seeds() : RtuReplyGenerator.y511Seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return probe == Probe.SEN0710 ? RtuReplyGenerator.sen0710(random) : RtuReplyGenerator.y511(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of(new byte[] {1, 3, 4}, new byte[] {1, 3, 10}, new byte[] {1, (byte) 0x83}, new byte[] {1, 6, 0x25, 0},
                new byte[] {(byte) 0xC4, 0x0B}, new byte[] {0, 0, 0, 0}, new byte[] {(byte) 0x7F, (byte) 0xC0, 0, 0},
                new byte[] {(byte) 0xFF, (byte) 0xFF});
    }

    @Override
    public Outcome run(byte[] input) {
        for (RtuRequest request : REQUESTS) {
            checkScan(request, input);
        }
        ScriptedSerialLink link = new ScriptedSerialLink(input, probe == Probe.SEN0710 ? 4800 : 9600, Duration.ofMillis(20),
                ModbusReplyTarget::answerEnd);
        ModbusRtuMaster master = new ModbusRtuMaster(link, SETTINGS);
        ProbeReading reading = switch (probe) {
            case SEN0710 -> new Sen0710Probe(master).read();
            case Y511 -> new FloatRegisterProbe(master, FloatRegisterProbe.Settings.y511()).read();
        };
        ModbusStats stats = master.stats();
        InvariantViolation.check(stats.retries() <= (long) SETTINGS.retries() * stats.requests(),
                () -> "more retries than allowed: " + stats);
        if (reading instanceof ProbeReading.Measured m) {
            InvariantViolation.check(m.ntu() >= 0 && m.ntu() <= 4000 && m.temperatureC() >= -20 && m.temperatureC() <= 80,
                    () -> "a measurement outside the probe's range: " + m);
            return Outcome.accepted("measured");
        }
        return Outcome.rejected(((ProbeReading.Fault) reading).reason());
    }

    /**
     * A slave answers a request with the input up to the end of the first frame that could answer
     * it (CRC-valid, of the reply's length or an exception's), and keeps the rest for the next
     * request; now and then it babbles all it has at once, as a line with two slaves on it might.
     */
    private static int answerEnd(byte[] request, byte[] input, int from, SplittableRandom delivery) {
        if (delivery.nextInt(8) == 0) {
            return input.length;
        }
        int function = request[1] & 0xFF;
        int expected = function == RtuRequest.READ_HOLDING || function == RtuRequest.READ_INPUT
                ? 5 + 2 * ((request[4] & 0xFF) << 8 | request[5] & 0xFF) : 8;
        for (int end = from + 5; end <= Math.min(input.length, from + 300); end++) {
            if (end - expected >= from && Crc16Modbus.isValidFrame(input, end - expected, expected)
                    || Crc16Modbus.isValidFrame(input, end - 5, 5)) {
                return end;
            }
        }
        return input.length;
    }

    /** A reply found must lie within the bytes, be as long as the request's reply, end with its CRC. */
    private static void checkScan(RtuRequest request, byte[] bytes) {
        RtuReplyDecoder.Scan scan = RtuReplyDecoder.scan(request, bytes, bytes.length);
        if (scan instanceof RtuReplyDecoder.Scan.Found found) {
            int length = found.end() - found.start();
            InvariantViolation.check(found.start() >= 0 && found.end() <= bytes.length,
                    () -> "a reply outside the bytes: " + found.start() + ".." + found.end() + " of " + bytes.length);
            InvariantViolation.check(Crc16Modbus.isValidFrame(bytes, found.start(), length), "a reply with a bad CRC");
            if (found.reply() instanceof RtuReply.Registers registers) {
                InvariantViolation.check(registers.values().length == request.quantity() && length == request.replyLength(),
                        () -> "registers of the wrong count for " + request);
                for (int v : registers.values()) {
                    InvariantViolation.check(v >= 0 && v <= 0xFFFF, () -> "a register outside 0..65535: " + v);
                }
            } else if (found.reply() instanceof RtuReply.Exception e) {
                InvariantViolation.check(length == 5 && e.code() >= 0 && e.code() <= 255, () -> "an exception frame of " + length + " bytes");
                ModbusExceptionCode.of(e.code()).whatToDo();
            }
        }
    }
}
