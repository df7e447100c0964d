package io.waypoint.gateway;

import io.waypoint.gateway.ingest.GatewayIngest;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.FlatMetrics;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.Validation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One readable line per telemetry summary and per alert transition, on the messages' own time:
 * what {@code scripts/demo} shows, and what a technician watching the gateway on a console reads.
 *
 * <pre>
 * 12:40 la-gloria/well-01   0.6 NTU   14.2 L/min  total 45,679 L
 * 12:52 ALERT raised critical  Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min
 * </pre>
 */
final class SiteLog implements GatewayIngest.Listener {
    private final PrintStream out;
    private final DateTimeFormatter time;

    SiteLog(PrintStream out, ZoneId zone) {
        this.out = out;
        this.time = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(zone);
    }

    @Override
    public void stored(Validation.Valid message) {
        if (message.topic().kind() != NodeTopic.Kind.TELEMETRY) {
            return;
        }
        out.println(line(message.envelope().ts(), message.topic().node().site() + "/" + message.topic().node().node(),
                message.metrics()));
    }

    String line(Instant ts, String who, FlatMetrics m) {
        StringBuilder b = new StringBuilder();
        b.append(time.format(ts)).append(' ').append(String.format(Locale.ROOT, "%-22s", who));
        String sensor = m.labels().get("sensor");
        if (sensor != null && !sensor.equals("ok")) {
            b.append("  sensor ").append(sensor);
        } else {
            append(b, m, "turbidity_ntu.avg", "%5.1f NTU");
        }
        append(b, m, "flow_lpm.avg", "  %5.1f L/min");
        append(b, m, "total_litres", "  total %,.0f L");
        append(b, m, "charging.ports_busy", "  ports busy %.0f");
        append(b, m, "charging.ports_total", "/%.0f");
        append(b, m, "calls.placed", "  calls %.0f");
        append(b, m, "wifi.clients", "  wifi %.0f");
        append(b, m, "power.battery_v", "  battery %.1f V");
        String shedding = m.labels().get("power.shedding");
        if (shedding != null && !shedding.equals("none")) {
            b.append("  shedding ").append(shedding);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, FlatMetrics m, String path, String format) {
        Double v = m.numbers().get(path);
        if (v != null) {
            b.append(String.format(Locale.ROOT, format, v));
        }
    }

    @Override
    public void alert(Alert a) {
        String what = a.state() == AlertState.RAISED ? "ALERT" : a.state().wire().toUpperCase(Locale.ROOT);
        out.println(time.format(a.at()) + " " + what + " " + a.severity().wire() + "  " + a.message()
                + (a.by() != null ? " (by " + a.by() + ")" : ""));
    }
}
