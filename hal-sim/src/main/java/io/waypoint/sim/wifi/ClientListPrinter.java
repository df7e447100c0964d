package io.waypoint.sim.wifi;

import java.util.Collection;
import java.util.Locale;

/**
 * Prints the client list as openNDS 10's {@code ndsctl json} does (util.c: ndsctl_json_all,
 * ndsctl_json_one, ndsctl_json_client): every value a quoted string, "null" where there is none,
 * traffic in kB of 1024 bytes, averages in kbit/s over the session. Pure.
 */
final class ClientListPrinter {
    static final String GATEWAY_NAME = "waypoint%20kiosk";
    static final String GATEWAY_ADDRESS = "192.168.50.1:2050";
    static final String VERSION = "10.1.1";
    private static final String ALL_INDENT = "    ";

    private ClientListPrinter() {}

    /** {@code ndsctl json}: all clients, keyed by MAC. */
    static String all(Collection<SimulatedPhone> phones, long nowEpochSecond) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"client_list_length\":\"").append(phones.size()).append("\",\n");
        out.append("  \"clients\":{\n");
        int left = phones.size();
        for (SimulatedPhone p : phones) {
            out.append(ALL_INDENT).append('"').append(p.mac()).append("\":{\n");
            client(out, p, nowEpochSecond, ALL_INDENT);
            out.append(ALL_INDENT).append(--left > 0 ? "},\n" : "}\n");
        }
        out.append("  }\n}\n");
        return out.toString();
    }

    /** {@code ndsctl json <mac|ip|token>}: one client at the top level, or {@code {}}. */
    static String one(SimulatedPhone phone, long nowEpochSecond) {
        if (phone == null) {
            return "{}\n";
        }
        StringBuilder out = new StringBuilder("{\n");
        client(out, phone, nowEpochSecond, "");
        return out.append("}\n").toString();
    }

    private static void client(StringBuilder out, SimulatedPhone p, long now, String indent) {
        long duration = Math.max(1, now - p.sessionStart);
        field(out, indent, "gatewayname", GATEWAY_NAME);
        field(out, indent, "gatewayaddress", GATEWAY_ADDRESS);
        field(out, indent, "gatewayfqdn", "status.client");
        field(out, indent, "version", VERSION);
        field(out, indent, "client_type", "cpd_can");
        field(out, indent, "mac", p.mac());
        field(out, indent, "ip", p.ip());
        field(out, indent, "clientif", "wlan0");
        field(out, indent, "session_start", Long.toString(p.sessionStart));
        field(out, indent, "session_end", p.sessionEnd == 0 ? "null" : Long.toString(p.sessionEnd));
        field(out, indent, "last_active", Long.toString(p.lastActive.getEpochSecond()));
        field(out, indent, "token", p.token);
        field(out, indent, "state", p.state);
        field(out, indent, "custom", "none");
        rateFields(out, indent, "download", p.downRate);
        rateFields(out, indent, "upload", p.upRate);
        field(out, indent, "download_quota", p.downQuotaKb == 0 ? "null" : Long.toString(p.downQuotaKb));
        field(out, indent, "upload_quota", p.upQuotaKb == 0 ? "null" : Long.toString(p.upQuotaKb));
        field(out, indent, "download_this_session", Long.toString((long) p.bytesDown / 1024));
        field(out, indent, "download_session_avg", String.format(Locale.ROOT, "%.2f", p.bytesDown / 125 / duration));
        field(out, indent, "upload_this_session", Long.toString((long) p.bytesUp / 1024));
        out.append("  ").append(indent).append("\"upload_session_avg\":\"")
                .append(String.format(Locale.ROOT, "%.2f", p.bytesUp / 125 / duration)).append("\"\n");
    }

    private static void rateFields(StringBuilder out, String indent, String direction, long rate) {
        field(out, indent, direction + "_rate_limit_threshold", rate == 0 ? "null" : Long.toString(rate));
        field(out, indent, direction + "_packet_rate", "null");
        field(out, indent, direction + "_bucket_size", "null");
    }

    private static void field(StringBuilder out, String indent, String name, String value) {
        out.append("  ").append(indent).append('"').append(name).append("\":\"").append(value).append("\",\n");
    }
}
