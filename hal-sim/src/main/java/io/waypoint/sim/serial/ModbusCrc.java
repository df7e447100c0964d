package io.waypoint.sim.serial;

/**
 * CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF, sent low byte first). Written here
 * again rather than taken from the driver on purpose: the simulator never depends on drivers, and a
 * bug shared by both sides would make every test pass against a wrong checksum.
 */
final class ModbusCrc {
    private ModbusCrc() {
    }

    static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Whether the last two bytes of {@code frame} are the CRC of the bytes before them. */
    static boolean isValid(byte[] frame) {
        if (frame.length < 3) {
            return false;
        }
        int crc = of(frame, 0, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == (crc & 0xFF) && (frame[frame.length - 1] & 0xFF) == crc >>> 8;
    }

    /** {@code body} followed by its CRC, low byte first. */
    static byte[] append(byte[] body) {
        byte[] frame = java.util.Arrays.copyOf(body, body.length + 2);
        int crc = of(body, 0, body.length);
        frame[body.length] = (byte) crc;
        frame[body.length + 1] = (byte) (crc >>> 8);
        return frame;
    }
}
