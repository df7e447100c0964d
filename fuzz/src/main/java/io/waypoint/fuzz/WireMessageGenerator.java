package io.waypoint.fuzz;

import static io.waypoint.fuzz.JsonShape.member;
import static io.waypoint.fuzz.JsonShape.number;
import static io.waypoint.fuzz.JsonShape.object;

import io.waypoint.fuzz.JsonShape.Raw;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes MQTT messages as they reach the gateway, as {@code topic\npayload}: node state, well and
 * kiosk telemetry, every event type, and the gateway's and staff's own messages (acks, alerts,
 * alert acks, stats, rejects), on their topics and sometimes on the wrong one. Most are valid
 * envelopes with one value wrong (type, range, identity, time, a key that may identify a person),
 * some are valid, some are spoilt JSON.
 */
public final class WireMessageGenerator {
    public static final String SITE = "la-gloria";
    private static final List<String> NODES = List.of("well-01", "kiosk-01", "well-02");
    private static final List<String> BAD_IDS = List.of("", "La-Gloria", "-x", "a/b", "+", "#", "alerts", "gateway", "_gateway",
            "x".repeat(33), "well 01", "wéll", "well-01\u0000");

    private WireMessageGenerator() {
    }

    /** {@code topic}, a line feed, {@code payload}: the form every wire and gateway input takes. */
    public static byte[] message(String topic, String payload) {
        return (topic + "\n" + payload).getBytes(StandardCharsets.UTF_8);
    }

    public static List<byte[]> seeds() {
        SplittableRandom r = new SplittableRandom(1);
        List<byte[]> seeds = new ArrayList<>();
        for (String kind : List.of("well", "kiosk", "state", "event", "ack", "alert", "alert-ack", "stats", "reject")) {
            Map<String, Object> body = body(kind, "well-01", 3, 42, r, false);
            seeds.add(message(topic(kind, "well-01", r, false), JsonShape.write(body)));
        }
        return seeds;
    }

    /** One message: usually of a node, sometimes of the gateway or staff; valid, or wrong in one place. */
    public static byte[] generate(SplittableRandom r) {
        String kind = HostileValues.pick(r, List.of("well", "well", "kiosk", "kiosk", "state", "event", "event", "ack", "alert",
                "alert-ack", "stats", "reject"));
        String node = HostileValues.pick(r, NODES);
        return messageOf(kind, node, r.nextLong(1, 5), r.nextLong(1, 100), r);
    }

    /** A message of {@code kind} from {@code node}, boot and seq given, valid or spoilt. */
    public static byte[] messageOf(String kind, String node, long boot, long seq, SplittableRandom r) {
        boolean wrongTopic = r.nextInt(15) == 0;
        Map<String, Object> body = body(kind, node, boot, seq, r, wrongTopic);
        int spoils = r.nextInt(3) == 0 ? 0 : r.nextInt(8) == 0 ? r.nextInt(2, 6) : 1;
        for (int i = 0; i < spoils; i++) {
            JsonShape.spoil(body, r);
        }
        String payload = JsonShape.write(body);
        if (r.nextInt(20) == 0) {
            // spoilt as text: cut short, a character lost, something after the object
            payload = switch (r.nextInt(4)) {
                case 0 -> payload.substring(0, r.nextInt(payload.length()));
                case 1 -> payload.replaceFirst(",", "");
                case 2 -> payload + HostileValues.pick(r, List.of("}", "]", " x", "{}", "\u0000"));
                default -> "[" + payload + "]";
            };
        }
        return message(topic(kind, node, r, wrongTopic), payload);
    }

    private static String topic(String kind, String node, SplittableRandom r, boolean wrong) {
        String site = wrong && r.nextBoolean() ? HostileValues.pick(r, BAD_IDS) : SITE;
        String n = wrong && r.nextBoolean() ? HostileValues.pick(r, BAD_IDS) : node;
        String topic = switch (kind) {
            case "well", "kiosk" -> "wp/v1/" + site + "/" + n + "/telemetry";
            case "state" -> "wp/v1/" + site + "/" + n + "/state";
            case "event" -> "wp/v1/" + site + "/" + n + "/event";
            case "ack" -> "wp/v1/" + site + "/" + n + "/ack";
            case "alert" -> r.nextBoolean() ? "wp/v1/" + site + "/alerts/active/turbidity_unsafe." + n : "wp/v1/" + site + "/alerts/events";
            case "alert-ack" -> "wp/v1/" + site + "/alerts/ack";
            case "stats" -> "wp/v1/_gateway/gw-1/stats";
            default -> "wp/v1/_gateway/gw-1/rejects";
        };
        if (wrong && r.nextInt(3) == 0) {
            topic = HostileValues.pick(r, List.of("", "wp/v1/", "wp/v2/" + SITE + "/" + node + "/telemetry", "wp/v1/+/+/telemetry",
                    topic + "/", "/" + topic, topic.replace('/', '\u2215'), topic + "/cmd/rebirth", "wp/v1/" + SITE + "/status",
                    topic.toUpperCase(), "wp/v1/" + SITE + "//telemetry", topic + "\u0000"));
        }
        return topic;
    }

