package io.waypoint.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes config files as a technician would in nano, for the gateway, a well or a kiosk: the
 * process's real keys with values of their type, in {@code [section]}s or as dotted keys, with
 * comments and blank lines; then wrong in one or a few places: a value of the wrong type or out of
 * range, a key misspelt, set twice or in two spellings, a line without {@code =}, a header not
 * closed, a NUL or a byte order mark, CR LF line ends.
 */
public final class ConfigFileGenerator {
    /** What a key holds, and so which values are right and which are wrong for it. */
    enum Type { ID, URI, PATH, TEXT, DURATION, NUMBER, INT, HEX, BOOL, INTS, WORDS, INSTANT, CHOICE, BIND }

    record Key(String name, Type type, List<String> choices) {
        static Key of(String name, Type type) {
            return new Key(name, type, List.of());
        }

        static Key choice(String name, String... choices) {
            return new Key(name, Type.CHOICE, List.of(choices));
        }
    }

    private static final List<Key> NODE = List.of(Key.of("site", Type.ID), Key.of("node", Type.ID), Key.of("broker.url", Type.URI),
            Key.of("broker.username", Type.TEXT), Key.of("broker.password", Type.TEXT), Key.of("broker.ca_file", Type.PATH),
            Key.of("data.dir", Type.PATH), Key.choice("hal.mode", "board", "sim"), Key.of("sim.scenario", Type.TEXT),
            Key.of("sim.speed", Type.NUMBER), Key.of("sim.start", Type.INSTANT), Key.of("telemetry.interval", Type.DURATION),
            Key.of("console.serial_port", Type.PATH), Key.of("console.serial_baud", Type.INT), Key.of("console.stdin", Type.BOOL),
            Key.choice("log.level", "trace", "debug", "info", "warn", "error"));
    private static final List<Key> WELL = List.of(Key.choice("sim.turbidity", "analog", "sen0710", "y511"),
            Key.of("sampling.interval", Type.DURATION), Key.choice("turbidity.source", "analog", "modbus"),
            Key.of("turbidity.i2c_bus", Type.INT), Key.of("turbidity.i2c_address", Type.HEX), Key.of("turbidity.channel", Type.INT),
            Key.of("turbidity.modbus_port", Type.PATH), Key.choice("turbidity.modbus_profile", "sen0710", "y511"),
            Key.of("turbidity.modbus_address", Type.INT), Key.of("turbidity.modbus_baud", Type.INT), Key.of("flow.pin", Type.INT),
            Key.of("flow.k_factor", Type.NUMBER), Key.of("indicator.pin", Type.INT), Key.of("indicator.active_high", Type.BOOL),
            Key.of("water.unsafe_ntu", Type.NUMBER), Key.of("water.unsafe_for", Type.DURATION), Key.of("water.safe_ntu", Type.NUMBER),
            Key.of("water.safe_for", Type.DURATION), Key.of("cartridge.rated_litres", Type.NUMBER));
    private static final List<Key> KIOSK = List.of(Key.choice("sim.power", "ina219", "vedirect"), Key.of("charging.ports", Type.INT),
            Key.of("charging.relay_pins", Type.INTS), Key.of("charging.relay_active_high", Type.BOOL),
            Key.of("charging.ina219_addresses", Type.INTS), Key.of("charging.shunt_ohms", Type.NUMBER),
            Key.of("charging.max_amps", Type.NUMBER), Key.of("charging.led_expander", Type.HEX),
            Key.of("charging.button_expander", Type.HEX), Key.of("charging.time_limit", Type.DURATION),
            Key.of("charging.start_on_plug", Type.BOOL), Key.of("calls.modem_port", Type.PATH), Key.of("calls.modem_baud", Type.INT),
            Key.of("calls.talk_limit", Type.DURATION), Key.of("calls.call_button_pin", Type.INT), Key.of("calls.keypad_rows", Type.INTS),
            Key.of("calls.keypad_cols", Type.INTS), Key.of("calls.emergency", Type.WORDS), Key.of("calls.credit_retry", Type.DURATION), Key.of("wifi.ndsctl", Type.PATH),
            Key.of("wifi.sudo", Type.BOOL), Key.of("wifi.session", Type.DURATION), Key.of("wifi.down_mb", Type.INT),
            Key.of("wifi.up_mb", Type.INT), Key.of("wifi.max_sessions", Type.INT), Key.choice("power.source", "ina219", "vedirect"),
            Key.of("power.ina219_address", Type.HEX), Key.of("power.shunt_ohms", Type.NUMBER), Key.of("power.max_amps", Type.NUMBER),
            Key.of("power.vedirect_port", Type.PATH), Key.of("panel.lcd_address", Type.HEX), Key.of("panel.language_pin", Type.INT),
            Key.choice("panel.language", "es", "en", "fr", "ht", "pt"));
    private static final List<Key> GATEWAY = List.of(Key.of("gateway.id", Type.ID), Key.of("broker.url", Type.URI),
            Key.of("broker.embedded", Type.BOOL), Key.of("broker.username", Type.TEXT), Key.of("broker.password", Type.TEXT),
            Key.of("broker.ca_file", Type.PATH), Key.of("data.dir", Type.PATH), Key.of("rules.file", Type.PATH),
            Key.of("alerts.tick", Type.DURATION), Key.of("stats.interval", Type.DURATION),
            Key.choice("log.level", "trace", "debug", "info", "warn", "error"), Key.of("log.follow", Type.BOOL),
            Key.of("status.bind", Type.BIND), Key.of("status.hosts", Type.WORDS));

