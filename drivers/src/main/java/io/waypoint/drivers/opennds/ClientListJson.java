package io.waypoint.drivers.opennds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@code ndsctl json} prints, read into {@link NdsClient}s. Pure.
 *
 * <p>openNDS 10 prints {@code {"client_list_length":"N","clients":{"<mac>":{...},...}}} (and, with
 * trusted MACs configured, {@code "trusted_list_length"} and a {@code "trusted"} array, ignored
 * here); every value is a quoted string and a missing one is the string {@code "null"}. Per client:
 * {@code mac}, {@code ip}, {@code token}, {@code state}, {@code session_start} (epoch seconds, "0"
 * before authentication), {@code download_this_session} and {@code upload_this_session} in kB of
 * 1024 bytes. Older openNDS and nodogsplash print {@code downloaded}, {@code uploaded} and
 * {@code duration} instead, some of them as bare numbers; those are read too. {@code ndsctl json
 * <client>} prints one client's fields at the top level, or {@code {}}.
 */
final class ClientListJson {
    private ClientListJson() {}

    /** The clients in {@code output}; a client without a MAC address is left out (it cannot be named to ndsctl). */
    static List<NdsClient> parse(String output) throws JsonReader.Malformed {
        Object root = JsonReader.read(output);
        if (!(root instanceof Map<?, ?> top)) {
            throw new JsonReader.Malformed("the output is a JSON array, not openNDS's client list");
        }
        List<NdsClient> clients = new ArrayList<>();
        Object list = top.get("clients");
        if (list instanceof Map<?, ?> byMac) {
            byMac.forEach((key, value) -> {
                if (value instanceof Map<?, ?> fields) {
                    add(clients, String.valueOf(key), fields);
                }
            });
        } else if (list == null && top.containsKey("mac")) {
            add(clients, "", top);
        } else if (list != null && !(list instanceof String)) {
            throw new JsonReader.Malformed("\"clients\" is not an object");
        }
        return clients;
    }

    private static void add(List<NdsClient> clients, String key, Map<?, ?> f) {
        String mac = text(f, "mac");
        if (mac.isEmpty()) {
            mac = key;
        }
        if (mac.isEmpty()) {
            return;
        }
        OptionalLong duration = f.containsKey("duration") ? OptionalLong.of(number(f, "duration")) : OptionalLong.empty();
        clients.add(new NdsClient(mac, text(f, "ip"), token(f), text(f, "state"), number(f, "session_start"),
                duration, number(f, f.containsKey("download_this_session") ? "download_this_session" : "downloaded"),
                number(f, f.containsKey("upload_this_session") ? "upload_this_session" : "uploaded")));
    }

    private static String token(Map<?, ?> f) {
        String token = text(f, "token");
        return token.equals("none") ? "" : token;
    }

    /** The field's text; "" when missing, "null" or not a scalar. */
    private static String text(Map<?, ?> f, String name) {
        Object v = f.get(name);
        if (!(v instanceof String s) || s.equals("null")) {
            return "";
        }
        return s.trim();
    }

    /** The field as a whole non-negative number; 0 when missing, "null", negative or no number. */
    private static long number(Map<?, ?> f, String name) {
        String s = text(f, name);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && d > 0 ? (long) Math.min(d, Long.MAX_VALUE) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