    private static Map<String, Object> body(String kind, String node, long boot, long seq, SplittableRandom r, boolean wrongIdentity) {
        return switch (kind) {
            case "well" -> withEnvelope(node, boot, seq, r, wrongIdentity, well(r));
            case "kiosk" -> withEnvelope(node, boot, seq, r, wrongIdentity, kiosk(r));
            case "state" -> withEnvelope(node, boot, r.nextInt(4) == 0 ? seq : 0, r, wrongIdentity,
                    object(member("online", new Raw(r.nextInt(4) > 0 ? "true" : "false")), member("fw", "0.1.0"),
                            member("hal", r.nextBoolean() ? "sim" : "board")));
            case "event" -> withEnvelope(node, boot, seq, r, wrongIdentity, event(r));
            case "ack" -> object(member("boot", number(boot)), member("seq", number(seq)));
            case "alert" -> alert(node, r);
            case "alert-ack" -> object(member("key", "turbidity_unsafe." + node), member("by", r.nextBoolean() ? "ana" : "J. P."));
            case "stats" -> object(member("ts", timestamp(r)), member("received", number(r.nextLong(0, 1_000_000))),
                    member("accepted", number(r.nextLong(0, 1_000_000))), member("rejected", number(r.nextLong(0, 1000))),
                    member("queue", number(0)));
            default -> object(member("topic", "wp/v1/" + SITE + "/" + node + "/telemetry"), member("bytes", number(r.nextLong(0, 70_000))),
                    member("reasons", new ArrayList<>(List.of("seq = 0: expected an integer >= 1"))), member("at", timestamp(r)));
        };
    }

    private static Map<String, Object> withEnvelope(String node, long boot, long seq, SplittableRandom r, boolean wrongIdentity,
                                                    Map<String, Object> body) {
        Map<String, Object> m = object(member("v", number(1)), member("site", SITE), member("node", node),
                member("boot", number(boot)), member("seq", number(seq)), member("ts", timestamp(r)),
                member("clock", r.nextInt(5) > 0 ? "synced" : "unsynced"));
        if (wrongIdentity && r.nextBoolean()) {
            m.put("node", HostileValues.pick(r, NODES));
        }
        if (r.nextInt(4) == 0 && seq > 0) {
            m.put("first_seq", number(r.nextInt(6) == 0 ? seq + 1 : Math.max(1, seq - r.nextLong(0, 10))));
        }
        m.putAll(body);
        return m;
    }

    private static String timestamp(SplittableRandom r) {
        return switch (r.nextInt(14)) {
            case 0 -> "2026-11-27T12:40:00Z";
            case 1 -> "2026-11-27T13:40:00.123+01:00";
            case 2 -> "2026-11-29T12:40:00.000Z"; // more than a day ahead of the gateway
            case 3 -> HostileValues.pick(r, List.of("2026-02-30T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27 12:40:00",
                    "2026-11-27T12:40:00", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                    "2026-11-27T12:40:60.000Z", "2026-11-27T12:40:00.1234567891Z", "0000-01-01T00:00:00Z", "T", ""));
            default -> String.format("2026-11-27T%02d:%02d:%02d.%03dZ", r.nextInt(0, 13), r.nextInt(60), r.nextInt(60), r.nextInt(1000));
        };
    }

    private static Map<String, Object> summary(SplittableRandom r, double max) {
        double a = r.nextDouble(0, max);
        double b = r.nextDouble(0, max);
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        return object(member("min", number(round(lo))), member("avg", number(round((lo + hi) / 2))), member("max", number(round(hi))),
                member("n", number(r.nextLong(0, 12))));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static Map<String, Object> well(SplittableRandom r) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (r.nextInt(5) > 0) {
            metrics.put("turbidity_ntu", r.nextInt(10) == 0 ? JsonShape.NULL : summary(r, r.nextInt(10) == 0 ? 5000 : 20));
        }
        if (r.nextInt(5) > 0) {
            metrics.put("flow_lpm", summary(r, 30));
        }
        Map<String, Object> m = object(member("interval_s", number(60)), member("metrics", metrics),
                member("litres", number(round(r.nextDouble(0, 100)))), member("total_litres", number(round(r.nextDouble(0, 1e6)))),
                member("cartridge_litres", number(round(r.nextDouble(0, 20_000)))),
                member("sensor", HostileValues.pick(r, List.of("ok", "ok", "fault:no_reply", "fault:crc", "fault:", "fault:Crc", "bad"))));
        if (r.nextBoolean()) {
            m.put("cartridge_rated_litres", number(20_000));
        }
        if (r.nextInt(6) == 0) {
            m.put("outbox_dropped", number(r.nextLong(0, 100)));
        }
        return m;
    }

