package io.waypoint.wire;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * JSON for every message of the wire contract.
 *
 * <p>Encoders write compact JSON with keys in the contract's order and numbers with at most three
 * decimals, no trailing zeros and integers without ".0" ({@code 12.5}, {@code 0.001}, {@code 60});
 * instants as {@link WireTime#format}. They throw {@link IllegalArgumentException} only for what the
 * value types cannot rule out (e.g. telemetry with {@code seq} 0).
 *
 * <p>Node messages are read by {@link MessageValidator}, which also judges plausibility. The
 * gateway's and staff's messages are read here: each decoder returns the typed message or throws a
 * {@link WireFormatException} listing every problem. Decoders take the raw MQTT payload (at most
 * 64 KiB of UTF-8) and never throw anything else, whatever the bytes. An empty retained payload on
 * {@code alerts/active/{key}} means the alert was cleared: check for it before
 * {@link #decodeAlert}.
 */
public final class WireCodec {
    private static final long MAX = Long.MAX_VALUE;
    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_REASON = 2000;
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    private static final List<String> ALERT_STATES = List.of("raised", "escalated", "acknowledged", "resolved");

    private WireCodec() {
    }

    /**
     * A node message: the envelope's keys, then the body's, in one object.
     *
     * @throws IllegalArgumentException when telemetry or an event has {@code seq} 0: only state is unsequenced
     */
    public static String encode(Envelope envelope, Body body) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
        if (body.kind() != NodeTopic.Kind.STATE && envelope.seq() < 1) {
            throw new IllegalArgumentException("telemetry and events are sequenced from 1, seq was " + envelope.seq());
        }
        JsonWriter w = new JsonWriter().begin()
                .field("v", envelope.v())
                .field("site", envelope.site())
                .field("node", envelope.node())
                .field("boot", envelope.boot())
                .field("seq", envelope.seq())
                .field("ts", WireTime.format(envelope.ts()))
                .field("clock", envelope.clock().wire());
        if (body instanceof StateBody s) {
            w.field("online", s.online()).members(s.extra());
        } else if (body instanceof WellTelemetry t) {
            well(w, t);
        } else if (body instanceof KioskTelemetry t) {
            kiosk(w, t);
        } else if (body instanceof EventBody e) {
            w.field("type", e.type()).members(e.fields());
        }
        return w.end().text();
    }

    private static void well(JsonWriter w, WellTelemetry t) {
        w.field("interval_s", t.intervalS());
        if (t.turbidityNtu() != null || t.flowLpm() != null) {
            w.key("metrics").begin();
            summary(w, "turbidity_ntu", t.turbidityNtu());
            summary(w, "flow_lpm", t.flowLpm());
            w.end();
        }
        w.field("litres", t.litres())
                .field("total_litres", t.totalLitres())
                .field("cartridge_litres", t.cartridgeLitres());
        if (t.cartridgeRatedLitres() > 0) {
            w.field("cartridge_rated_litres", t.cartridgeRatedLitres());
        }
        w.field("sensor", t.sensor());
        if (t.outboxDropped() != 0) {
            w.field("outbox_dropped", t.outboxDropped());
        }
    }

    private static void summary(JsonWriter w, String key, WellTelemetry.Summary s) {
        if (s != null) {
            w.key(key).begin().field("min", s.min()).field("avg", s.avg()).field("max", s.max()).field("n", s.n()).end();
        }
    }

    private static void kiosk(JsonWriter w, KioskTelemetry t) {
        w.field("interval_s", t.intervalS()).key("metrics").begin();
        if (t.charging() != null) {
            KioskTelemetry.Charging c = t.charging();
            w.key("charging").begin().field("ports_total", c.portsTotal()).field("ports_busy", c.portsBusy())
                    .field("sessions", c.sessions()).field("wh", c.wh()).field("faults", c.faults()).end();
        }
        if (t.calls() != null) {
            KioskTelemetry.Calls c = t.calls();
            w.key("calls").begin().field("placed", c.placed()).field("answered", c.answered())
                    .field("seconds", c.seconds()).field("failed", c.failed());
            if (c.signalCsq() >= 0) {
                w.field("signal_csq", c.signalCsq());
            }
            if (c.network() != null) {
                w.field("network", c.network());
            }
            if (c.modem() != null) {
                w.field("modem", c.modem());
            }
            w.end();
        }
        if (t.wifi() != null) {
            KioskTelemetry.Wifi f = t.wifi();
            w.key("wifi").begin().field("clients", f.clients()).field("sessions", f.sessions())
                    .field("mb_down", f.mbDown()).field("mb_up", f.mbUp());
            if (f.uplink() != null) {
                w.field("uplink", f.uplink());
            }
            w.end();
        }
        if (t.power() != null) {
            KioskTelemetry.Power p = t.power();
            w.key("power").begin().field("battery_v", p.batteryV()).field("solar_w", p.solarW())
                    .field("load_w", p.loadW()).field("shedding", p.shedding()).end();
        }
        w.end();
        if (t.outboxDropped() != 0) {
            w.field("outbox_dropped", t.outboxDropped());
        }
    }

    /** {@code {"boot":N,"seq":M}}. */
    public static String encode(Ack ack) {
        return new JsonWriter().begin().field("boot", ack.boot()).field("seq", ack.seq()).end().text();
    }

    /** @throws WireFormatException unless the payload is {@code {"boot":N,"seq":M}} with both integers >= 1 */
    public static Ack decodeAck(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o != null) {
            long boot = in.integer(o, null, "boot", 1, MAX, "expected an integer >= 1");
            long seq = in.integer(o, null, "seq", 1, MAX, "expected an integer >= 1");
            if (in.clean()) {
                return new Ack(boot, seq);
            }
        }
        throw new WireFormatException("not an ack", in.reasons());
    }

    /**
     * key, site, node, rule, severity, state, since, at, value (omitted when null), message, by (omitted when null).
     *
     * @throws IllegalArgumentException when the value is NaN or infinite
     */
    public static String encode(Alert alert) {
        JsonWriter w = new JsonWriter().begin()
                .field("key", alert.key())
                .field("site", alert.site())
                .field("node", alert.node())
                .field("rule", alert.rule())
                .field("severity", alert.severity().wire())
                .field("state", alert.state().wire())
                .field("since", WireTime.format(alert.since()))
                .field("at", WireTime.format(alert.at()));
        if (alert.value() != null) {
            w.field("value", alert.value().doubleValue());
        }
        w.field("message", alert.message());
        if (alert.by() != null) {
            w.field("by", alert.by());
        }
        return w.end().text();
    }

    /**
     * @throws WireFormatException when a field is missing or malformed, or the key is not
     *         {@code <rule>.<node>} of the alert's own rule and node
     */
    public static Alert decodeAlert(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o != null) {
            String key = in.text(o, null, "key", 81, "expected <rule>.<node>");
            String site = id(o, "site", in);
            String node = id(o, "node", in);
            if (node != null && Ids.isReservedNode(node)) {
                in.add("node '" + node + "' is reserved: expected a node id");
                node = null;
            }
            String rule = in.text(o, null, "rule", 40, "expected " + Ids.RULE_SHAPE);
            if (rule != null && !Ids.isRule(rule)) {
                in.wrong(null, "rule", rule, "expected " + Ids.RULE_SHAPE);
                rule = null;
            }
            if (key != null && rule != null && node != null && !key.equals(Alert.key(rule, node))) {
                in.wrong(null, "key", key, "expected '" + Alert.key(rule, node) + "' (<rule>.<node>)");
            }
            String severity = in.choice(o, null, "severity", SEVERITIES, "expected info, warning or critical");
            String state = in.choice(o, null, "state", ALERT_STATES, "expected raised, escalated, acknowledged or resolved");
            Instant since = in.time(o, null, "since");
            Instant at = in.time(o, null, "at");
            double value = in.optionalNumber(o, null, "value", -Double.MAX_VALUE, Double.MAX_VALUE,
                    "expected a number", Double.NaN);
            boolean hasValue = o.get("value") != null;
            String message = in.text(o, null, "message", MAX_MESSAGE,
                    "expected a sentence of at most " + MAX_MESSAGE + " characters");
            String by = in.optionalText(o, null, "by", AlertAck.MAX_BY,
                    "expected 1 to " + AlertAck.MAX_BY + " characters");
            if (in.clean()) {
                return new Alert(key, site, node, rule, Severity.fromWire(severity), AlertState.fromWire(state), since, at,
                        hasValue ? value : null, message, by);
            }
        }
        throw new WireFormatException("not an alert", in.reasons());
    }

    private static String id(JsonObject o, String key, Inspection in) {
        Object x = o.get(key);
        if (x instanceof String s && Ids.isId(s)) {
            return s;
        }
        if (x == null) {
            in.missing(o, null, key, "expected an id of " + Ids.ID_SHAPE);
        } else {
            in.wrong(null, key, x, "expected an id of " + Ids.ID_SHAPE);
        }
        return null;
    }

    /** {@code {"id":..,"to":..,"text":..}}. */
    public static String encode(SmsCommand c) {
        return new JsonWriter().begin().field("id", c.id()).field("to", c.to()).field("text", c.text()).end().text();
    }

    /**
     * Reads an SMS command.
     *
     * @throws WireFormatException unless {@code id}, {@code to} and {@code text} are there as
     *         {@link SmsCommand} requires; the reasons never repeat the text
     */
    public static SmsCommand decodeSmsCommand(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o == null) {
            throw new WireFormatException("not an SMS command", in.reasons());
        }
        // no reason repeats a value: an id or a list shaped like a phone number must not travel back in the answer
        List<String> reasons = new ArrayList<>(3);
        Object id = o.get("id");
        if (!(id instanceof String i) || i.isEmpty() || i.length() > SmsCommand.MAX_ID) {
            reasons.add("id " + kindOf(id) + ": expected what the answer repeats, a string of 1 to " + SmsCommand.MAX_ID + " characters");
        } else if (PrivacyGuard.identifyingValue(i)) {
            reasons.add("id: expected no phone number, MAC or IP address (the value is not repeated)");
        }
        Object to = o.get("to");
        if (!(to instanceof String t) || !Ids.isId(t)) {
            reasons.add("to " + kindOf(to) + ": expected a recipient list of the kiosk's [sms] section, e.g. staff, "
                    + Ids.ID_SHAPE + " (the value is not repeated)");
        }
        Object text = o.get("text");
        if (!(text instanceof String t) || t.isEmpty() || t.length() > SmsCommand.MAX_TEXT) {
            reasons.add("text " + kindOf(text) + ": expected a string of 1 to " + SmsCommand.MAX_TEXT + " characters");
        }
        if (!reasons.isEmpty()) {
            throw new WireFormatException("not an SMS command", reasons);
        }
        return new SmsCommand((String) id, (String) to, (String) text);
    }

    /** What a refused value was, by its kind only. */
    private static String kindOf(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof String s) {
            return "of " + s.length() + " characters";
        }
        return value instanceof Number ? "is a number" : value instanceof Boolean ? "is a boolean" : "is not a string";
    }

    /** {@code {"key":..,"by":..}}. */
    public static String encode(AlertAck ack) {
        return new JsonWriter().begin().field("key", ack.key()).field("by", ack.by()).end().text();
    }

    /**
     * Reads what a member of staff sent, so it is checked as strictly as a node's message.
     *
     * @throws WireFormatException unless the key is {@code <rule>.<node>} and {@code by} is 1 to 64
     *         characters without control characters
     */
    public static AlertAck decodeAlertAck(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o != null) {
            Object key = o.get("key");
            if (key == null) {
                in.missing(o, null, "key", "expected <rule>.<node>");
            } else if (!(key instanceof String k && Ids.isAlertKey(k))) {
                in.wrong(null, "key", key, "expected <rule>.<node>, rule " + Ids.RULE_SHAPE + ", node " + Ids.ID_SHAPE);
            }
            String by = in.text(o, null, "by", AlertAck.MAX_BY, "expected a name or initials of 1 to "
                    + AlertAck.MAX_BY + " characters");
            if (in.clean()) {
                return new AlertAck((String) key, by);
            }
        }
        throw new WireFormatException("not an alert acknowledgement", in.reasons());
    }

    /** {@code {"ts":"...", counters in their order}}. */
    public static String encode(GatewayStats stats) {
        JsonWriter w = new JsonWriter().begin().field("ts", WireTime.format(stats.ts()));
        for (Map.Entry<String, Long> e : stats.counters().entrySet()) {
            w.field(e.getKey(), e.getValue().longValue());
        }
        return w.end().text();
    }

    /** @throws WireFormatException when ts is missing or a counter is not an integer >= 0 */
    public static GatewayStats decodeGatewayStats(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o != null) {
            Instant ts = in.time(o, null, "ts");
            Map<String, Long> counters = new LinkedHashMap<>();
            for (String name : o.keySet()) {
                if ("ts".equals(name)) {
                    continue;
                }
                if (!Ids.isName(name)) {
                    in.add("counter " + Inspection.quote(name) + " is not a valid name: expected " + Ids.NAME_SHAPE);
                    continue;
                }
                long v = in.integer(o, null, name, 0, MAX, "expected an integer >= 0");
                if (v != Inspection.BAD) {
                    counters.put(name, v);
                }
            }
            if (in.clean()) {
                return new GatewayStats(ts, GatewayStats.inUsualOrder(counters));
            }
        }
        throw new WireFormatException("not gateway stats", in.reasons());
    }

    /** {@code {"topic":..,"bytes":N,"reasons":[..],"at":".."}}. */
    public static String encode(Reject reject) {
        return new JsonWriter().begin()
                .field("topic", reject.topic())
                .field("bytes", reject.bytes())
                .value("reasons", reject.reasons())
                .field("at", WireTime.format(reject.at()))
                .end().text();
    }

    /**
     * @throws WireFormatException when a field is missing or malformed, there are no reasons, or a
     *         reason is not one line of text of at most 2,000 characters
     */
    public static Reject decodeReject(byte[] payload) throws WireFormatException {
        Inspection in = new Inspection(false);
        JsonObject o = JsonPayload.parseObject(payload, in);
        if (o != null) {
            Object topic = o.get("topic");
            if (!(topic instanceof String)) {
                if (topic == null) {
                    in.missing(o, null, "topic", "expected a string");
                } else {
                    in.wrong(null, "topic", topic, "expected a string");
                }
            }
            long bytes = in.integer(o, null, "bytes", 0, Integer.MAX_VALUE, "expected an integer >= 0");
            List<String> reasons = strings(o, "reasons", in);
            Instant at = in.time(o, null, "at");
            if (in.clean()) {
                return new Reject((String) topic, (int) bytes, reasons, at);
            }
        }
        throw new WireFormatException("not a reject", in.reasons());
    }

    private static List<String> strings(JsonObject o, String key, Inspection in) {
        Object x = o.get(key);
        String expectation = "expected a non-empty array of strings";
        if (!(x instanceof JsonArray a) || a.isEmpty()) {
            if (x == null) {
                in.missing(o, null, key, expectation);
            } else {
                in.wrong(null, key, x, expectation);
            }
            return null;
        }
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            // a reason is one line of text, as the gateway writes them: with control characters it could
            // not be written back in 64 KiB, each one taking six bytes escaped
            String s = in.textElement(a.get(i), key + "[" + i + "]", MAX_REASON,
                    "expected a reason: one line of at most " + MAX_REASON + " characters");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