    /** Which process a file is for. */
    public enum Process { GATEWAY, WELL, KIOSK }

    private ConfigFileGenerator() {
    }

    public static List<Key> keys(Process p) {
        List<Key> keys = new ArrayList<>();
        if (p == Process.GATEWAY) {
            keys.addAll(GATEWAY);
        } else {
            keys.addAll(NODE);
            keys.addAll(p == Process.WELL ? WELL : KIOSK);
        }
        return keys;
    }

    public static List<byte[]> seeds() {
        return List.of(b("""
                # a well at La Gloria
                site = la-gloria
                node = well-01
                [broker]
                url = tcp://192.168.8.1:1883   # the gateway's Mosquitto
                [data]
                dir = /var/lib/waypoint/well-01
                [turbidity]
                source = modbus
                modbus_port = /dev/ttyUSB0
                modbus_profile = y511
                [water]
                unsafe_ntu = 5
                unsafe_for = 2m
                """), b("""
                [gateway]
                id = gw-1
                [broker]
                url = tcp://127.0.0.1:1883
                embedded = true
                [alerts]
                tick = 5s
                [log]
                level = info
                """), b("site = la-gloria\r\nnode = kiosk-01\r\nbroker.url = ssl://gw:8883\r\n[charging]\r\nports = 4\r\n"
                + "relay_pins = 4, 5, 6, 12\r\nina219_addresses = 0x40, 0x41, 0x42, 0x43\r\n[calls]\r\nemergency = 112, 911\r\n"
                + "[panel]\r\nlanguage = ht\r\n"));
    }

