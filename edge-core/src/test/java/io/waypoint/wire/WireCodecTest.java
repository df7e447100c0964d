package io.waypoint.wire;

import static io.waypoint.wire.Examples.KIOSK;
import static io.waypoint.wire.Examples.NOW;
import static io.waypoint.wire.Examples.VALIDATOR;
import static io.waypoint.wire.Examples.WELL;
import static io.waypoint.wire.Examples.bytes;
import static io.waypoint.wire.Examples.envelope;
import static io.waypoint.wire.Examples.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

    /** Encodes, validates as the gateway does, and checks the gateway reads back what the node meant. */
    private static Validation.Valid roundTrip(NodeRef node, long seq, Body body) {
        Envelope envelope = envelope(node, seq);
        String text = WireCodec.encode(envelope, body);
        NodeTopic topic = new NodeTopic(node, body.kind());
        Validation.Valid v = valid(VALIDATOR.validate(topic.name(), bytes(text), NOW));
        assertThat(v.topic()).isEqualTo(topic);
        assertThat(v.envelope()).isEqualTo(envelope);
        assertThat(v.body()).isEqualTo(body);
        return v;
    }

    @Test
    void wellTelemetryRoundTrips() {
        roundTrip(WELL, 3456, Examples.wellTelemetry());
    }

    @Test
    void wellTelemetryWithAFaultySensorAndDroppedMessagesRoundTrips() {
        WellTelemetry t = new WellTelemetry(300, null, new WellTelemetry.Summary(0, 0, 0, 0), 0, 45678.9, 1234.5,
                WellTelemetry.sensorFault("out_of_range"), 17);
        Validation.Valid v = roundTrip(WELL, 9, t);
        assertThat(v.raw()).doesNotContainKey("turbidity_ntu").containsKey("outbox_dropped");
    }

    @Test
    void wellTelemetryWithTheCartridgesRatedLifeRoundTripsAndFlattensForTheRules() {
        WellTelemetry t = new WellTelemetry(60, new WellTelemetry.Summary(0.2, 0.3, 0.4, 6), null, 12, 45678.9, 91234.5,
                WellTelemetry.SENSOR_OK, 0, 100_000);
        Validation.Valid v = roundTrip(WELL, 10, t);
        assertThat(v.metrics().numbers()).containsEntry("cartridge_rated_litres", 100_000.0).containsEntry("cartridge_litres", 91234.5);
    }

    @Test
    void kioskTelemetryWithModemAndUplinkStateRoundTripsAndFlattensForTheRules() {
        KioskTelemetry t = new KioskTelemetry(60, null, new KioskTelemetry.Calls(4, 3, 512, 1, 14, "home", "fault:no_credit"),
                new KioskTelemetry.Wifi(12, 7, 80.2, 9.1, "down"), null, 0);
        Validation.Valid v = roundTrip(KIOSK, 80, t);
        assertThat(v.metrics().numbers()).containsEntry("calls.signal_csq", 14.0);
        assertThat(v.metrics().labels()).containsEntry("calls.network", "home").containsEntry("calls.modem", "fault:no_credit")
                .containsEntry("wifi.uplink", "down");
    }

    @Test
    void kioskModemStateOutOfRangeIsRejected() {
        String bad = WireCodec.encode(envelope(KIOSK, 81), new KioskTelemetry(60, null, new KioskTelemetry.Calls(1, 1, 10, 0), null, null, 0))
                .replace("\"failed\":0", "\"failed\":0,\"signal_csq\":55,\"network\":\"mars\"");
        Validation v = VALIDATOR.validate(new NodeTopic(KIOSK, NodeTopic.Kind.TELEMETRY).name(), bytes(bad), NOW);
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        assertThat(((Validation.Invalid) v).reasons()).anyMatch(r -> r.contains("signal_csq"));
    }

    @Test
    void kioskTelemetryRoundTrips() {
        roundTrip(KIOSK, 77, Examples.kioskTelemetry());
    }

    @Test
    void kioskTelemetryWithoutWifiRoundTrips() {
        KioskTelemetry k = Examples.kioskTelemetry();
        KioskTelemetry noWifi = new KioskTelemetry(60, k.charging(), k.calls(), null, k.power(), 2);
        Validation.Valid v = roundTrip(KIOSK, 78, noWifi);
        assertThat(v.metrics().numbers()).doesNotContainKey("wifi.clients");
    }

    static Stream<EventBody> events() {
        return Stream.of(
                EventBody.callEnded(180, "answered"),
                EventBody.callEnded(0, "no_answer"),
                EventBody.chargingEnded(3, 3600, 9.75, "time_limit"),
                EventBody.wifiSessionEnded(1800, 120.5, 8.25),
                EventBody.fault("modem", "no_sim"),
                EventBody.faultCleared("modem"),
                EventBody.calibration("turbidity"),
                EventBody.cartridgeReplaced(99_876.5),
                new EventBody("queue_sampled", Map.of("people", 14, "detail", Map.of("zone", "b", "tags", List.of("x", 1)))));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventRoundTrips(EventBody event) {
        roundTrip(KIOSK, 5, event);
    }

    @Test
    void birthWithExtrasAndDeathRoundTrip() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("kind", "well");
        extra.put("fw", "0.1.0");
        extra.put("services", List.of("water"));
        roundTrip(WELL, 0, StateBody.birth(extra));
        roundTrip(WELL, 0, StateBody.death());
    }

    @Test
    void writesTheEnvelopeFirstInTheContractsOrder() {
        assertThat(Examples.wellText()).startsWith(
                "{\"v\":1,\"site\":\"la-gloria\",\"node\":\"well-01\",\"boot\":12,\"seq\":3456,"
                        + "\"ts\":\"2026-11-27T12:40:00.123Z\",\"clock\":\"synced\",\"interval_s\":60,\"metrics\":{");
    }

    @Test
    void writesNumbersCompactly() {
        String text = Examples.kioskText();
        assertThat(text).contains("\"solar_w\":40,", "\"load_w\":25,", "\"wh\":12.3,", "\"battery_v\":12.6,")
                .doesNotContain(".0,", ".0}", "E");
    }

    @Test
    void wellAndKioskExamplesFitThe600ByteWireBudget() {
        String text = Examples.wellText();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).as(text).isLessThanOrEqualTo(600);
        assertThat(Examples.kioskText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(600);
    }

    @Test
    void refusesToEncodeUnsequencedTelemetry() {
        assertThatThrownBy(() -> WireCodec.encode(envelope(WELL, 0), Examples.wellTelemetry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
    }

    @Test
    void ackRoundTrips() throws Exception {
        Ack ack = new Ack(12, 3456);
        assertThat(WireCodec.encode(ack)).isEqualTo("{\"boot\":12,\"seq\":3456}");
        assertThat(WireCodec.decodeAck(bytes(WireCodec.encode(ack)))).isEqualTo(ack);
    }

    @Test
    void ackDecoderNamesEveryProblem() {
        assertThatThrownBy(() -> WireCodec.decodeAck(bytes("{\"boot\":0,\"seq\":\"5\"}")))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).reasons()).containsExactly(
                        "boot = 0: expected an integer >= 1", "seq = '5': expected an integer >= 1"));
    }

    private static Alert alert(Double value, String by) {
        return new Alert("turbidity_high.well-01", "la-gloria", "well-01", "turbidity_high", Severity.CRITICAL,
                AlertState.ACKNOWLEDGED, Instant.parse("2026-11-27T12:38:00Z"), NOW, value,
                "Water unsafe at well-01: turbidity 7.2 NTU above 5 NTU for 2 min", by);
    }

    @Test
    void alertRoundTripsWithAndWithoutValueAndBy() throws Exception {
        for (Alert a : List.of(alert(7.2, "Ana R."), alert(null, null))) {
            String text = WireCodec.encode(a);
            assertThat(WireCodec.decodeAlert(bytes(text))).isEqualTo(a);
        }
        assertThat(WireCodec.encode(alert(null, null))).doesNotContain("\"value\"", "\"by\"");
        assertThat(WireCodec.encode(alert(7.2, "x"))).contains("\"severity\":\"critical\",\"state\":\"acknowledged\"",
                "\"value\":7.2");
    }

    @Test
    void alertDecoderRefusesAKeyThatIsNotItsRuleAndNode() {
        String text = WireCodec.encode(alert(7.2, null)).replace("\"key\":\"turbidity_high.well-01\"", "\"key\":\"other.well-01\"");
        assertThatThrownBy(() -> WireCodec.decodeAlert(bytes(text)))
                .hasMessageContaining("key = 'other.well-01': expected 'turbidity_high.well-01'");
    }

    @Test
    void alertAckRoundTrips() throws Exception {
        AlertAck ack = new AlertAck("turbidity_high.well-01", "Ana R.");
        assertThat(WireCodec.decodeAlertAck(bytes(WireCodec.encode(ack)))).isEqualTo(ack);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"key\":\"turbidity_high\",\"by\":\"ana\"}",
            "{\"key\":\"Turbidity.well-01\",\"by\":\"ana\"}",
            "{\"key\":\"turbidity_high.well-01\"}",
            "{\"key\":\"turbidity_high.well-01\",\"by\":\"\"}",
            "{\"key\":\"turbidity_high.well-01\",\"by\":\"a\\nb\"}",
            "{\"key\":\"turbidity_high.well-01\",\"by\":7}",
            "[\"turbidity_high.well-01\"]"})
    void alertAckDecoderRefusesMalformedStaffInput(String text) {
        assertThatThrownBy(() -> WireCodec.decodeAlertAck(bytes(text))).isInstanceOf(WireFormatException.class);
    }

    @Test
    void alertAckDecoderRefusesByLongerThan64Characters() {
        String text = "{\"key\":\"turbidity_high.well-01\",\"by\":\"" + "x".repeat(65) + "\"}";
        assertThatThrownBy(() -> WireCodec.decodeAlertAck(bytes(text))).hasMessageContaining("by = 'xxx");
        assertThat(catchReasons(() -> WireCodec.decodeAlertAck(bytes(text.replace("x".repeat(65), "x".repeat(64)))))).isNull();
    }

    @Test
    void gatewayStatsRoundTripInTheUsualOrder() throws Exception {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("accepted", 1000L);
        counters.put("rejected", 3L);
        counters.put("duplicates", 12L);
        counters.put("stored", 1000L);
        counters.put("gaps", 1L);
        counters.put("alerts_active", 2L);
        counters.put("broker_reconnects", 4L);
        GatewayStats stats = new GatewayStats(NOW, counters);
        String text = WireCodec.encode(stats);
        assertThat(text).startsWith("{\"ts\":\"2026-11-27T12:40:00.123Z\",\"accepted\":1000,\"rejected\":3,");
        GatewayStats back = WireCodec.decodeGatewayStats(bytes(text));
        assertThat(back).isEqualTo(stats);
        assertThat(back.counters().keySet()).containsExactlyElementsOf(counters.keySet());
    }

    @Test
    void gatewayStatsDecoderRefusesNegativeCounters() {
        assertThatThrownBy(() -> WireCodec.decodeGatewayStats(bytes("{\"ts\":\"2026-11-27T12:40:00Z\",\"accepted\":-1}")))
                .hasMessageContaining("accepted = -1: expected an integer >= 0");
    }

    @Test
    void rejectRoundTripsAndNeverCarriesThePayload() throws Exception {
        Reject r = new Reject("wp/v1/la-gloria/well-01/telemetry", 312,
                List.of("metrics.turbidity_ntu.min = -3: expected 0 to 4000 NTU", "seq = 0: expected an integer >= 1"), NOW);
        String text = WireCodec.encode(r);
        assertThat(Examples.json(text)).containsOnlyKeys("topic", "bytes", "reasons", "at");
        assertThat(WireCodec.decodeReject(bytes(text))).isEqualTo(r);
    }

    @Test
    void aRejectOfManyReasonsKeepsTwentyAndSaysHowManyMoreSoItStaysReadable() throws Exception {
        // found by the fuzz harness: with every reason kept, the gateway published rejects of more than 64 KiB,
        // which its own decoder (and every subscriber that checks size) refuses
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            many.add("key 'phone" + i + "' may identify a person");
        }
        Reject r = new Reject("wp/v1/la-gloria/well-01/telemetry", 64_000, many, NOW);
        assertThat(r.reasons()).hasSize(Reject.MAX_REASONS).startsWith("key 'phone0' may identify a person")
                .endsWith("and 4981 more reasons");
        assertThat(WireCodec.decodeReject(bytes(WireCodec.encode(r)))).isEqualTo(r);
    }

    @Test
    void rejectWithholdsATopicThatMayIdentifyAPerson() {
        assertThat(new Reject("wp/v1/s/+4915112345678/state", 1, List.of("x"), NOW).topic()).isEqualTo(Reject.WITHHELD);
        assertThat(new Reject("x".repeat(300), 1, List.of("x"), NOW).topic()).hasSize(Reject.MAX_TOPIC);
    }

    @Test
    void rejectDecoderRefusesARejectWithoutReasons() {
        assertThatThrownBy(() -> WireCodec.decodeReject(bytes("{\"topic\":\"t\",\"bytes\":1,\"reasons\":[],\"at\":\"2026-11-27T12:40:00Z\"}")))
                .hasMessageContaining("reasons is an array: expected a non-empty array of strings");
    }

    @Test
    void rejectDecoderRefusesAReasonThatIsNotOneLineOfText() throws Exception {
        // found by the fuzz harness: a reason of 25,000 raw ESC characters was read, and written back as 150 kB
        // (each one escaped in six bytes), which the decoder then refused
        String reason = "seq = 0: expecte" + "\u001b".repeat(25_000);
        String text = WireCodec.encode(new Reject("t", 1, List.of("fine"), NOW)).replace("\"fine\"", "\"" + reason + "\"");
        assertThatThrownBy(() -> WireCodec.decodeReject(bytes(text))).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("reasons[0] = 'seq = 0: expecte?????").hasMessageContaining("expected a reason: one line");
        String escaped = WireCodec.encode(new Reject("t", 1, List.of("a\u001bb"), NOW));
        assertThatThrownBy(() -> WireCodec.decodeReject(bytes(escaped))).isInstanceOf(WireFormatException.class);
    }

    @Test
    void decodersRefuseGarbageWithTheirOwnException() {
        byte[][] garbage = {new byte[0], bytes("not json"), {(byte) 0xC3, (byte) 0x28}, bytes("[1,2]"), bytes("{\"a\":1e400}")};
        for (byte[] g : garbage) {
            assertThatThrownBy(() -> WireCodec.decodeAck(g)).isInstanceOf(WireFormatException.class);
            assertThatThrownBy(() -> WireCodec.decodeAlert(g)).isInstanceOf(WireFormatException.class);
            assertThatThrownBy(() -> WireCodec.decodeAlertAck(g)).isInstanceOf(WireFormatException.class);
            assertThatThrownBy(() -> WireCodec.decodeGatewayStats(g)).isInstanceOf(WireFormatException.class);
            assertThatThrownBy(() -> WireCodec.decodeReject(g)).isInstanceOf(WireFormatException.class);
        }
    }

    @Test
    void decoderReportsANonFiniteNumberByItsKey() {
        assertThatThrownBy(() -> WireCodec.decodeAck(bytes("{\"boot\":1e400,\"seq\":1}")))
                .hasMessageContaining("boot = 1E+400: expected a finite number");
    }

    private interface Decoding {
        Object run() throws WireFormatException;
    }

    private static List<String> catchReasons(Decoding d) {
        try {
            d.run();
            return null;
        } catch (WireFormatException e) {
            return e.reasons();
        }
    }
}
