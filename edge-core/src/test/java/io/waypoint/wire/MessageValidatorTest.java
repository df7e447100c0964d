package io.waypoint.wire;

import static io.waypoint.wire.Examples.KIOSK_EVENT;
import static io.waypoint.wire.Examples.KIOSK_TELEMETRY;
import static io.waypoint.wire.Examples.NOW;
import static io.waypoint.wire.Examples.VALIDATOR;
import static io.waypoint.wire.Examples.WELL_STATE;
import static io.waypoint.wire.Examples.WELL_TELEMETRY;
import static io.waypoint.wire.Examples.at;
import static io.waypoint.wire.Examples.bytes;
import static io.waypoint.wire.Examples.event;
import static io.waypoint.wire.Examples.kiosk;
import static io.waypoint.wire.Examples.reasons;
import static io.waypoint.wire.Examples.valid;
import static io.waypoint.wire.Examples.well;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonArray;
import com.github.cliftonlabs.json_simple.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageValidatorTest {

    private static List<String> wellReasons(java.util.function.Consumer<JsonObject> change) {
        return reasons(VALIDATOR.validate(WELL_TELEMETRY, well(change), NOW));
    }

    private static List<String> kioskReasons(java.util.function.Consumer<JsonObject> change) {
        return reasons(VALIDATOR.validate(KIOSK_TELEMETRY, kiosk(change), NOW));
    }

    private static List<String> eventReasons(String body) {
        return reasons(VALIDATOR.validate(KIOSK_EVENT, event(body), NOW));
    }

    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    // --- first_seq, the node's outbox floor ------------------------------------------------------

    @Test
    void acceptsAFirstSeqAtOrBelowTheSeqAndLeavesItOutOfTheMetrics() {
        Validation v = VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("first_seq", o.get("seq"))), NOW);
        assertThat(v).isInstanceOf(Validation.Valid.class);
        Validation.Valid valid = (Validation.Valid) v;
        assertThat(MessageValidator.firstSeq(valid)).isEqualTo(((BigDecimal) valid.raw().get("seq")).longValue());
        assertThat(valid.metrics().numbers()).doesNotContainKey("first_seq");
    }

    @Test
    void aMessageWithoutFirstSeqHasFloorZero() {
        Validation.Valid valid = (Validation.Valid) VALIDATOR.validate(WELL_TELEMETRY, well(o -> { }), NOW);
        assertThat(MessageValidator.firstSeq(valid)).isZero();
    }

    @Test
    void rejectsATimeBefore1970OrAfter9999EvenFromAnUnsyncedClock() {
        // found by the fuzz harness: year -999999999 overflowed the gateway's filing in epoch milliseconds
        for (String ts : java.util.List.of("-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
            assertThat(wellReasons(o -> {
                o.put("ts", ts);
                o.put("clock", "unsynced");
            })).as(ts).singleElement().asString().startsWith("ts = ").contains("expected a time from 1970-01-01 to 9999-12-31");
        }
        assertThat(VALIDATOR.validate(WELL_TELEMETRY, well(o -> {
            o.put("ts", "1970-01-01T00:03:20Z");
            o.put("clock", "unsynced");
        }), NOW)).as("a board without RTC, just booted").isInstanceOf(Validation.Valid.class);
    }

    @Test
    void rejectsAFirstSeqAboveTheSeq() {
        assertThat(wellReasons(o -> o.put("first_seq", ((BigDecimal) o.get("seq")).add(BigDecimal.ONE))))
                .singleElement().asString().startsWith("first_seq = ");
    }

    // --- the topic -------------------------------------------------------------------------------

    @Test
    void rejectsAMessageOnATopicThatIsNotANodeTopic() {
        assertThat(reasons(VALIDATOR.validate("wp/v1/la-gloria/alerts/events", bytes(Examples.wellText()), NOW)))
                .containsExactly("topic 'wp/v1/la-gloria/alerts/events' is not a node topic: "
                        + "expected wp/v1/{site}/{node}/state, telemetry or event");
    }

    @Test
    void rejectsAMessageOnTheGatewaysAckTopic() {
        assertThat(reasons(VALIDATOR.validate("wp/v1/la-gloria/well-01/ack", bytes(Examples.wellText()), NOW)))
                .singleElement().asString().startsWith("topic 'wp/v1/la-gloria/well-01/ack' is not a node topic");
    }

    @Test
    void rejectsANullTopic() {
        assertThat(reasons(VALIDATOR.validate(null, bytes(Examples.wellText()), NOW))).singleElement().asString()
                .startsWith("topic null is not a node topic");
    }

    // --- the payload -------------------------------------------------------------------------------

    @Test
    void rejectsAPayloadOver64KiBWithoutParsingIt() {
        byte[] big = new byte[65_537];
        java.util.Arrays.fill(big, (byte) '[');
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, big, NOW)))
                .containsExactly("payload is 65537 bytes: expected at most 65536");
    }

    @Test
    void acceptsAPayloadOfExactly64KiB() {
        String text = Examples.wellText();
        String padded = text.substring(0, text.length() - 1) + ",\"notes\":\"\"}";
        String exact = padded.replace("\"notes\":\"\"", "\"notes\":\"" + "n".repeat(65_536 - padded.length()) + "\"");
        assertThat(bytes(exact)).hasSize(65_536);
        valid(VALIDATOR.validate(WELL_TELEMETRY, bytes(exact), NOW));
    }

    @Test
    void rejectsAPayloadThatIsNotUtf8() {
        byte[] payload = bytes("{\"v\":1,\"x\":\"caf\u00e9\"}");
        payload[payload.length - 3] = (byte) 0xFF;
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, payload, NOW))).singleElement().asString()
                .startsWith("payload is not valid UTF-8");
    }

    @Test
    void rejectsMalformedJsonSayingWhere() {
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes("{\"v\":1 x}"), NOW)))
                .containsExactly("payload is not valid JSON: unexpected character at position 7");
    }

    @Test
    void rejectsJsonThatIsNotAnObjectAndChecksNothingFurther() {
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes("[1,2,3]"), NOW)))
                .containsExactly("payload is a JSON array: expected a JSON object");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes("\"x\""), NOW)))
                .containsExactly("payload is a JSON string: expected a JSON object");
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThat(reasons(VALIDATOR.validate(WELL_STATE, new byte[0], NOW)))
                .containsExactly("payload is empty: expected a JSON object");
    }

    // --- the envelope -----------------------------------------------------------------------------

    @Test
    void rejectsAnUnknownWireVersion() {
        assertThat(wellReasons(o -> o.put("v", n("2"))))
                .containsExactly("unknown wire version v=2; this gateway reads v=1");
    }

    @Test
    void rejectsAWireVersionThatIsNotANumber() {
        assertThat(wellReasons(o -> o.put("v", "1"))).containsExactly("v = '1': expected 1");
    }

    @Test
    void checksBodyIdsOnTheirOwnWhenTheTopicIsUnusable() {
        assertThat(reasons(VALIDATOR.validate("wp/v1/la-gloria/alerts/state", well(o -> o.put("node", "Well 1")), NOW)))
                .containsExactly("topic 'wp/v1/la-gloria/alerts/state' is not a node topic: "
                                + "expected wp/v1/{site}/{node}/state, telemetry or event",
                        "node = 'Well 1': expected an id of " + Ids.ID_SHAPE);
    }

    @Test
    void rejectsASiteThatIsNotAString() {
        assertThat(wellReasons(o -> o.put("site", n("7")))).containsExactly("site = 7: expected 'la-gloria' as in the topic");
    }

    @Test
    void rejectsAMissingTs() {
        assertThat(wellReasons(o -> o.remove("ts")))
                .containsExactly("ts is missing: expected an ISO-8601 time such as 2026-11-27T12:40:00.123Z");
    }

    @Test
    void rejectsAMissingWireVersion() {
        assertThat(wellReasons(o -> o.remove("v"))).containsExactly("v is missing: expected 1");
    }

    @Test
    void rejectsBodyWhoseNodeDisagreesWithTopic() {
        assertThat(wellReasons(o -> o.put("node", "well-02")))
                .containsExactly("body node 'well-02' disagrees with topic node 'well-01'");
    }

    @Test
    void rejectsBodyWhoseSiteDisagreesWithTopic() {
        assertThat(wellReasons(o -> o.put("site", "el-ceibo")))
                .containsExactly("body site 'el-ceibo' disagrees with topic site 'la-gloria'");
    }

    @Test
    void rejectsAMissingSite() {
        assertThat(wellReasons(o -> o.remove("site"))).containsExactly("site is missing: expected 'la-gloria' as in the topic");
    }

    @Test
    void rejectsBootBelowOne() {
        assertThat(wellReasons(o -> o.put("boot", n("0")))).containsExactly("boot = 0: expected an integer >= 1");
    }

    @Test
    void rejectsAFractionalBoot() {
        assertThat(wellReasons(o -> o.put("boot", n("1.5")))).containsExactly("boot = 1.5: expected an integer >= 1");
    }

    @Test
    void rejectsSeqZeroOnTelemetry() {
        assertThat(wellReasons(o -> o.put("seq", n("0"))))
                .containsExactly("seq = 0: expected an integer >= 1 (telemetry and events count from 1)");
    }

    @Test
    void acceptsSeqZeroOnState() {
        String birth = WireCodec.encode(Examples.envelope(Examples.WELL, 0), StateBody.birth());
        assertThat(valid(VALIDATOR.validate(WELL_STATE, bytes(birth), NOW)).envelope().seq()).isZero();
    }

    @Test
    void rejectsANegativeSeqOnState() {
        String birth = WireCodec.encode(Examples.envelope(Examples.WELL, 0), StateBody.birth()).replace("\"seq\":0", "\"seq\":-1");
        assertThat(reasons(VALIDATOR.validate(WELL_STATE, bytes(birth), NOW))).containsExactly("seq = -1: expected an integer >= 0");
    }

    @Test
    void rejectsAnUnparseableTs() {
        assertThat(wellReasons(o -> o.put("ts", "yesterday")))
                .containsExactly("ts = 'yesterday': expected an ISO-8601 time such as 2026-11-27T12:40:00.123Z");
    }

    @Test
    void rejectsTs25HoursInTheFuture() {
        String ts = WireTime.format(NOW.plus(Duration.ofHours(25)));
        assertThat(wellReasons(o -> o.put("ts", ts))).containsExactly(
                "ts = 2026-11-28T13:40:00.123Z: expected no later than 2026-11-28T12:40:00.123Z, 24 h after the gateway's time"
                        + " (only an unsynced clock may be further off)");
    }

    @Test
    void acceptsAnUnsyncedClockAnywhereFrom1970ToYearsAheadForTheGatewayFilesItByEvidence() {
        for (String ts : List.of("1970-01-01T00:00:07.000Z", WireTime.format(NOW.plus(Duration.ofDays(3 * 365))))) {
            valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> {
                o.put("ts", ts);
                o.put("clock", "unsynced");
            }), NOW));
        }
    }

    @Test
    void acceptsTs23HoursInTheFutureAndAnyTimeInThePast() {
        for (Duration d : List.of(Duration.ofHours(23), Duration.ofHours(24), Duration.ofDays(-400))) {
            String ts = WireTime.format(NOW.plus(d));
            valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("ts", ts)), NOW));
        }
    }

    @Test
    void acceptsTsWithAnOffsetAndReadsItAsUtc() {
        Validation.Valid v = valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("ts", "2026-11-27T06:40:00-06:00")), NOW));
        assertThat(v.envelope().ts()).isEqualTo(java.time.Instant.parse("2026-11-27T12:40:00Z"));
    }

    @Test
    void rejectsAnUnknownClockState() {
        assertThat(wellReasons(o -> o.put("clock", "gps"))).containsExactly("clock = 'gps': expected synced or unsynced");
    }

    @Test
    void readsAnUnsyncedClock() {
        Validation.Valid v = valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("clock", "unsynced")), NOW));
        assertThat(v.envelope().clock()).isEqualTo(ClockState.UNSYNCED);
    }

    // --- numbers -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void rejectsNonFiniteLiteralsAsMalformedJson(String literal) {
        String text = Examples.wellText().replace("\"litres\":12.5", "\"litres\":" + literal);
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW))).singleElement().asString()
                .startsWith("payload is not valid JSON");
    }

    @Test
    void rejectsAHugeNumberOnceByItsPath() {
        String text = Examples.wellText().replace("\"max\":0.71", "\"max\":1e400");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW)))
                .containsExactly("metrics.turbidity_ntu.max = 1E+400: expected a finite number");
    }

    @Test
    void rejectsAHugeNumberInAnUnknownKeyAndInTheEnvelope() {
        String text = Examples.wellText().replace("\"boot\":12", "\"boot\":-1e400").replace("\"sensor\"", "\"x\":[1e999],\"sensor\"");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW)))
                .containsExactlyInAnyOrder("boot = -1E+400: expected a finite number", "x[0] = 1E+999: expected a finite number");
    }

    @Test
    void rejectsAnExponentJsonSimpleCannotRead() {
        String text = Examples.wellText().replace("\"litres\":12.5", "\"litres\":1e999999999999");
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW))).singleElement().asString()
                .startsWith("payload is not valid JSON");
    }

    @Test
    void rejectsANumberLongerThan64Characters() {
        String text = Examples.wellText().replace("\"litres\":12.5", "\"litres\":1" + "0".repeat(70));
        assertThat(reasons(VALIDATOR.validate(WELL_TELEMETRY, bytes(text), NOW)))
                .containsExactly("payload holds a number longer than 64 characters");
    }

    // --- well telemetry ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"0", "86401", "60.5", "-60"})
    void rejectsAnIntervalOutside1To86400Seconds(String value) {
        assertThat(wellReasons(o -> o.put("interval_s", n(value))))
                .containsExactly("interval_s = " + value + ": expected an integer from 1 to 86400 (seconds)");
    }

    @Test
    void rejectsAnIntervalGivenAsAString() {
        assertThat(wellReasons(o -> o.put("interval_s", "60")))
                .containsExactly("interval_s = '60': expected an integer from 1 to 86400 (seconds)");
    }

    @Test
    void acceptsAnIntegralIntervalWrittenWithADecimalPoint() {
        valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("interval_s", n("60.0"))), NOW));
    }

    @Test
    void rejectsTurbidityBelowZero() {
        assertThat(wellReasons(o -> at(o, "metrics", "turbidity_ntu").put("min", n("-3"))))
                .containsExactly("metrics.turbidity_ntu.min = -3: expected 0 to 4000 NTU");
    }

    @Test
    void rejectsTurbidityAbove4000Ntu() {
        assertThat(wellReasons(o -> at(o, "metrics", "turbidity_ntu").put("max", n("4000.5"))))
                .containsExactly("metrics.turbidity_ntu.max = 4000.5: expected 0 to 4000 NTU");
    }

    @Test
    void rejectsFlowAbove500LitresPerMinute() {
        assertThat(wellReasons(o -> at(o, "metrics", "flow_lpm").put("max", n("501"))))
                .containsExactly("metrics.flow_lpm.max = 501: expected 0 to 500 L/min");
    }

    @Test
    void rejectsASummaryWhoseAverageIsBelowItsMinimum() {
        assertThat(wellReasons(o -> at(o, "metrics", "turbidity_ntu").put("avg", n("0.3"))))
                .containsExactly("metrics.turbidity_ntu has min 0.41, avg 0.3, max 0.71: expected min <= avg <= max");
    }

    @Test
    void rejectsASummaryWithoutCountOrWithANegativeOne() {
        assertThat(wellReasons(o -> at(o, "metrics", "flow_lpm").remove("n")))
                .containsExactly("metrics.flow_lpm.n is missing: expected an integer >= 0");
        assertThat(wellReasons(o -> at(o, "metrics", "flow_lpm").put("n", n("-1"))))
                .containsExactly("metrics.flow_lpm.n = -1: expected an integer >= 0");
    }

    @Test
    void acceptsANullTurbidityFromAFaultySensor() {
        Validation.Valid v = valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> {
            at(o, "metrics").put("turbidity_ntu", null);
            o.put("sensor", "fault:no_response");
        }), NOW));
        assertThat(((WellTelemetry) v.body()).turbidityNtu()).isNull();
    }

    @Test
    void rejectsASummaryThatIsNotAnObject() {
        assertThat(wellReasons(o -> at(o, "metrics").put("flow_lpm", n("3.2"))))
                .containsExactly("metrics.flow_lpm = 3.2: expected an object");
    }

    @Test
    void rejectsNegativeLitres() {
        assertThat(wellReasons(o -> o.put("cartridge_litres", n("-1"))))
                .containsExactly("cartridge_litres = -1: expected a number >= 0");
    }

    @Test
    void rejectsMissingLitres() {
        assertThat(wellReasons(o -> o.remove("litres"))).containsExactly("litres is missing: expected a number >= 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"broken", "fault:", "fault:No Response", "OK"})
    void rejectsASensorStateOtherThanOkOrFault(String sensor) {
        assertThat(wellReasons(o -> o.put("sensor", sensor))).containsExactly("sensor = '" + sensor
                + "': expected 'ok' or 'fault:<reason>' with reason of a-z, 0-9, '_' and '-'");
    }

    @Test
    void readsOutboxDroppedAndDefaultsItToZero() {
        assertThat(((WellTelemetry) valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("outbox_dropped", n("4"))), NOW))
                .body()).outboxDropped()).isEqualTo(4);
        assertThat(((WellTelemetry) valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.remove("outbox_dropped")), NOW))
                .body()).outboxDropped()).isZero();
    }

    @Test
    void rejectsANegativeOutboxDropped() {
        assertThat(wellReasons(o -> o.put("outbox_dropped", n("-4"))))
                .containsExactly("outbox_dropped = -4: expected an integer >= 0");
    }

    @Test
    void reportsThreeProblemsAsThreeReasons() {
        assertThat(wellReasons(o -> {
            at(o, "metrics", "turbidity_ntu").put("min", n("-3"));
            o.put("litres", n("-1"));
            o.put("node", "well-02");
        })).containsExactlyInAnyOrder(
                "metrics.turbidity_ntu.min = -3: expected 0 to 4000 NTU",
                "litres = -1: expected a number >= 0",
                "body node 'well-02' disagrees with topic node 'well-01'");
    }

    // --- telemetry shape ---------------------------------------------------------------------------

    @Test
    void rejectsTelemetryThatIsNeitherWellNorKiosk() {
        assertThat(wellReasons(o -> {
            o.remove("metrics");
            o.remove("total_litres");
        })).contains("telemetry has neither well metrics (turbidity_ntu, flow_lpm, total_litres) nor kiosk metrics "
                + "(charging, calls, wifi, power)");
    }

    @Test
    void rejectsTelemetryThatMixesWellAndKioskMetrics() {
        assertThat(kioskReasons(o -> o.put("total_litres", n("5")))).singleElement().asString()
                .startsWith("telemetry mixes well metrics");
    }

    @Test
    void rejectsMetricsThatAreNotAnObjectOnce() {
        assertThat(kioskReasons(o -> o.put("metrics", new JsonArray()))).containsExactly("metrics is an array: expected an object");
    }

    @Test
    void acceptsUnknownKeysANodeAdds() {
        valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> {
            o.put("temperature_c", n("21.5"));
            at(o, "metrics").put("pressure_kpa", new JsonObject());
        }), NOW));
    }

    // --- kiosk telemetry ---------------------------------------------------------------------------

    @Test
    void rejectsMoreBusyPortsThanPorts() {
        assertThat(kioskReasons(o -> at(o, "metrics", "charging").put("ports_busy", n("9"))))
                .containsExactly("metrics.charging.ports_busy = 9: expected at most ports_total (8)");
    }

    @Test
    void rejectsMoreThan64Ports() {
        assertThat(kioskReasons(o -> at(o, "metrics", "charging").put("ports_total", n("65"))))
                .containsExactly("metrics.charging.ports_total = 65: expected an integer from 0 to 64");
    }

    @Test
    void rejectsNegativeOrFractionalCounts() {
        assertThat(kioskReasons(o -> {
            at(o, "metrics", "charging").put("sessions", n("-1"));
            at(o, "metrics", "wifi").put("clients", n("2.5"));
            at(o, "metrics", "calls").put("failed", "one");
        })).containsExactlyInAnyOrder(
                "metrics.charging.sessions = -1: expected an integer >= 0",
                "metrics.wifi.clients = 2.5: expected an integer >= 0",
                "metrics.calls.failed = 'one': expected an integer >= 0");
    }

    @Test
    void rejectsMoreAnsweredCallsThanPlaced() {
        assertThat(kioskReasons(o -> at(o, "metrics", "calls").put("answered", n("5"))))
                .containsExactly("metrics.calls.answered = 5: expected at most placed (4)");
    }

    @Test
    void rejectsNegativeEnergyAndMegabytes() {
        assertThat(kioskReasons(o -> {
            at(o, "metrics", "charging").put("wh", n("-0.1"));
            at(o, "metrics", "wifi").put("mb_down", n("-2"));
        })).containsExactlyInAnyOrder("metrics.charging.wh = -0.1: expected a number >= 0",
                "metrics.wifi.mb_down = -2: expected a number >= 0");
    }

    @Test
    void rejectsImplausiblePowerFigures() {
        assertThat(kioskReasons(o -> {
            at(o, "metrics", "power").put("battery_v", n("81"));
            at(o, "metrics", "power").put("solar_w", n("-1"));
            at(o, "metrics", "power").put("load_w", n("10001"));
        })).containsExactlyInAnyOrder(
                "metrics.power.battery_v = 81: expected 0 to 80 V",
                "metrics.power.solar_w = -1: expected 0 to 10000 W",
                "metrics.power.load_w = 10001: expected 0 to 10000 W");
    }

    @Test
    void rejectsAnUnknownShedding() {
        assertThat(kioskReasons(o -> at(o, "metrics", "power").put("shedding", "some")))
                .containsExactly("metrics.power.shedding = 'some': expected none, charging or all");
    }

    @Test
    void rejectsAKioskPartThatIsNotAnObject() {
        assertThat(kioskReasons(o -> at(o, "metrics").put("charging", n("5"))))
                .containsExactly("metrics.charging = 5: expected an object");
    }

    @Test
    void rejectsAPartWithAMissingKey() {
        assertThat(kioskReasons(o -> at(o, "metrics", "wifi").remove("mb_up")))
                .containsExactly("metrics.wifi.mb_up is missing: expected a number >= 0");
    }

    // --- events ------------------------------------------------------------------------------------

    @Test
    void acceptsEveryKnownEventAndAnUnknownType() {
        for (String body : List.of(
                "\"type\":\"call_ended\",\"seconds\":180,\"result\":\"answered\"",
                "\"type\":\"charging_ended\",\"port\":3,\"seconds\":3600,\"wh\":9.5,\"reason\":\"full\"",
                "\"type\":\"wifi_session_ended\",\"seconds\":60,\"mb_down\":1.5,\"mb_up\":0",
                "\"type\":\"fault\",\"part\":\"modem\",\"reason\":\"no_sim\"",
                "\"type\":\"fault_cleared\",\"part\":\"modem\"",
                "\"type\":\"calibration\",\"sensor\":\"turbidity\",\"points\":[0,10,100]",
                "\"type\":\"cartridge_replaced\",\"previous_litres\":99876.5",
                "\"type\":\"door_opened\",\"door\":\"back\"")) {
            valid(VALIDATOR.validate(KIOSK_EVENT, event(body), NOW));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"Call-Ended\"", "\"\"", "\"9lives\"", "7"})
    void rejectsAMalformedEventType(String type) {
        assertThat(eventReasons("\"type\":" + type)).singleElement().asString()
                .startsWith("type = ").endsWith(": expected " + Ids.NAME_SHAPE);
    }

    @Test
    void rejectsAnEventWithoutType() {
        assertThat(eventReasons("\"seconds\":5")).containsExactly("type is missing: expected " + Ids.NAME_SHAPE);
    }

    @Test
    void rejectsACallLongerThanADayOrWithAnUnknownResult() {
        assertThat(eventReasons("\"type\":\"call_ended\",\"seconds\":86401,\"result\":\"hung_up\"")).containsExactly(
                "seconds = 86401: expected an integer from 0 to 86400",
                "result = 'hung_up': expected answered, busy, no_answer or failed");
    }

    @Test
    void rejectsAChargingSessionOnPortZeroWithNegativeEnergyAndAnUnknownReason() {
        assertThat(eventReasons("\"type\":\"charging_ended\",\"port\":0,\"seconds\":10,\"wh\":-1,\"reason\":\"bored\"")).containsExactly(
                "port = 0: expected an integer from 1 to 64",
                "wh = -1: expected a number >= 0",
                "reason = 'bored': expected full, time_limit, over_current, unplugged, shed or stopped");
    }

    @Test
    void rejectsAChargingSessionWithNegativeSeconds() {
        assertThat(eventReasons("\"type\":\"charging_ended\",\"port\":1,\"seconds\":-10,\"wh\":1,\"reason\":\"full\""))
                .containsExactly("seconds = -10: expected an integer >= 0");
    }

    @Test
    void rejectsAWifiSessionWithNegativeMegabytes() {
        assertThat(eventReasons("\"type\":\"wifi_session_ended\",\"seconds\":60,\"mb_down\":1,\"mb_up\":-1"))
                .containsExactly("mb_up = -1: expected a number >= 0");
    }

    @Test
    void rejectsAFaultWithoutPartAndWithAnEmptyReason() {
        assertThat(eventReasons("\"type\":\"fault\",\"reason\":\"\"")).containsExactly(
                "part is missing: expected a non-empty string of at most 64 characters",
                "reason = '': expected a non-empty string of at most 64 characters");
    }

    @Test
    void rejectsAFaultClearedWithoutPart() {
        assertThat(eventReasons("\"type\":\"fault_cleared\"")).containsExactly(
                "part is missing: expected a non-empty string of at most 64 characters");
    }

    @Test
    void rejectsACalibrationWhoseSensorIsNotAString() {
        assertThat(eventReasons("\"type\":\"calibration\",\"sensor\":3")).containsExactly(
                "sensor = 3: expected a non-empty string of at most 64 characters");
    }

    @Test
    void rejectsACartridgeReplacedWithNegativeLitres() {
        assertThat(eventReasons("\"type\":\"cartridge_replaced\",\"previous_litres\":-5"))
                .containsExactly("previous_litres = -5: expected a number >= 0");
    }

    @Test
    void checksAnUnknownEventTypeGenericallyOnly() {
        valid(VALIDATOR.validate(KIOSK_EVENT, event("\"type\":\"door_opened\",\"seconds\":-5"), NOW));
        assertThat(eventReasons("\"type\":\"door_opened\",\"caller\":\"x\"")).containsExactly("key 'caller' may identify a person");
    }

    // --- state -------------------------------------------------------------------------------------

    @Test
    void rejectsAStateWithoutOnline() {
        String text = WireCodec.encode(Examples.envelope(Examples.WELL, 0), StateBody.birth());
        assertThat(reasons(VALIDATOR.validate(WELL_STATE, bytes(text.replace("\"online\":true", "\"online\":\"yes\"")), NOW)))
                .containsExactly("online = 'yes': expected true or false");
        assertThat(reasons(VALIDATOR.validate(WELL_STATE, bytes(text.replace(",\"online\":true", "")), NOW)))
                .containsExactly("online is missing: expected true or false");
    }

    // --- privacy -----------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"number", "msisdn", "phone", "dialled", "dialed", "called", "caller", "callee", "mac", "ip",
            "ip_address", "imei", "imsi", "iccid", "user_agent", "name", "MSISDN", "Caller"})
    void rejectsAKeyThatMayIdentifyAPerson(String key) {
        assertThat(eventReasons("\"type\":\"call_ended\",\"seconds\":180,\"result\":\"answered\",\"" + key + "\":\"x\""))
                .containsExactly("key '" + key + "' may identify a person");
    }

    @Test
    void rejectsAnIdentifyingKeyNestedAnywhere() {
        assertThat(kioskReasons(o -> at(o, "metrics", "calls").put("last", new JsonObject(java.util.Map.of("callee", "x")))))
                .containsExactly("key 'metrics.calls.last.callee' may identify a person");
    }

    @Test
    void findsIdentifyingKeysInsideArrays() {
        String text = Examples.kioskText().replace("\"failed\":1", "\"failed\":1,\"log\":[{\"seconds\":3},{\"number\":\"x\"}]");
        assertThat(reasons(VALIDATOR.validate(KIOSK_TELEMETRY, bytes(text), NOW)))
                .containsExactly("key 'metrics.calls.log[1].number' may identify a person");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+52 55 1234 5678", "0151-2345-6789", "aa:bb:cc:dd:ee:ff", "3C-22-FB-01-02-03", "10.0.0.17", "ip 8.8.8.8"})
    void rejectsAValueThatLooksLikeAPhoneOrMacNamingTheKeyButNotTheValue(String value) {
        List<String> reasons = eventReasons("\"type\":\"fault\",\"part\":\"modem\",\"reason\":\"x\",\"detail\":\"" + value + "\"");
        assertThat(reasons).containsExactly(
                "the value of 'detail' looks like a phone number, MAC or IP address and may identify a person");
        assertThat(String.join(" ", reasons)).doesNotContain(value);
    }

    @Test
    void neverEchoesAnIdentifyingValueInAnyReason() {
        List<String> reasons = eventReasons("\"type\":\"call_ended\",\"seconds\":180,\"result\":\"+4915112345678\"");
        assertThat(reasons).containsExactlyInAnyOrder(
                "the value of 'result' looks like a phone number, MAC or IP address and may identify a person",
                "result = (a value withheld: it may identify a person): expected answered, busy, no_answer or failed");
        assertThat(String.join(" ", reasons)).doesNotContain("4915112345678");
    }

    @Test
    void rejectsAKeyShapedLikeAPhoneNumberWithoutNamingIt() {
        assertThat(eventReasons("\"type\":\"fault_cleared\",\"part\":\"m\",\"+4915112345678\":1"))
                .containsExactly("a key at the top level looks like a phone number, MAC or IP address and may identify a person");
    }

    @Test
    void raisesNoPrivacyFalsePositiveOnNormalMessages() {
        valid(VALIDATOR.validate(WELL_TELEMETRY, bytes(Examples.wellText()), NOW));
        valid(VALIDATOR.validate(KIOSK_TELEMETRY, bytes(Examples.kioskText()), NOW));
        valid(VALIDATOR.validate(WELL_TELEMETRY, well(o -> o.put("sensor", "fault:unplugged")), NOW));
        valid(VALIDATOR.validate(KIOSK_EVENT, event("\"type\":\"fault\",\"part\":\"modem\",\"reason\":\"no_sim\","
                + "\"since\":\"2026-11-27T12:40:00.123Z\""), NOW));
    }
}
