package io.waypoint.sim.serial.vedirect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * VE.Direct framing, as a Victron device writes it: text blocks of {@code \r\n<label>\t<value>}
 * fields ending with {@code \r\nChecksum\t<byte>}, all bytes summing to 0 mod 256; and hex-protocol
 * frames {@code :<command><hex bytes><checksum>\n}. Pure.
 */
final class TextBlock {
    private TextBlock() {}

    /** A text block of {@code fields}, in their order, with its checksum byte. */
    static byte[] encode(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        fields.forEach((label, value) -> out.writeBytes(("\r\n" + label + "\t" + value)
                .getBytes(StandardCharsets.ISO_8859_1)));
        out.writeBytes("\r\nChecksum\t".getBytes(StandardCharsets.US_ASCII));
        out.write(checksumFor(out.toByteArray()));
        return out.toByteArray();
    }

    /** The byte that makes {@code bytes} plus itself sum to 0 mod 256. */
    static int checksumFor(byte[] bytes) {
        int sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        return (256 - (sum & 0xFF)) & 0xFF;
    }

    /**
     * An asynchronous hex-protocol message (command 0xA) announcing a 16-bit register value, as a
     * SmartSolar sends when a value changes: register and value little-endian, flags 0, and a check
     * byte that makes command and bytes sum to 0x55.
     */
    static byte[] asyncRegister(int register, int value) {
        int[] bytes = {register & 0xFF, (register >> 8) & 0xFF, 0x00, value & 0xFF, (value >> 8) & 0xFF};
        int sum = 0x0A;
        StringBuilder frame = new StringBuilder(":A");
        for (int b : bytes) {
            sum += b;
            frame.append(String.format("%02X", b));
        }
        frame.append(String.format("%02X", (0x55 - sum) & 0xFF)).append('\n');
        return frame.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
