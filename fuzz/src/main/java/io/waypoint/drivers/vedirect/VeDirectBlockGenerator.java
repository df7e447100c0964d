package io.waypoint.drivers.vedirect;

import io.waypoint.fuzz.HostileValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what a Victron charge controller might send: text blocks of {@code \r\n<label>\t<value>}
 * fields ending in {@code Checksum\t<byte>}, the checksum right most of the time (so the fuzz gets
 * into the values), values at and beyond what the fields hold, labels doubled, blocks cut short,
 * hex-protocol frames between blocks and between fields, and noise.
 */
final class VeDirectBlockGenerator {
    private static final String[][] FIELDS = {{"PID", "0xA053"}, {"FW", "159"}, {"SER#", "HQ2132ABCDE"}, {"V", "12800"},
            {"I", "-420"}, {"VPV", "18500"}, {"PPV", "25"}, {"CS", "3"}, {"MPPT", "2"}, {"OR", "0x00000000"},
            {"ERR", "0"}, {"LOAD", "ON"}, {"IL", "300"}, {"H19", "10450"}, {"H20", "12"}, {"H21", "48"},
            {"H22", "15"}, {"H23", "52"}, {"HSDS", "171"}};
    private static final List<String> HEX_FRAMES = List.of(":A0102000543\n", ":7F0ED0071\n", ":154\n", ":\n", ":A");

    private VeDirectBlockGenerator() {
    }

    static byte[] blocks(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(5) == 0) {
            // the tail of a block that began before anyone listened
            out.writeBytes(ascii("\tON\r\nIL\t300\r\nChecksum\t\u0003"));
        }
        int blocks = r.nextInt(1, 4);
        for (int i = 0; i < blocks; i++) {
            out.writeBytes(block(r));
            if (r.nextInt(6) == 0) {
                out.writeBytes(ascii(HostileValues.pick(r, HEX_FRAMES)));
            }
        }
        return out.toByteArray();
    }

    static List<byte[]> seeds() {
        List<String[]> fields = new ArrayList<>();
        for (String[] f : FIELDS) {
            fields.add(f);
        }
        return List.of(withChecksum(fields, true), withChecksum(List.of(new String[] {"V", "13100"}, new String[] {"I", "1200"},
                new String[] {"CS", "5"}), true));
    }

    private static byte[] block(SplittableRandom r) {
        List<String[]> fields = new ArrayList<>();
        int n = r.nextInt(8) == 0 ? r.nextInt(0, 50) : r.nextInt(3, FIELDS.length + 1);
        for (int i = 0; i < n; i++) {
            String[] f = FIELDS[r.nextInt(8) == 0 ? r.nextInt(FIELDS.length) : i % FIELDS.length];
            String label = r.nextInt(30) == 0 ? HostileValues.anyValue(r) : f[0];
            String value = switch (r.nextInt(10)) {
                case 0 -> HostileValues.number(r);
                case 1 -> HostileValues.text(r);
                case 2 -> "---";
                case 3 -> r.nextBoolean() ? "OFF" : "on";
                default -> f[1];
            };
            fields.add(new String[] {label, value});
        }
        byte[] block = withChecksum(fields, r.nextInt(5) > 0);
        if (r.nextInt(8) == 0) {
            // a hex frame inside the block: skipped, not counted in the checksum
            int cut = indexOfLineStart(block, r);
            byte[] hex = ascii(HostileValues.pick(r, HEX_FRAMES));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(block, 0, cut);
            out.writeBytes(hex);
            out.write(block, cut, block.length - cut);
            block = out.toByteArray();
        }
        if (r.nextInt(12) == 0) {
            block = java.util.Arrays.copyOf(block, r.nextInt(block.length));
        }
        return block;
    }

    /** The block's bytes with a right checksum, or a checksum one off. */
    private static byte[] withChecksum(List<String[]> fields, boolean right) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            out.writeBytes(latin1("\r\n" + f[0] + "\t" + f[1]));
        }
        out.writeBytes(ascii("\r\nChecksum\t"));
        int sum = 0;
        for (byte b : out.toByteArray()) {
            sum += b & 0xFF;
        }
        int checksum = (256 - (sum & 0xFF)) & 0xFF;
        out.write(right ? checksum : checksum + 1);
        return out.toByteArray();
    }

    private static int indexOfLineStart(byte[] block, SplittableRandom r) {
        int from = r.nextInt(block.length);
        for (int i = from; i < block.length; i++) {
            if (block[i] == '\r') {
                return i;
            }
        }
        return 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // a controller sends bytes, not UTF-8: each char of the generated text is one byte
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
