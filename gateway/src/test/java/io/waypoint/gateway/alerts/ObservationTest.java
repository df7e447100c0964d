package io.waypoint.gateway.alerts;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.wire.FlatMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.waypoint.gateway.alerts.Feed.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservationTest {
    @Test
    void wellTelemetryFlattensToDottedMetricsWithoutTheEnvelope() throws Exception {
        JsonObject body = (JsonObject) Jsoner.deserialize("""
                {"v":1,"site":"la-gloria","node":"well-01","boot":3,"seq":42,"ts":"2025-03-01T12:00:00Z","clock":"synced",
                 "interval_s":60,"metrics":{"turbidity_ntu":{"min":0.2,"avg":0.3,"max":0.5,"n":6},
                 "flow_lpm":{"min":0,"avg":4.2,"max":9.9},"litres":12.5,"total_litres":45678.9,
                 "cartridge_litres":1234.5,"sensor":"ok"}}""");

        Observation o = Observation.of("la-gloria", "well-01", T0, T0, FlatMetrics.of(body));

        assertThat(o.numbers()).containsEntry("turbidity_ntu.avg", 0.3).containsEntry("turbidity_ntu.n", 6.0)
                .containsEntry("flow_lpm.max", 9.9).containsEntry("litres", 12.5).containsEntry("total_litres", 45678.9)
                .containsEntry("interval_s", 60.0).doesNotContainKeys("v", "boot", "seq");
        assertThat(o.labels()).isEqualTo(Map.of("sensor", "ok"));
    }

    @Test
    void kioskTelemetryGivesPowerMetricsAndTheSheddingLabel() throws Exception {
        JsonObject body = (JsonObject) Jsoner.deserialize("""
                {"v":1,"interval_s":60,"metrics":{"charging":{"ports_total":8,"ports_busy":3},
                 "calls":{"placed":4,"failed":1},"power":{"battery_v":12.6,"solar_w":40.0,"shedding":"charging"}}}""");

        Observation o = Observation.of("la-gloria", "kiosk-01", T0, T0, FlatMetrics.of(body));

        assertThat(o.numbers()).containsEntry("charging.ports_busy", 3.0).containsEntry("calls.failed", 1.0)
                .containsEntry("power.battery_v", 12.6).containsEntry("power.solar_w", 40.0);
        assertThat(o.labels()).isEqualTo(Map.of("power.shedding", "charging"));
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        assertThatThrownBy(() -> new Observation("s", "n", T0, T0, Map.of("x", Double.NaN), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }
}
