package io.waypoint.wire;

import static io.waypoint.wire.Examples.NOW;
import static io.waypoint.wire.Examples.VALIDATOR;
import static io.waypoint.wire.Examples.bytes;
import static io.waypoint.wire.Examples.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatMetricsTest {

    @Test
    void flattensWellTelemetryRelativeToMetrics() {
        FlatMetrics m = valid(VALIDATOR.validate(Examples.WELL_TELEMETRY, bytes(Examples.wellText()), NOW)).metrics();
        assertThat(m.numbers()).contains(entry("turbidity_ntu.avg", 0.52), entry("turbidity_ntu.n", 6.0),
                entry("flow_lpm.max", 11.8), entry("litres", 12.5), entry("total_litres", 45678.9),
                entry("cartridge_litres", 1234.5), entry("interval_s", 60.0));
        assertThat(m.labels()).containsExactly(entry("sensor", "ok"));
        assertThat(m.numbers()).doesNotContainKeys("v", "boot", "seq", "metrics.turbidity_ntu.avg");
        assertThat(m.number("turbidity_ntu.max")).isEqualTo(0.71);
        assertThat(m.number("nothing")).isNaN();
    }

    @Test
    void flattensKioskTelemetryWithLabelsForStrings() {
        FlatMetrics m = valid(VALIDATOR.validate(Examples.KIOSK_TELEMETRY, bytes(Examples.kioskText()), NOW)).metrics();
        assertThat(m.numbers()).contains(entry("charging.ports_busy", 3.0), entry("power.battery_v", 12.6),
                entry("calls.seconds", 512.0), entry("wifi.mb_up", 9.1));
        assertThat(m.numbers()).hasSize(17);
        assertThat(m.labels()).containsExactly(entry("power.shedding", "none"));
    }

    @Test
    void flattensEventsAndStatesByTheirTopLevelKeys() {
        Validation.Valid e = valid(VALIDATOR.validate(Examples.KIOSK_EVENT,
                bytes(WireCodec.encode(Examples.envelope(Examples.KIOSK, 9), EventBody.callEnded(180, "answered"))), NOW));
        assertThat(e.metrics().numbers()).containsExactly(entry("seconds", 180.0));
        assertThat(e.metrics().labels()).containsOnly(entry("type", "call_ended"), entry("result", "answered"));
        Validation.Valid s = valid(VALIDATOR.validate(Examples.WELL_STATE,
                bytes(WireCodec.encode(Examples.envelope(Examples.WELL, 0), StateBody.death())), NOW));
        assertThat(s.metrics().labels()).containsExactly(entry("online", "false"));
    }

    @Test
    void ofGivesWhatTheValidatorGives() {
        Validation.Valid v = valid(VALIDATOR.validate(Examples.KIOSK_TELEMETRY, bytes(Examples.kioskText()), NOW));
        assertThat(FlatMetrics.of(v.raw())).isEqualTo(v.metrics());
    }

    @Test
    void itsMapsCannotBeChangedWhetherWalkedOrGiven() {
        FlatMetrics walked = valid(VALIDATOR.validate(Examples.WELL_TELEMETRY, bytes(Examples.wellText()), NOW)).metrics();
        assertThatThrownBy(() -> walked.numbers().put("litres", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> walked.labels().clear()).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Double> numbers = new HashMap<>(Map.of("litres", 2.0));
        FlatMetrics given = new FlatMetrics(numbers, Map.of());
        numbers.put("litres", 3.0);
        assertThat(given.number("litres")).isEqualTo(2.0);
        assertThat(given).isEqualTo(new FlatMetrics(Map.of("litres", 2.0), Map.of())).hasSameHashCodeAs(
                new FlatMetrics(Map.of("litres", 2.0), Map.of()));
    }
}
