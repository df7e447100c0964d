package io.waypoint.drivers.modbus;

import io.waypoint.fuzz.HostileValues;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what a probe might send back: reply frames for the driver's requests, with a valid CRC
 * most of the time (so the fuzz gets past the CRC into the values), exceptions, other units, other
 * functions, wrong byte counts, noise before and after, frames cut short, a second frame for a retry,
 * and register values at and beyond the probe's range (floats NaN, infinite, negative, huge).
 */
final class RtuReplyGenerator {
    private static final float[] FLOATS = {0f, -0f, 0.4f, 1f, 4.9f, 5.1f, 12.5f, 21.3f, 80f, 80.01f, -20f, -20.01f,
            3999.9f, 4000f, 4000.1f, 1e9f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.intBitsToFloat(0x7FC00001)};

    private RtuReplyGenerator() {
    }

    /** The replies to one SEN0710 read (unit 1, function 3 or 4, two registers). */
    static byte[] sen0710(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        noise(out, r, 0.15);
        int frames = r.nextInt(10) < 8 ? 1 : r.nextInt(2, 4);
        for (int f = 0; f < frames; f++) {
            int function = r.nextInt(10) < 8 ? RtuRequest.READ_HOLDING : pick(r, RtuRequest.READ_INPUT, 0x83, 0x84, 0x06, 0x90, 0x7F, 0);
            byte[] body;
            if ((function & 0x80) != 0) {
                body = new byte[] {(byte) unit(r), (byte) function, (byte) exceptionCode(r)};
            } else {
                int count = r.nextInt(10) < 9 ? 4 : pick(r, 0, 2, 3, 5, 250, 255);
                body = new byte[3 + Math.max(4, Math.min(count, 8))];
                body[0] = (byte) unit(r);
                body[1] = (byte) function;
                body[2] = (byte) count;
                int turbidity = r.nextInt(4) == 0 ? pick(r, 0, 40000, 40001, 0xFFFF, 0x8000) : r.nextInt(0, 2000);
                int temperature = r.nextInt(4) == 0 ? pick(r, -200, -201, 800, 801, 0x7FFF, 0x8000) : r.nextInt(-50, 400);
                putWord(body, 3, turbidity);
                putWord(body, 5, temperature);
                for (int i = 7; i < body.length; i++) {
                    body[i] = (byte) r.nextInt(256);
                }
            }
            frame(out, body, r);
        }
        noise(out, r, 0.1);
        return out.toByteArray();
    }

    /** The replies to one Y511 reading: the echo of the start write, then the five data registers. */
    static byte[] y511(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        noise(out, r, 0.1);
        if (r.nextInt(12) == 0) {
            frame(out, new byte[] {(byte) unit(r), (byte) 0x86, (byte) exceptionCode(r)}, r);
        } else {
            int value = r.nextInt(10) < 9 ? 1 : r.nextInt(0x10000);
            byte[] echo = {(byte) unit(r), 0x06, 0x25, 0x00, (byte) (value >> 8), (byte) value};
            if (r.nextInt(15) == 0) {
                echo[2] = (byte) r.nextInt(256);
            }
            frame(out, echo, r);
        }
        if (r.nextInt(12) == 0) {
            frame(out, new byte[] {(byte) unit(r), (byte) 0x83, (byte) exceptionCode(r)}, r);
        } else {
            int count = r.nextInt(12) < 11 ? 10 : pick(r, 0, 8, 9, 11, 255);
            byte[] body = new byte[3 + 10];
            body[0] = (byte) unit(r);
            body[1] = 0x03;
            body[2] = (byte) count;
            FloatOrder order = r.nextInt(6) < 5 ? FloatOrder.LITTLE_ENDIAN : FloatOrder.values()[r.nextInt(4)];
            putFloat(body, 3, order, temperature(r));
            putFloat(body, 7, order, turbidity(r));
            body[11] = (byte) (r.nextInt(6) == 0 ? r.nextInt(1, 256) : 0);
            body[12] = (byte) r.nextInt(256);
            frame(out, body, r);
        }
        noise(out, r, 0.1);
        return out.toByteArray();
    }

