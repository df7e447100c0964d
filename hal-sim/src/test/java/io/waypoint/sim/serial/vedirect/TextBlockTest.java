package io.waypoint.sim.serial.vedirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextBlockTest {

    @Test
    void encodesTheSpecExampleWithItsChecksum0xD8() {
        // Victron's VE.Direct protocol FAQ, "How do I calculate the TEXT checksum?": a BMV-700 block
        Map<String, String> fields = new LinkedHashMap<>();
        String[] pairs = {"PID", "0x203", "V", "26201", "I", "0", "P", "0", "CE", "0", "SOC", "1000", "TTG", "-1",
                "Alarm", "OFF", "Relay", "OFF", "AR", "0", "BMV", "700", "FW", "0307"};
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        byte[] block = TextBlock.encode(fields);
        String text = new String(block, 0, block.length - 1, StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo("\r\nPID\t0x203\r\nV\t26201\r\nI\t0\r\nP\t0\r\nCE\t0\r\nSOC\t1000\r\nTTG\t-1\r\n"
                + "Alarm\tOFF\r\nRelay\tOFF\r\nAR\t0\r\nBMV\t700\r\nFW\t0307\r\nChecksum\t");
        assertThat(block[block.length - 1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void everyBlockSumsToZero() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            fields.put("V", Integer.toString(10_000 + i * 7));
            int sum = 0;
            for (byte b : TextBlock.encode(fields)) {
                sum += b & 0xFF;
            }
            assertThat(sum & 0xFF).isZero();
        }
    }

    @Test
    void anAsyncHexMessageChecksTo0x55() {
        byte[] frame = TextBlock.asyncRegister(0xEDD7, 0x0040);
        String text = new String(frame, StandardCharsets.US_ASCII);
        assertThat(text).startsWith(":AD7ED004000").endsWith("\n");
        int sum = 0x0A;
        for (int i = 2; i < text.length() - 1; i += 2) {
            sum += Integer.parseInt(text.substring(i, i + 2), 16);
        }
        assertThat(sum & 0xFF).isEqualTo(0x55);
    }
}
