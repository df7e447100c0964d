package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the body of a node message against the contract's types and ranges and builds the typed
 * {@link Body} when nothing is wrong. Key paths are string constants so a clean message builds none.
 * Unknown keys pass (a node may add keys); unknown event types pass the generic checks only.
 */
final class BodyDecoder {
    private static final long MAX = Long.MAX_VALUE;
    private static final String INTEGER_AT_LEAST_0 = "expected an integer >= 0";
    private static final String NUMBER_AT_LEAST_0 = "expected a number >= 0";
    private static final String PORTS = "expected an integer from 0 to 64";
    private static final String TEXT = "expected a non-empty string of at most 64 characters";
    private static final String LONG_TEXT = "expected a non-empty string of at most 200 characters";
    private static final List<String> SHEDDING = KioskTelemetry.Power.SHEDDING;
    private static final Set<String> STATE_KEYS = Set.of("online");
    private static final Set<String> EVENT_KEYS = Set.of("type");

    private BodyDecoder() {
    }

    /** The body, or null when {@code in} holds a reason (this body's or an earlier one). */
    static Body decode(NodeTopic.Kind kind, JsonObject o, Inspection in) {
        switch (kind) {
            case STATE:
                return state(o, in);
            case TELEMETRY:
                return telemetry(o, in);
            case EVENT:
                return event(o, in);
            default:
                return null;
        }
    }

    private static Body state(JsonObject o, Inspection in) {
        Boolean online = in.bool(o, null, "online", "expected true or false");
        if (!in.clean()) {
            return null;
        }
        return build(in, () -> new StateBody(online, others(o, STATE_KEYS)));
    }

    private static Body telemetry(JsonObject o, Inspection in) {
        long interval = in.integer(o, null, "interval_s", 1, 86_400, "expected an integer from 1 to 86400 (seconds)");
        long dropped = in.optionalInteger(o, null, "outbox_dropped", 0, MAX, INTEGER_AT_LEAST_0, 0);
        Object m = o.get("metrics");
        JsonObject metrics = in.object(o, null, "metrics");
        boolean well = (metrics != null && (metrics.containsKey("turbidity_ntu") || metrics.containsKey("flow_lpm")))
                || o.containsKey("total_litres");
        boolean kiosk = metrics != null && (metrics.containsKey("charging") || metrics.containsKey("calls")
                || metrics.containsKey("wifi") || metrics.containsKey("power"));
        if (well && kiosk) {
            in.add("telemetry mixes well metrics (turbidity_ntu, flow_lpm, total_litres) and kiosk metrics "
                    + "(charging, calls, wifi, power): expected one or the other");
            return null;
        }
        if (well) {
            return well(o, metrics == null ? new JsonObject() : metrics, (int) interval, dropped, in);
        }
        if (kiosk) {
            return kiosk(metrics, (int) interval, dropped, in);
        }
        if (m == null || metrics != null) { // a metrics of the wrong type has its own reason
            in.add("telemetry has neither well metrics (turbidity_ntu, flow_lpm, total_litres) nor kiosk metrics "
                    + "(charging, calls, wifi, power)");
        }
        return null;
    }

