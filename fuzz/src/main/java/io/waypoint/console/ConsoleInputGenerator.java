package io.waypoint.console;

import io.waypoint.fuzz.HostileValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what a technician's terminal sends: command lines of the well's and the kiosk's consoles
 * with right and wrong arguments (decimal commas, other units, out of range, extra words, typos,
 * quotes), in any case, with the keys a tired person presses (Backspace, DEL, Ctrl-U, Ctrl-C,
 * arrows), the line ends of minicom, screen and PuTTY, and serial noise.
 */
final class ConsoleInputGenerator {
    private static final List<String> LINES = List.of("status", "readings", "calibrate turbidity 12.5", "calibrate turbidity 10 NTU",
            "calibrate turbidity 12,5", "calibrate turbidity 4001", "calibrate turbidity -0", "calibrate turbidity 1e3",
            "calibrate turbidity NaN", "calibrate turbidity", "calibrate", "calibrate flow 20 L", "calibrate flow 20L",
            "calibrate flow 20 litres", "calibrate flow 20 mL", "calibrate flow 0.5", "cartridge replaced", "cartridge", "selftest",
            "ports", "port clear 3", "port clear 9", "port clear 2.5", "port clear three", "modem", "screen", "log level debug",
            "log level LOUD", "note \"pump serviced\"", "note 'unclosed", "note a b", "help", "help calibrate", "help calibrate flow",
            "help help", "help nothing", "readngs", "stauts", "selftset", "CALIBRATE TURBIDITY 12.5", "Calibrate Flow 20 l", "", " ",
            "status extra words", "'' status", "\"\"", "calibrate turbidity ١٢", "calibrate turbidity ＋５", "calibrate turbidity .5",
            "calibrate turbidity 5.", "calibrate turbidity +7", "calibrate turbidity 0x10", "calibrate flow 20 L L");
    private static final List<String> KEYS = List.of("\b", "\u007f", "\u0015", "\u0003", "\u001b[A", "\u001b[3~", "\u001bOP", "\u001b",
            "\u001b[99999999999999999999", "\t", "\u0000", "\u0007", "\u009b", "\u00e9", "\u2028", "\u202e", "\ufffd", "\ud83d\udca7");
    private static final List<String> ENDINGS = List.of("\r", "\r\n", "\n", "\r", "\n\r");

    private ConsoleInputGenerator() {
    }

    static byte[] typing(SplittableRandom r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = r.nextInt(1, r.nextInt(6) == 0 ? 12 : 4);
        for (int i = 0; i < lines; i++) {
            String line = HostileValues.pick(r, LINES);
            if (r.nextInt(5) == 0) {
                line = line.replace("12.5", HostileValues.number(r)).replace("20", HostileValues.number(r));
            }
            if (r.nextInt(6) == 0) {
                int at = r.nextInt(line.length() + 1);
                line = line.substring(0, at) + HostileValues.pick(r, KEYS) + line.substring(at);
            }
            if (r.nextInt(15) == 0) {
                line = line + " " + "9".repeat(r.nextInt(150, 260));
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HostileValues.pick(r, ENDINGS).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] typed = out.toByteArray();
        if (r.nextInt(12) == 0 && typed.length > 0) {
            typed[r.nextInt(typed.length)] = (byte) (0x80 | r.nextInt(128)); // a byte of line noise
        }
        return typed;
    }

    static List<byte[]> seeds() {
        return List.of(b("status\r"), b("calibrate turbidity 12.5 NTU\r\n"), b("readings\r\r"), b("calibrate flow 20,5 L\n"),
                b("help calibrate\r"), b("port clear 3\r"));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