    private static Map<String, Object> kiosk(SplittableRandom r) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        long total = r.nextLong(1, 9);
        if (r.nextInt(4) > 0) {
            metrics.put("charging", object(member("ports_total", number(total)), member("ports_busy", number(r.nextLong(0, total + 2))),
                    member("sessions", number(r.nextLong(0, 20))), member("wh", number(round(r.nextDouble(0, 50)))),
                    member("faults", number(r.nextLong(0, 3)))));
        }
        if (r.nextInt(4) > 0) {
            long placed = r.nextLong(0, 10);
            Map<String, Object> calls = object(member("placed", number(placed)), member("answered", number(r.nextLong(0, placed + 2))),
                    member("seconds", number(r.nextLong(0, 2000))), member("failed", number(r.nextLong(0, 3))));
            if (r.nextBoolean()) {
                calls.put("signal_csq", number(HostileValues.pick(r, List.of(0L, 18L, 31L, 32L, 99L, 98L))));
            }
            if (r.nextBoolean()) {
                calls.put("network", HostileValues.pick(r, List.of("home", "roaming", "searching", "denied", "none", "unknown", "Home", "5")));
            }
            if (r.nextInt(4) == 0) {
                calls.put("modem", HostileValues.pick(r, List.of("ok", "fault:no_sim", "fault:not responding", "x")));
            }
            metrics.put("calls", calls);
        }
        if (r.nextInt(4) > 0) {
            Map<String, Object> wifi = object(member("clients", number(r.nextLong(0, 40))), member("sessions", number(r.nextLong(0, 20))),
                    member("mb_down", number(round(r.nextDouble(0, 500)))), member("mb_up", number(round(r.nextDouble(0, 50)))));
            if (r.nextBoolean()) {
                wifi.put("uplink", HostileValues.pick(r, List.of("up", "down", "Up", "")));
            }
            metrics.put("wifi", wifi);
        }
        if (r.nextInt(4) > 0) {
            metrics.put("power", object(member("battery_v", number(round(r.nextDouble(10, 15)))), member("solar_w", number(round(r.nextDouble(0, 200)))),
                    member("load_w", number(round(r.nextDouble(0, 100)))),
                    member("shedding", HostileValues.pick(r, List.of("none", "charging", "all", "some")))));
        }
        if (r.nextInt(10) == 0) {
            metrics.put("turbidity_ntu", summary(r, 10));
        }
        return object(member("interval_s", number(r.nextInt(10) == 0 ? HostileValues.pick(r, List.of(0L, 86_400L, 86_401L)) : 60L)),
                member("metrics", metrics));
    }

    private static Map<String, Object> event(SplittableRandom r) {
        return switch (r.nextInt(9)) {
            case 0 -> object(member("type", "call_ended"), member("seconds", number(r.nextLong(0, 200))),
                    member("result", HostileValues.pick(r, List.of("answered", "busy", "no_answer", "failed", "hung_up"))));
            case 1 -> object(member("type", "charging_ended"), member("port", number(r.nextLong(1, 9))), member("seconds", number(r.nextLong(0, 7200))),
                    member("wh", number(round(r.nextDouble(0, 20)))),
                    member("reason", HostileValues.pick(r, List.of("full", "time_limit", "over_current", "unplugged", "shed", "stopped", "x"))));
            case 2 -> object(member("type", "wifi_session_ended"), member("seconds", number(r.nextLong(0, 3600))),
                    member("mb_down", number(round(r.nextDouble(0, 100)))), member("mb_up", number(round(r.nextDouble(0, 10)))));
            case 3 -> object(member("type", "fault"), member("part", HostileValues.pick(r, List.of("turbidity", "port 3", "modem"))),
                    member("reason", "no_reply"));
            case 4 -> object(member("type", "fault_cleared"), member("part", "turbidity"));
            case 5 -> object(member("type", "calibration"), member("sensor", "turbidity"),
                    member("points", new ArrayList<>(List.of(number(0.0), number(10.0), number(100.0)))));
            case 6 -> object(member("type", "cartridge_replaced"), member("previous_litres", number(round(r.nextDouble(0, 30_000)))));
            case 7 -> object(member("type", HostileValues.pick(r, List.of("door_opened", "Door", "9x", "", "a".repeat(41)))),
                    member("detail", object(member("count", number(3)), member("list", new ArrayList<>(List.of("a", number(1)))))));
            default -> object(member("type", "call_ended"), member("seconds", number(180)), member("result", "answered"),
                    member(HostileValues.pick(r, List.of("number", "dialled", "callerId", "imei", "note")),
                            HostileValues.pick(r, List.of("+50766123456", "6612 3456", "507-6612-3456", "ok"))));
        };
    }

    private static Map<String, Object> alert(String node, SplittableRandom r) {
        Map<String, Object> m = object(member("key", "turbidity_unsafe." + node), member("site", SITE), member("node", node),
                member("rule", "turbidity_unsafe"), member("severity", HostileValues.pick(r, List.of("info", "warning", "critical"))),
                member("state", HostileValues.pick(r, List.of("raised", "escalated", "acknowledged", "resolved"))),
                member("since", timestamp(r)), member("at", timestamp(r)));
        if (r.nextBoolean()) {
            m.put("value", number(round(r.nextDouble(0, 100))));
        }
        m.put("message", "Water unsafe at " + node + ": turbidity 7.2 NTU above 5 NTU for 2 min");
        if (r.nextBoolean()) {
            m.put("by", "ana");
        }
        return m;
    }
}
