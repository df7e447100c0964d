package io.waypoint.sim.serial;

/**
 * How a probe lays a float32 over two 16-bit registers. Vendors disagree: Yosemitech sends the four
 * bytes little-endian, Remond-style probes keep each word big-endian but send the low word first.
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

    /** The two register values (first register first) that carry {@code value}. */
    int[] registers(float value) {
        int bits = Float.floatToIntBits(value);
        int a = bits >>> 24 & 0xFF;
        int b = bits >>> 16 & 0xFF;
        int c = bits >>> 8 & 0xFF;
        int d = bits & 0xFF;
        return switch (this) {
            case BIG_ENDIAN -> new int[] {a << 8 | b, c << 8 | d};
            case LITTLE_ENDIAN -> new int[] {d << 8 | c, b << 8 | a};
            case WORD_SWAPPED -> new int[] {c << 8 | d, a << 8 | b};
            case BYTE_SWAPPED -> new int[] {b << 8 | a, d << 8 | c};
        };
    }
}