    private static Body well(JsonObject o, JsonObject metrics, int interval, long dropped, Inspection in) {
        WellTelemetry.Summary turbidity = summary(metrics, "turbidity_ntu", "metrics.turbidity_ntu", 4000,
                "expected 0 to 4000 NTU", in);
        WellTelemetry.Summary flow = summary(metrics, "flow_lpm", "metrics.flow_lpm", 500, "expected 0 to 500 L/min", in);
        double litres = in.number(o, null, "litres", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        double total = in.number(o, null, "total_litres", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        double cartridge = in.number(o, null, "cartridge_litres", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        double rated = in.optionalNumber(o, null, "cartridge_rated_litres", 0, 10_000_000, "expected 0 to 10,000,000 litres", 0);
        Object sensor = o.get("sensor");
        String sensorExpectation = "expected 'ok' or 'fault:<reason>' with reason of a-z, 0-9, '_' and '-'";
        if (sensor == null) {
            in.missing(o, null, "sensor", sensorExpectation);
        } else if (!(sensor instanceof String s && WellTelemetry.isSensorState(s))) {
            in.wrong(null, "sensor", sensor, sensorExpectation);
        }
        if (!in.clean()) {
            return null;
        }
        return build(in, () -> new WellTelemetry(interval, turbidity, flow, litres, total, cartridge, (String) sensor,
                dropped, rated));
    }

    /** A summary, or null when absent, JSON null (a faulty sensor) or wrong. */
    private static WellTelemetry.Summary summary(JsonObject metrics, String key, String path, double max,
                                                 String expectation, Inspection in) {
        JsonObject s = in.object(metrics, "metrics", key);
        if (s == null) {
            return null;
        }
        double min = in.number(s, path, "min", 0, max, expectation);
        double avg = in.number(s, path, "avg", 0, max, expectation);
        double most = in.number(s, path, "max", 0, max, expectation);
        long n = in.integer(s, path, "n", 0, MAX, INTEGER_AT_LEAST_0);
        if (Double.isNaN(min) || Double.isNaN(avg) || Double.isNaN(most) || n == Inspection.BAD) {
            return null;
        }
        if (!(min <= avg && avg <= most)) {
            in.add(path + " has min " + JsonWriter.number(min) + ", avg " + JsonWriter.number(avg) + ", max "
                    + JsonWriter.number(most) + ": expected min <= avg <= max");
            return null;
        }
        return new WellTelemetry.Summary(min, avg, most, n);
    }

    private static Body kiosk(JsonObject metrics, int interval, long dropped, Inspection in) {
        KioskTelemetry.Charging charging = charging(in.object(metrics, "metrics", "charging"), in);
        KioskTelemetry.Calls calls = calls(in.object(metrics, "metrics", "calls"), in);
        KioskTelemetry.Wifi wifi = wifi(in.object(metrics, "metrics", "wifi"), in);
        KioskTelemetry.Power power = power(in.object(metrics, "metrics", "power"), in);
        if (!in.clean()) {
            return null;
        }
        return build(in, () -> new KioskTelemetry(interval, charging, calls, wifi, power, dropped));
    }

    private static KioskTelemetry.Charging charging(JsonObject c, Inspection in) {
        if (c == null) {
            return null;
        }
        String p = "metrics.charging";
        long total = in.integer(c, p, "ports_total", 0, 64, PORTS);
        long busy = in.integer(c, p, "ports_busy", 0, 64, PORTS);
        long sessions = in.integer(c, p, "sessions", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        double wh = in.number(c, p, "wh", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        long faults = in.integer(c, p, "faults", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        if (total != Inspection.BAD && busy != Inspection.BAD && busy > total) {
            in.add(p + ".ports_busy = " + busy + ": expected at most ports_total (" + total + ")");
            return null;
        }
        if (total == Inspection.BAD || busy == Inspection.BAD || sessions == Inspection.BAD || Double.isNaN(wh)
                || faults == Inspection.BAD) {
            return null;
        }
        return new KioskTelemetry.Charging((int) total, (int) busy, (int) sessions, wh, (int) faults);
    }

    private static KioskTelemetry.Calls calls(JsonObject c, Inspection in) {
        if (c == null) {
            return null;
        }
        String p = "metrics.calls";
        long placed = in.integer(c, p, "placed", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        long answered = in.integer(c, p, "answered", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        long seconds = in.integer(c, p, "seconds", 0, MAX, INTEGER_AT_LEAST_0);
        long failed = in.integer(c, p, "failed", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        if (placed != Inspection.BAD && answered != Inspection.BAD && answered > placed) {
            in.add(p + ".answered = " + answered + ": expected at most placed (" + placed + ")");
            return null;
        }
        long csq = in.optionalInteger(c, p, "signal_csq", 0, 99, "expected 0 to 31, or 99 for unknown", -1);
        if (csq > 31 && csq != 99) {
            in.add(p + ".signal_csq = " + csq + ": expected 0 to 31, or 99 for unknown");
            return null;
        }
        String network = c.containsKey("network")
                ? in.choice(c, p, "network", KioskTelemetry.Calls.NETWORKS, "expected home, roaming, searching, denied, none or unknown")
                : null;
        String modem = null;
        if (c.containsKey("modem")) {
            Object m = c.get("modem");
            if (m instanceof String s && WellTelemetry.isSensorState(s)) {
                modem = s;
            } else {
                in.wrong(p, "modem", m, "expected 'ok' or 'fault:<reason>'");
                return null;
            }
        }
        if (placed == Inspection.BAD || answered == Inspection.BAD || seconds == Inspection.BAD
                || failed == Inspection.BAD || csq == Inspection.BAD || (c.containsKey("network") && network == null)) {
            return null;
        }
        return new KioskTelemetry.Calls((int) placed, (int) answered, seconds, (int) failed, (int) csq, network, modem);
    }

    private static KioskTelemetry.Wifi wifi(JsonObject w, Inspection in) {
        if (w == null) {
            return null;
        }
        String p = "metrics.wifi";
        long clients = in.integer(w, p, "clients", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        long sessions = in.integer(w, p, "sessions", 0, Integer.MAX_VALUE, INTEGER_AT_LEAST_0);
        double down = in.number(w, p, "mb_down", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        double up = in.number(w, p, "mb_up", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
        String uplink = w.containsKey("uplink") ? in.choice(w, p, "uplink", List.of("up", "down"), "expected up or down") : null;
        if (clients == Inspection.BAD || sessions == Inspection.BAD || Double.isNaN(down) || Double.isNaN(up)
                || (w.containsKey("uplink") && uplink == null)) {
            return null;
        }
        return new KioskTelemetry.Wifi((int) clients, (int) sessions, down, up, uplink);
    }

    private static KioskTelemetry.Power power(JsonObject w, Inspection in) {
        if (w == null) {
            return null;
        }
        String p = "metrics.power";
        double battery = in.number(w, p, "battery_v", 0, 80, "expected 0 to 80 V");
        double solar = in.number(w, p, "solar_w", 0, 10_000, "expected 0 to 10000 W");
        double load = in.number(w, p, "load_w", 0, 10_000, "expected 0 to 10000 W");
        String shedding = in.choice(w, p, "shedding", SHEDDING, "expected none, charging or all");
        if (Double.isNaN(battery) || Double.isNaN(solar) || Double.isNaN(load) || shedding == null) {
            return null;
        }
        return new KioskTelemetry.Power(battery, solar, load, shedding);
    }

    private static Body event(JsonObject o, Inspection in) {
        Object t = o.get("type");
        String type = null;
        if (t instanceof String s && Ids.isName(s)) {
            type = s;
        } else if (t == null) {
            in.missing(o, null, "type", "expected " + Ids.NAME_SHAPE);
        } else {
            in.wrong(null, "type", t, "expected " + Ids.NAME_SHAPE);
        }
        if (type == null) {
            return null;
        }
        switch (type) {
            case EventBody.CALL_ENDED:
                in.integer(o, null, "seconds", 0, 86_400, "expected an integer from 0 to 86400");
                in.choice(o, null, "result", EventBody.CALL_RESULTS, "expected answered, busy, no_answer or failed");
                break;
            case EventBody.CHARGING_ENDED:
                in.integer(o, null, "port", 1, 64, "expected an integer from 1 to 64");
                in.integer(o, null, "seconds", 0, MAX, INTEGER_AT_LEAST_0);
                in.number(o, null, "wh", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
                in.choice(o, null, "reason", EventBody.CHARGING_REASONS,
                        "expected full, time_limit, over_current, unplugged, shed or stopped");
                break;
            case EventBody.WIFI_SESSION_ENDED:
                in.integer(o, null, "seconds", 0, MAX, INTEGER_AT_LEAST_0);
                in.number(o, null, "mb_down", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
                in.number(o, null, "mb_up", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
                break;
            case EventBody.FAULT:
                in.text(o, null, "part", 64, TEXT);
                in.text(o, null, "reason", 64, TEXT);
                break;
            case EventBody.FAULT_CLEARED:
                in.text(o, null, "part", 64, TEXT);
                break;
            case EventBody.CALIBRATION:
                in.text(o, null, "sensor", 64, TEXT);
                break;
            case EventBody.FILE_DAMAGED:
                in.text(o, null, "part", 64, TEXT);
                in.text(o, null, "kept", 200, LONG_TEXT);
                in.text(o, null, "action", 200, LONG_TEXT);
                break;
            case EventBody.CARTRIDGE_REPLACED:
                in.number(o, null, "previous_litres", 0, Double.MAX_VALUE, NUMBER_AT_LEAST_0);
                break;
            default:
                break; // forward compatible: a type this gateway does not know yet
        }
        if (!in.clean()) {
            return null;
        }
        String checkedType = type;
        return build(in, () -> new EventBody(checkedType, others(o, EVENT_KEYS)));
    }

    /** The members of {@code o} that are neither envelope keys nor in {@code skip}, in json-simple form. */
    private static Map<String, Object> others(JsonObject o, Set<String> skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : o.entrySet()) {
            if (!Envelope.KEYS.contains(e.getKey()) && !skip.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Builds a body whose checks passed. The constructors re-check what they guard; if they ever
     * disagree with the checks above, that becomes a reason rather than an exception.
     */
    private static Body build(Inspection in, BodyFactory factory) {
        try {
            return factory.make();
        } catch (IllegalArgumentException e) {
            in.add(e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface BodyFactory {
        Body make();
    }
}
