package io.waypoint.wire;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A discrete event: {@code {"type":"call_ended","seconds":180,"result":"answered"}}. The type is
 * {@code [a-z][a-z0-9_]{0,39}}; the fields sit beside it at the top level. No event says who, or
 * where a call went: a call is a duration and a result, nothing more. Types the gateway does not
 * know pass its generic checks only, so nodes can add types before the gateway learns them.
 *
 * @param fields the event's keys besides {@code type}, in normal form: integral numbers as Long,
 *               others as Double, maps and lists unmodifiable, order kept
 */
public record EventBody(String type, Map<String, Object> fields) implements Body {
    public static final String CALL_ENDED = "call_ended";
    public static final String CHARGING_ENDED = "charging_ended";
    public static final String WIFI_SESSION_ENDED = "wifi_session_ended";
    public static final String FAULT = "fault";
    public static final String FAULT_CLEARED = "fault_cleared";
    public static final String CALIBRATION = "calibration";
    public static final String CARTRIDGE_REPLACED = "cartridge_replaced";
    /**
     * A node found one of its files damaged at start and set it aside: {@code part} (outbox, boot
     * counter, flow total...), {@code kept} (what it goes on with) and {@code action} (what a
     * technician should do), each text of at most 200 characters. An addition to the contract.
     */
    public static final String FILE_DAMAGED = "file_damaged";

    /** How a call ended. */
    public static final List<String> CALL_RESULTS = List.of("answered", "busy", "no_answer", "failed");
    /** Why a charging session ended. */
    public static final List<String> CHARGING_REASONS = List.of("full", "time_limit", "over_current", "unplugged",
            "shed", "stopped");

    private static final Set<String> RESERVED;

    static {
        Set<String> reserved = new HashSet<>(Envelope.KEYS);
        reserved.add("type");
        RESERVED = Set.copyOf(reserved);
    }

    /**
     * @throws IllegalArgumentException for a malformed type, a field named like an envelope key or
     *         "type", a non-finite number, or a key or value that may identify a person
     */
    public EventBody {
        if (!Ids.isName(type)) {
            throw Ids.invalid("event type", type, Ids.NAME_SHAPE);
        }
        fields = JsonValues.members(fields, RESERVED, "event " + type);
    }

    public static EventBody callEnded(long seconds, String result) {
        return of(CALL_ENDED, "seconds", seconds, "result", result);
    }

    public static EventBody chargingEnded(int port, long seconds, double wh, String reason) {
        return of(CHARGING_ENDED, "port", port, "seconds", seconds, "wh", wh, "reason", reason);
    }

    public static EventBody wifiSessionEnded(long seconds, double mbDown, double mbUp) {
        return of(WIFI_SESSION_ENDED, "seconds", seconds, "mb_down", mbDown, "mb_up", mbUp);
    }

    public static EventBody fault(String part, String reason) {
        return of(FAULT, "part", part, "reason", reason);
    }

    public static EventBody faultCleared(String part) {
        return of(FAULT_CLEARED, "part", part);
    }

    /** See {@link #FILE_DAMAGED}. */
    public static EventBody fileDamaged(String part, String kept, String action) {
        return of(FILE_DAMAGED, "part", part, "kept", kept, "action", action);
    }

    public static EventBody calibration(String sensor) {
        return of(CALIBRATION, "sensor", sensor);
    }

    public static EventBody cartridgeReplaced(double previousLitres) {
        return of(CARTRIDGE_REPLACED, "previous_litres", previousLitres);
    }

    /** An event from alternating keys and values, kept in that order. */
    private static EventBody of(String type, Object... keysAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new EventBody(type, fields);
    }

    @Override
    public NodeTopic.Kind kind() {
        return NodeTopic.Kind.EVENT;
    }
}
