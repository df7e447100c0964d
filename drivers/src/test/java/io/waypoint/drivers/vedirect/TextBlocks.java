package io.waypoint.drivers.vedirect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** VE.Direct text blocks written out by hand for tests, with the checksum the protocol defines. */
final class TextBlocks {
    private TextBlocks() {}

    /**
     * The example block of Victron's VE.Direct protocol FAQ ("How do I calculate the TEXT checksum?"),
     * a BMV-700, byte for byte; its checksum byte is 0xD8.
     */
    static byte[] specExample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("\r\nPID\t0x203\r\nV\t26201\r\nI\t0\r\nP\t0\r\nCE\t0\r\nSOC\t1000\r\nTTG\t-1\r\nAlarm\tOFF"
                + "\r\nRelay\tOFF\r\nAR\t0\r\nBMV\t700\r\nFW\t0307\r\nChecksum\t").getBytes(StandardCharsets.US_ASCII));
        out.write(0xD8);
        return out.toByteArray();
    }

    /** A block of {@code label, value, label, value...} with its checksum byte. */
    static byte[] block(String... labelsAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            out.writeBytes(("\r\n" + labelsAndValues[i] + "\t" + labelsAndValues[i + 1]).getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\nChecksum\t".getBytes(StandardCharsets.US_ASCII));
        int sum = 0;
        for (byte b : out.toByteArray()) {
            sum += b & 0xFF;
        }
        out.write((256 - (sum & 0xFF)) & 0xFF);
        return out.toByteArray();
    }

    /** A SmartSolar MPPT 75/15 block: 12.54 V, 0.04 A charge, 18.54 V panel, 5 W, bulk, load on at 0.3 A. */
    static byte[] mppt() {
        return block("PID", "0xA075", "FW", "164", "SER#", "HQ2210ABCDE", "V", "12540", "I", "40", "VPV", "18540",
                "PPV", "5", "CS", "3", "MPPT", "2", "OR", "0x00000000", "ERR", "0", "LOAD", "ON", "IL", "300",
                "H19", "10303", "H20", "12", "H21", "52", "H22", "4", "H23", "19", "HSDS", "17");
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
