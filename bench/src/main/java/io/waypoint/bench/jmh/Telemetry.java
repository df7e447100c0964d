package io.waypoint.bench.jmh;

import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.NodeTopic;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The messages the benchmarks read and write: a well's and a kiosk's telemetry as a node sends them. */
final class Telemetry {
    static final Instant T0 = Instant.parse("2026-11-20T06:00:00Z");
    static final NodeRef WELL = new NodeRef("la-gloria", "well-01");
    static final NodeRef KIOSK = new NodeRef("la-gloria", "kiosk-03");
    static final String WELL_TOPIC = NodeTopic.of(WELL.site(), WELL.node(), NodeTopic.Kind.TELEMETRY).name();
    static final String KIOSK_TOPIC = NodeTopic.of(KIOSK.site(), KIOSK.node(), NodeTopic.Kind.TELEMETRY).name();

    private Telemetry() {
    }

    static Envelope envelope(NodeRef node, long seq) {
        return Envelope.of(node, 3, seq, T0.plusSeconds(60 * seq), ClockState.SYNCED);
    }

    /** Reading {@code i} of a well: clear water, some flow, a little different each time. */
    static WellTelemetry well(long i) {
        double avg = 0.3 + (i % 17) / 100.0;
        double flow = 2 + i % 9;
        return new WellTelemetry(60, new WellTelemetry.Summary(avg - 0.05, avg, avg + 0.05, 6),
                new WellTelemetry.Summary(flow - 1, flow, flow + 1, 60), 12.5, 45678.9 + i, 1234.5 + i, "ok", 0, 100_000);
    }

    static KioskTelemetry kiosk() {
        return new KioskTelemetry(60, new KioskTelemetry.Charging(8, 3, 5, 12.3, 0), new KioskTelemetry.Calls(4, 3, 512, 1),
                new KioskTelemetry.Wifi(12, 7, 80.2, 9.1), new KioskTelemetry.Power(12.6, 40.0, 25.0, "none"), 0);
    }

    static byte[] wellBytes(long seq) {
        return WireCodec.encode(envelope(WELL, seq), well(seq)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] kioskBytes(long seq) {
        return WireCodec.encode(envelope(KIOSK, seq), kiosk()).getBytes(StandardCharsets.UTF_8);
    }
}
