package io.waypoint.drivers.opennds;

import io.waypoint.fuzz.HostileValues;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes what {@code ndsctl json} might print: openNDS 10's client list (every value a quoted
 * string, "null" for none), older versions' bare numbers and other key names, one client's fields,
 * an empty list; with values of the wrong JSON type, extreme numbers, session starts far in the past
 * or future, keys doubled, a warning line before, text after, commas missing, escapes broken,
 * nesting deep, and output cut off.
 */
final class NdsctlJsonGenerator {
    private static final List<String> STATES = List.of("Preauthenticated", "Authenticated", "AuthBlocked", "Blocked",
            "Trusted", "authenticated", "", "null", "Auth\u0000enticated");
    private static final List<String> WARNINGS = List.of("", "", "", "ndsctl: warning: config is old\n",
            "opennds probably not started (Error: No such file or directory)\n", "Client list:\n", "[", "{{");

    private NdsctlJsonGenerator() {
    }

    static byte[] output(SplittableRandom r) {
        StringBuilder s = new StringBuilder(HostileValues.pick(r, WARNINGS));
        switch (r.nextInt(10)) {
            case 0 -> s.append(client(r, 1, false));
            case 1 -> s.append(r.nextBoolean() ? "{}" : "{\"client_list_length\":\"0\",\"clients\":{}}");
            case 2 -> s.append("[".repeat(r.nextInt(1, 60))).append("]".repeat(r.nextInt(0, 60)));
            default -> {
                int n = r.nextInt(60) == 0 ? r.nextInt(0, 300) : r.nextInt(0, 5);
                s.append("{\"client_list_length\":").append(value(r, Integer.toString(n))).append(sep(r))
                        .append("\"clients\":");
                if (r.nextInt(15) == 0) {
                    s.append(HostileValues.pick(r, List.of("[]", "\"null\"", "null", "7", "[{\"mac\":\"aa\"}]")));
                } else {
                    s.append('{');
                    for (int i = 0; i < n; i++) {
                        if (i > 0) {
                            s.append(sep(r));
                        }
                        s.append('"').append(mac(r, i)).append("\":").append(client(r, i, r.nextInt(4) == 0));
                    }
                    s.append('}');
                }
                if (r.nextInt(6) == 0) {
                    s.append(",\"trusted_list_length\":\"1\",\"trusted\":[\"aa:bb:cc:00:00:01\"]");
                }
                s.append('}');
            }
        }
        if (r.nextInt(8) == 0) {
            s.append(HostileValues.pick(r, List.of("\n", "\nndsctl: done\n", "}", "]", "garbage")));
        }
        byte[] out = s.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(12) == 0) {
            out = java.util.Arrays.copyOf(out, r.nextInt(out.length + 1));
        }
        return out;
    }

    static List<byte[]> seeds() {
        String v10 = "{\"client_list_length\":\"2\",\"clients\":{\"aa:bb:cc:dd:ee:01\":{\"gatewayname\":\"waypoint\","
                + "\"gatewayaddress\":\"192.168.8.1:2050\",\"version\":\"10.2.0\",\"client_type\":\"cpd_can\","
                + "\"mac\":\"aa:bb:cc:dd:ee:01\",\"ip\":\"192.168.8.23\",\"clientif\":\"wlan0\","
                + "\"session_start\":\"1764240000\",\"session_end\":\"null\",\"last_active\":\"1764240100\","
                + "\"token\":\"4f1a2b3c\",\"state\":\"Authenticated\",\"custom\":\"none\","
                + "\"download_this_session\":\"1234\",\"download_session_avg\":\"2.5\",\"upload_this_session\":\"56\","
                + "\"upload_session_avg\":\"0.1\"},\"aa:bb:cc:dd:ee:02\":{\"mac\":\"aa:bb:cc:dd:ee:02\","
                + "\"ip\":\"192.168.8.24\",\"session_start\":\"0\",\"token\":\"none\",\"state\":\"Preauthenticated\","
                + "\"download_this_session\":\"0\",\"upload_this_session\":\"0\"}}}";
        String old = "{\"client_length\": 1,\"clients\":{\"aa:bb:cc:dd:ee:03\":{\"id\":1,\"ip\":\"10.1.0.5\","
                + "\"mac\":\"aa:bb:cc:dd:ee:03\",\"added\":1700000000,\"active\":1700000100,\"duration\":100,"
                + "\"token\":\"9a8b7c6d\",\"state\":\"Authenticated\",\"downloaded\":100,\"avg_down_speed\":1.2,"
                + "\"uploaded\":10,\"avg_up_speed\":0.1}}}";
        String one = "{\"mac\":\"aa:bb:cc:dd:ee:04\",\"ip\":\"192.168.8.30\",\"state\":\"Authenticated\","
                + "\"session_start\":\"1764240000\",\"download_this_session\":\"7\",\"upload_this_session\":\"1\"}";
        return List.of(b(v10), b(old), b(one), b("{}"));
    }

    private static String client(SplittableRandom r, int i, boolean oldStyle) {
        StringBuilder s = new StringBuilder("{");
        s.append("\"mac\":").append(value(r, mac(r, i))).append(sep(r));
        s.append("\"ip\":").append(value(r, "192.168.8." + (20 + i))).append(sep(r));
        s.append("\"token\":").append(value(r, r.nextBoolean() ? "none" : "4f1a2b3c")).append(sep(r));
        s.append("\"state\":").append(value(r, HostileValues.pick(r, STATES))).append(sep(r));
        if (oldStyle) {
            s.append("\"duration\":").append(number(r)).append(sep(r));
            s.append("\"downloaded\":").append(number(r)).append(sep(r));
            s.append("\"uploaded\":").append(number(r));
        } else {
            s.append("\"session_start\":").append(value(r, sessionStart(r))).append(sep(r));
            s.append("\"download_this_session\":").append(value(r, Long.toString(r.nextLong(0, 1L << 24)))).append(sep(r));
            s.append("\"upload_this_session\":").append(value(r, Long.toString(r.nextLong(0, 1L << 20))));
        }
        if (r.nextInt(10) == 0) {
            s.append(sep(r)).append("\"state\":").append(value(r, "Authenticated"));
        }
        if (r.nextInt(20) == 0) {
            s.append(sep(r)).append("\"custom\":").append("{\"a\":".repeat(40)).append("1").append("}".repeat(40));
        }
        return s.append('}').toString();
    }

    private static String sessionStart(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> "0";
            case 1 -> HostileValues.number(r);
            case 2 -> Long.toString(r.nextLong());
            default -> Long.toString(1_764_240_000L + r.nextInt(-100_000, 100_000));
        };
    }

    /** A value as openNDS quotes it, or of another JSON type, or hostile. */
    private static String value(SplittableRandom r, String usual) {
        return switch (r.nextInt(16)) {
            case 0 -> usual; // bare, as older versions print numbers
            case 1 -> "\"null\"";
            case 2 -> HostileValues.pick(r, List.of("null", "true", "[]", "{}", "[\"x\"]", "{\"v\":\"1\"}"));
            case 3 -> quoted(HostileValues.anyValue(r));
            case 4 -> "\"" + usual; // never closed
            default -> quoted(usual);
        };
    }

    private static String number(SplittableRandom r) {
        return r.nextInt(3) == 0 ? HostileValues.number(r) : Long.toString(r.nextLong(0, 100_000));
    }

    private static String mac(SplittableRandom r, int i) {
        return r.nextInt(20) == 0 ? HostileValues.text(r) : String.format("aa:bb:cc:dd:%02x:%02x", i / 256 % 256, i % 256);
    }

    private static String sep(SplittableRandom r) {
        return switch (r.nextInt(30)) {
            case 0 -> "";
            case 1 -> ",,";
            case 2 -> " ,\n ";
            default -> ",";
        };
    }

    /** A JSON string: escapes as openNDS writes them, and sometimes as nobody should. */
    private static String quoted(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
