package io.waypoint.drivers.modbus;

/**
 * How a device lays a float32 over two 16-bit registers. Vendors disagree: Yosemitech sends the four
 * bytes little-endian, Remond-style probes keep each word big-endian but send the low word first.
 * Named by the order of the float's bytes A (most significant) to D on the wire.
 */
public enum FloatOrder {
    /** ABCD: high word first, each word big-endian (the Modbus convention). */
    BIG_ENDIAN,
    /** DCBA: the bytes in little-endian order, as Yosemitech Y511. */
    LITTLE_ENDIAN,
    /** CDAB: low word first, each word big-endian, as Remond-style probes. */
    WORD_SWAPPED,
    /** BADC: high word first, the bytes of each word swapped. */
    BYTE_SWAPPED;

    /** The float carried by two registers, {@code first} being the lower register address. */
    public float decode(int first, int second) {
        int w0 = first >>> 8 & 0xFF;
        int w1 = first & 0xFF;
        int w2 = second >>> 8 & 0xFF;
        int w3 = second & 0xFF;
        int bits = switch (this) {
            case BIG_ENDIAN -> w0 << 24 | w1 << 16 | w2 << 8 | w3;
            case LITTLE_ENDIAN -> w3 << 24 | w2 << 16 | w1 << 8 | w0;
            case WORD_SWAPPED -> w2 << 24 | w3 << 16 | w0 << 8 | w1;
            case BYTE_SWAPPED -> w1 << 24 | w0 << 16 | w3 << 8 | w2;
        };
        return Float.intBitsToFloat(bits);
    }
}
