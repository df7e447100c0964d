package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyTest {

    @Test
    void eventRefusesAKeyThatMayIdentifyAPerson() {
        assertThatThrownBy(() -> new EventBody("call_ended", Map.of("seconds", 180, "dialled", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("key 'dialled' may identify a person");
    }

    @Test
    void eventRefusesAPhoneNumberValueWithoutRepeatingIt() {
        assertThatThrownBy(() -> new EventBody("call_ended", Map.of("note", Map.of("to", "+52 55 1234 5678"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("note.to")
                .hasMessageNotContaining("1234");
    }

    @Test
    void eventChecksEveryWordOfADottedKey() {
        assertThatThrownBy(() -> new EventBody("x", Map.of("phone.home", "x"))).hasMessageContaining("'phone.home'");
        assertThatThrownBy(() -> new EventBody("x", Map.of("+4915112345678", 1))).hasMessageNotContaining("4915112345678");
    }

    @Test
    void eventRefusesEnvelopeKeysAndMalformedTypes() {
        assertThatThrownBy(() -> new EventBody("fault", Map.of("seq", 3))).hasMessageContaining("'seq'");
        assertThatThrownBy(() -> new EventBody("fault", Map.of("type", "x"))).hasMessageContaining("'type'");
        assertThatThrownBy(() -> new EventBody("Call-Ended", Map.of())).hasMessageContaining("'Call-Ended'");
        assertThatThrownBy(() -> new EventBody("x", Map.of("wh", Double.NaN))).hasMessageContaining("finite");
    }

    @Test
    void eventHoldsNumbersAsTheWireCarriesThem() {
        EventBody e = new EventBody("charging_ended", Map.of("port", 2, "wh", 4.0, "share", 0.25f, "list", List.of(1, 2.5)));
        assertThat(e.fields()).containsEntry("port", 2L).containsEntry("wh", 4L).containsEntry("share", 0.25)
                .containsEntry("list", List.of(1L, 2.5));
    }

    @Test
    void factoriesBuildTheContractsEvents() {
        assertThat(EventBody.callEnded(180, "answered").fields()).containsExactly(
                Map.entry("seconds", 180L), Map.entry("result", "answered"));
        assertThat(EventBody.chargingEnded(3, 1800, 9.5, "full").fields()).containsOnlyKeys("port", "seconds", "wh", "reason");
        assertThat(EventBody.cartridgeReplaced(99_000).type()).isEqualTo("cartridge_replaced");
    }

    @Test
    void birthRefusesIdentifyingExtrasAndReservedKeys() {
        assertThatThrownBy(() -> StateBody.birth(Map.of("mac", "x"))).hasMessageContaining("'mac'");
        assertThatThrownBy(() -> StateBody.birth(Map.of("online", false))).hasMessageContaining("'online'");
        assertThat(StateBody.birth(Map.of("fw", "0.1.0")).extra()).containsEntry("fw", "0.1.0");
        assertThat(StateBody.death().online()).isFalse();
    }

    @Test
    void wellTelemetryRefusesMalformedSensorStateAndNonFiniteLitres() {
        assertThatThrownBy(() -> new WellTelemetry(60, null, null, 1, 2, 3, "broken", 0)).hasMessageContaining("'broken'");
        assertThatThrownBy(() -> new WellTelemetry(60, null, null, Double.NaN, 2, 3, "ok", 0)).hasMessageContaining("finite");
        assertThat(new WellTelemetry(60, null, null, 1, 2, 3, WellTelemetry.sensorFault("no_response"), 0).sensorFaulty())
                .isTrue();
        assertThatThrownBy(() -> WellTelemetry.sensorFault("No Response")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kioskTelemetryNeedsAtLeastOnePartAndAKnownShedding() {
        assertThatThrownBy(() -> new KioskTelemetry(60, null, null, null, null, 0)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new KioskTelemetry.Power(12, 0, 0, "some")).hasMessageContaining("'some'");
    }

    @Test
    void eachBodyNamesItsTopicKind() {
        assertThat(StateBody.birth().kind()).isEqualTo(NodeTopic.Kind.STATE);
        assertThat(Examples.wellTelemetry().kind()).isEqualTo(NodeTopic.Kind.TELEMETRY);
        assertThat(Examples.kioskTelemetry().kind()).isEqualTo(NodeTopic.Kind.TELEMETRY);
        assertThat(EventBody.faultCleared("modem").kind()).isEqualTo(NodeTopic.Kind.EVENT);
    }
}