    static List<byte[]> sen0710Seeds() {
        return List.of(Crc16Modbus.append(new byte[] {1, 3, 4, 0, 125, 0, (byte) 215}),
                Crc16Modbus.append(new byte[] {1, (byte) 0x83, 2}),
                Crc16Modbus.append(new byte[] {1, 3, 4, 0x01, (byte) 0xF4, (byte) 0xFF, (byte) 0xCE}));
    }

    static List<byte[]> y511Seeds() {
        byte[] echo = Crc16Modbus.append(new byte[] {1, 6, 0x25, 0, 0, 1});
        byte[] data = new byte[13];
        data[0] = 1;
        data[1] = 3;
        data[2] = 10;
        putFloat(data, 3, FloatOrder.LITTLE_ENDIAN, 21.5f);
        putFloat(data, 7, FloatOrder.LITTLE_ENDIAN, 0.8f);
        byte[] reply = Crc16Modbus.append(data);
        byte[] both = new byte[echo.length + reply.length];
        System.arraycopy(echo, 0, both, 0, echo.length);
        System.arraycopy(reply, 0, both, echo.length, reply.length);
        return List.of(both);
    }

    /** The body with its CRC: right most of the time, else wrong in one of the ways a line gets it wrong. */
    private static void frame(ByteArrayOutputStream out, byte[] body, SplittableRandom r) {
        byte[] frame = Crc16Modbus.append(body);
        int dice = r.nextInt(20);
        if (dice == 0) {
            frame[frame.length - 1] ^= (byte) (1 << r.nextInt(8));
        } else if (dice == 1) {
            byte t = frame[frame.length - 1];
            frame[frame.length - 1] = frame[frame.length - 2];
            frame[frame.length - 2] = t;
        } else if (dice == 2) {
            frame[r.nextInt(frame.length)] ^= (byte) (1 << r.nextInt(8));
        }
        int length = r.nextInt(15) == 0 ? r.nextInt(frame.length) : frame.length;
        out.write(frame, 0, length);
    }

    private static void noise(ByteArrayOutputStream out, SplittableRandom r, double p) {
        if (HostileValues.chance(r, p)) {
            byte[] noise = new byte[r.nextInt(1, r.nextInt(10) == 0 ? 600 : 12)];
            r.nextBytes(noise);
            out.writeBytes(noise);
        }
    }

    private static int unit(SplittableRandom r) {
        return r.nextInt(12) < 11 ? 1 : pick(r, 0, 2, 247, 248, 255);
    }

    private static int exceptionCode(SplittableRandom r) {
        return r.nextInt(4) < 3 ? pick(r, 1, 2, 3, 4, 5, 6, 8, 10, 11) : r.nextInt(256);
    }

    private static float temperature(SplittableRandom r) {
        return r.nextInt(3) == 0 ? FLOATS[r.nextInt(FLOATS.length)] : (float) r.nextDouble(-5, 40);
    }

    private static float turbidity(SplittableRandom r) {
        return r.nextInt(3) == 0 ? FLOATS[r.nextInt(FLOATS.length)] : (float) r.nextDouble(0, 50);
    }

    private static void putWord(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    /** The float as {@code order} lays it over two registers (the inverse of {@link FloatOrder#decode}). */
    private static void putFloat(byte[] b, int at, FloatOrder order, float value) {
        byte[] abcd = ByteBuffer.allocate(4).putFloat(value).array();
        int[] wire = switch (order) {
            case BIG_ENDIAN -> new int[] {0, 1, 2, 3};
            case LITTLE_ENDIAN -> new int[] {3, 2, 1, 0};
            case WORD_SWAPPED -> new int[] {2, 3, 0, 1};
            case BYTE_SWAPPED -> new int[] {1, 0, 3, 2};
        };
        for (int i = 0; i < 4; i++) {
            b[at + i] = abcd[wire[i]];
        }
    }

    private static int pick(SplittableRandom r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
