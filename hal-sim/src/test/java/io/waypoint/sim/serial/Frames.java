package io.waypoint.sim.serial;

import java.util.HexFormat;

/** Hand-built frames for tests, written as hex the way a datasheet or a line analyser shows them. */
final class Frames {
    private Frames() {
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** {@code spaced} followed by its CRC. */
    static byte[] withCrc(String spaced) {
        return ModbusCrc.append(hex(spaced));
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
