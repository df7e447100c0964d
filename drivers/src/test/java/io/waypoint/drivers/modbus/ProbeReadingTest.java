package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProbeReadingTest {

    @Test
    void aValueInRangeIsAMeasurement() {
        assertThat(ProbeReading.checked("probe", 3.7, 21.4, 4000)).isEqualTo(new ProbeReading.Measured(3.7, 21.4));
        assertThat(ProbeReading.checked("probe", 0, -20, 4000)).isInstanceOf(ProbeReading.Measured.class);
        assertThat(ProbeReading.checked("probe", 4000, 80, 4000)).isInstanceOf(ProbeReading.Measured.class);
    }

    @Test
    void aboveTheRangeIsAFaultNamingProbeAndValue() {
        ProbeReading r = ProbeReading.checked("turbidity probe X", 6553.5, 20, 4000);
        assertThat(r).isInstanceOf(ProbeReading.Fault.class);
        ProbeReading.Fault f = (ProbeReading.Fault) r;
        assertThat(f.sensorState()).isEqualTo("fault:ntu_out_of_range");
        assertThat(f.detail()).contains("turbidity probe X", "6553.5", "4000");
    }

    @Test
    void negativeOrNotANumberIsAFault() {
        assertThat(ProbeReading.checked("p", -0.1, 20, 4000)).isInstanceOf(ProbeReading.Fault.class);
        assertThat(ProbeReading.checked("p", Double.NaN, 20, 4000)).isInstanceOf(ProbeReading.Fault.class);
    }

    @Test
    void anImpossibleTemperatureIsAFault() {
        ProbeReading r = ProbeReading.checked("p", 3, -3276.8, 4000);
        assertThat(((ProbeReading.Fault) r).reason()).isEqualTo("temperature_out_of_range");
    }

    @Test
    void aReasonMustFitTheWire() {
        assertThatThrownBy(() -> new ProbeReading.Fault("No Reply", "x")).hasMessageContaining("'No Reply'");
        assertThatThrownBy(() -> new ProbeReading.Fault("x".repeat(41), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProbeReading.Fault("exception_4", "x").sensorState()).isEqualTo("fault:exception_4");
    }
}