    /** A file for {@code process}, right or wrong in a few places. */
    public static byte[] generate(SplittableRandom r, Process process) {
        List<Key> keys = keys(process);
        Map<String, String> values = new LinkedHashMap<>();
        for (Key k : keys) {
            if (required(k) || r.nextInt(3) == 0) {
                values.put(k.name(), value(r, k, true));
            }
        }
        int wrong = r.nextInt(4) == 0 ? 0 : r.nextInt(8) == 0 ? r.nextInt(2, 5) : 1;
        List<String> extraLines = new ArrayList<>();
        for (int i = 0; i < wrong; i++) {
            Key k = HostileValues.pick(r, keys);
            switch (r.nextInt(10)) {
                case 0 -> values.put(k.name().replace('_', '-') + (r.nextBoolean() ? "l" : ""), value(r, k, true)); // a typo
                case 1 -> values.remove(k.name());
                case 2 -> extraLines.add(k.name() + " = " + value(r, k, true)); // set twice
                case 3 -> extraLines.add(HostileValues.pick(r, List.of("[broker", "[]", "[rule x y z]", "[Broker]", "just words",
                        "= 5", "=", "[data]", "key with spaces = 1", "\u00e9t\u00e9 = 1", "site", "\ufeffsite = x")));
                default -> values.put(k.name(), value(r, k, false));
            }
        }
        StringBuilder s = new StringBuilder();
        if (r.nextInt(20) == 0) {
            s.append('\ufeff');
        }
        String eol = r.nextInt(6) == 0 ? "\r\n" : "\n";
        boolean sections = r.nextBoolean();
        String section = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (sections && dot > 0) {
                String head = key.substring(0, dot);
                if (!head.equals(section)) {
                    s.append('[').append(head).append(']').append(eol);
                    section = head;
                }
                key = key.substring(dot + 1);
            }
            if (r.nextInt(10) == 0) {
                s.append("# ").append(HostileValues.text(r)).append(eol);
            }
            s.append(key).append(r.nextInt(8) == 0 ? "=" : " = ").append(e.getValue());
            if (r.nextInt(10) == 0) {
                s.append(" # ").append(HostileValues.text(r));
            }
            s.append(eol);
        }
        extraLines.forEach(l -> s.append(l).append(eol));
        return b(s.toString());
    }

    private static boolean required(Key k) {
        return switch (k.name()) {
            case "site", "node", "broker.url" -> true;
            default -> false;
        };
    }

    /** A right value of the key's type, or a wrong one. */
    static String value(SplittableRandom r, Key k, boolean right) {
        if (!right && r.nextInt(3) == 0) {
            return HostileValues.anyValue(r);
        }
        return switch (k.type()) {
            case ID -> right ? HostileValues.pick(r, List.of("la-gloria", "well-01", "kiosk-01", "gw-1"))
                    : HostileValues.pick(r, List.of("", "La-Gloria", "-x", "x".repeat(33), "well 01", "w\u00e9ll", "_gateway"));
            case URI -> right ? HostileValues.pick(r, List.of("tcp://127.0.0.1:1883", "ssl://gw.local:8883", "tcp://[::1]:1883"))
                    : HostileValues.pick(r, List.of("tcp://:1883", "tcp://host", "http://host:1883", "tcp://host:99999", "tcp://ho st:1",
                    "%zz", "tcp://host:-1", "tcp://host:0", "tcp:/host:1", "ssl://", "tcp://h\u00f6st:1883", "tcp://host:1883/path?q#f"));
            case PATH -> right ? HostileValues.pick(r, List.of("/var/lib/waypoint", "data", "/dev/ttyUSB0", "/etc/waypoint/rules.conf"))
                    : HostileValues.pick(r, List.of("a\u0000b", "\u0000", "", "~", "/" + "d".repeat(300), "../../etc/passwd", "/tmp/\u00e9",
                    "C:\\data", "/dev/null\u0000.conf"));
            case TEXT -> right ? HostileValues.pick(r, List.of("gateway", "normal-day", "s3cret")) : HostileValues.text(r);
            case DURATION -> right ? HostileValues.pick(r, List.of("30s", "5m", "2h", "7d", "500ms", "1.5h", "10 s", "5min", "60s"))
                    : HostileValues.pick(r, List.of("-1s", "1e9d", "99999999999999999999d", "5 minutes", "s", "NaNs", "0s", "1.s",
                    ".5s", "5", "1h30m", "9223372036854775807ms", "1" + "0".repeat(400) + "d"));
            case NUMBER -> right ? HostileValues.pick(r, List.of("12.5", "450", "0.008", "5", "4", "100000")) : HostileValues.number(r);
            case INT -> right ? HostileValues.pick(r, List.of("1", "17", "4800", "9600", "115200", "8", "40")) : HostileValues.number(r);
            case HEX -> right ? HostileValues.pick(r, List.of("0x48", "0x21", "0x27", "72", "0X4A"))
                    : HostileValues.pick(r, List.of("0x", "0xG", "0x-1", "0x7FFFFFFFFFFFFFFF", "0x10000000000000000", "48h"));
            case BOOL -> right ? HostileValues.pick(r, List.of("true", "false", "yes", "no", "on", "off", "TRUE"))
                    : HostileValues.pick(r, List.of("1", "0", "y", "t", "", "truee"));
            case INTS -> right ? HostileValues.pick(r, List.of("4, 5, 6, 12", "0x40, 0x41, 0x42, 0x43", "21, 22, 23, 24", "25, 26, 27"))
                    : HostileValues.pick(r, List.of("4,,5", "", ",", "4 5 6", "0x40, x", "1,2,3,4,5,6,7,8,9", "99999999999, 1"));
            case BIND -> right ? HostileValues.pick(r, List.of("127.0.0.1:8080", "0.0.0.0:8080", "[::1]:8081", "192.168.4.1:80",
                    "localhost:8080")) : HostileValues.pick(r, List.of("8080", "gw.local:80", "1.2.3.4:0", "1.2.3.4:99999", "[::1", "[]:80",
                    "300.1.1.1:80", "localhost:", "1.2.3.4:080000", "[::g]:80", ":80"));
            case WORDS -> right ? "112, 911" : HostileValues.pick(r, List.of(",,,", " , ", "1" + ",1".repeat(300)));
            case INSTANT -> right ? "2026-11-20T06:00:00Z" : HostileValues.pick(r, List.of("2026-11-20", "2026-13-01T00:00:00Z",
                    "+1000000000-01-01T00:00:00Z", "yesterday", "2026-11-20T06:00:00+01:00"));
            case CHOICE -> right ? HostileValues.pick(r, k.choices()) : HostileValues.pick(r, List.of("", "Board", "sims", "INFO", "xx"));
        };
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
