package io.waypoint.drivers.modbus;

import java.util.Arrays;

/**
 * CRC-16/MODBUS: polynomial 0xA001 (0x8005 reflected), initial value 0xFFFF, no final XOR, sent
 * low byte first. {@code "123456789"} gives 0x4B37; {@code 01 03 00 00 00 02 C4 0B} is a valid frame.
 */
public final class Crc16Modbus {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16Modbus() {
    }

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}. */
    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** The CRC of all of {@code data}. */
    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** {@code body} followed by its CRC, low byte first: a complete RTU frame. */
    public static byte[] append(byte[] body) {
        byte[] frame = Arrays.copyOf(body, body.length + 2);
        int crc = of(body);
        frame[body.length] = (byte) crc;
        frame[body.length + 1] = (byte) (crc >>> 8);
        return frame;
    }

    /**
     * Whether the {@code length} bytes of {@code data} from {@code offset} end with the CRC of the bytes
     * before it.
     */
    public static boolean isValidFrame(byte[] data, int offset, int length) {
        if (length < 3) {
            return false;
        }
        int crc = of(data, offset, length - 2);
        return (data[offset + length - 2] & 0xFF) == (crc & 0xFF) && (data[offset + length - 1] & 0xFF) == crc >>> 8;
    }

    /** Whether all of {@code frame} ends with the CRC of the bytes before it. */
    public static boolean isValidFrame(byte[] frame) {
        return isValidFrame(frame, 0, frame.length);
    }
}
