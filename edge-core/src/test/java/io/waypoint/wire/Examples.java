package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The messages of DESIGN.md's wire contract, as tests start from them. */
final class Examples {
    static final Instant NOW = Instant.parse("2026-11-27T12:40:00.123Z");
    static final NodeRef WELL = new NodeRef("la-gloria", "well-01");
    static final NodeRef KIOSK = new NodeRef("la-gloria", "kiosk-03");
    static final String WELL_TELEMETRY = "wp/v1/la-gloria/well-01/telemetry";
    static final String WELL_STATE = "wp/v1/la-gloria/well-01/state";
    static final String KIOSK_TELEMETRY = "wp/v1/la-gloria/kiosk-03/telemetry";
    static final String KIOSK_EVENT = "wp/v1/la-gloria/kiosk-03/event";
    static final MessageValidator VALIDATOR = new MessageValidator();

    private Examples() {
    }

    static Envelope envelope(NodeRef node, long seq) {
        return Envelope.of(node, 12, seq, NOW, ClockState.SYNCED);
    }

    static WellTelemetry wellTelemetry() {
        return new WellTelemetry(60, new WellTelemetry.Summary(0.41, 0.52, 0.71, 6),
                new WellTelemetry.Summary(0, 3.2, 11.8, 60), 12.5, 45678.9, 1234.5, "ok", 0);
    }

    static KioskTelemetry kioskTelemetry() {
        return new KioskTelemetry(60,
                new KioskTelemetry.Charging(8, 3, 5, 12.3, 0),
                new KioskTelemetry.Calls(4, 3, 512, 1),
                new KioskTelemetry.Wifi(12, 7, 80.2, 9.1),
                new KioskTelemetry.Power(12.6, 40.0, 25.0, "none"), 0);
    }

    static String wellText() {
        return WireCodec.encode(envelope(WELL, 3456), wellTelemetry());
    }

    static String kioskText() {
        return WireCodec.encode(envelope(KIOSK, 77), kioskTelemetry());
    }

    static JsonObject json(String text) {
        try {
            return (JsonObject) Jsoner.deserialize(text);
        } catch (JsonException e) {
            throw new AssertionError(text, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(JsonObject o) {
        return bytes(Jsoner.serialize(o));
    }

    /** The well telemetry example with {@code change} applied. */
    static byte[] well(Consumer<JsonObject> change) {
        JsonObject o = json(wellText());
        change.accept(o);
        return bytes(o);
    }

    /** The kiosk telemetry example with {@code change} applied. */
    static byte[] kiosk(Consumer<JsonObject> change) {
        JsonObject o = json(kioskText());
        change.accept(o);
        return bytes(o);
    }

    static JsonObject at(JsonObject o, String... path) {
        JsonObject cur = o;
        for (String p : path) {
            cur = (JsonObject) cur.get(p);
        }
        return cur;
    }

    /** An event message on the kiosk's event topic whose body is {@code bodyJson} (without braces). */
    static byte[] event(String bodyJson) {
        String envelope = WireCodec.encode(envelope(KIOSK, 5), EventBody.faultCleared("x"));
        String head = envelope.substring(0, envelope.indexOf(",\"type\""));
        return bytes(head + "," + bodyJson + "}");
    }

    static List<String> reasons(Validation v) {
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).reasons();
    }

    static Validation.Valid valid(Validation v) {
        assertThat(v).as("%s", v).isInstanceOf(Validation.Valid.class);
        return (Validation.Valid) v;
    }
}
