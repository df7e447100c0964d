package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.waypoint.sim.serial.ModbusFault;
import io.waypoint.sim.serial.ModbusProbeSlave;
import io.waypoint.sim.serial.ProbeProfile;
import io.waypoint.sim.world.SensorCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The float-register profile against the simulated probe through a pseudo-terminal. */
class FloatRegisterProbeTest {
    private SimulatedLine line;
    private SteadyWell well;

    private void start(ProbeProfile profile, double ntu, double temperatureC) throws Exception {
        well = new SteadyWell(ntu, temperatureC);
        line = SimulatedLine.start(ModbusProbeSlave.Config.y511().withProfile(profile), well);
    }

    @AfterEach
    void stop() {
        if (line != null) {
            line.close();
        }
    }

    private static ProbeReading.Measured measured(ProbeReading r) {
        assertThat(r).isInstanceOf(ProbeReading.Measured.class);
        return (ProbeReading.Measured) r;
    }

    private static ProbeReading.Fault fault(ProbeReading r) {
        assertThat(r).isInstanceOf(ProbeReading.Fault.class);
        return (ProbeReading.Fault) r;
    }

    @Test
    void readsAY511WithLittleEndianFloats() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18.25);
        ProbeReading.Measured m = measured(new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511()).read());
        assertThat(m.ntu()).isCloseTo(12.5, within(1e-6));
        assertThat(m.temperatureC()).isCloseTo(18.25, within(1e-6));
    }

    @Test
    void startsTheMeasurementBeforeReading() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18.25);
        new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511()).read();
        // a write to the start register, then the read: the probe answered busy to neither
        assertThat(line.slave.requestsReceived()).isEqualTo(2);
        assertThat(line.master.stats().exceptions()).isZero();
    }

    @Test
    void readsARemondStyleProbeWithWordSwappedFloats() throws Exception {
        start(ProbeProfile.REMOND, 0.42, 9.5);
        FloatRegisterProbe probe = new FloatRegisterProbe(line.master,
                FloatRegisterProbe.Settings.y511().withOrder(FloatOrder.WORD_SWAPPED));
        assertThat(measured(probe.read()).ntu()).isCloseTo(0.42, within(1e-6));
    }

    @Test
    void scalesTheTurbidity() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18);
        FloatRegisterProbe probe = new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511().withScale(0.5));
        assertThat(measured(probe.read()).ntu()).isCloseTo(6.25, within(1e-6));
    }

    @Test
    void theErrorByteIsAProbeErrorFault() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18);
        line.slave.setFault(new ModbusFault.ProbeError(0x21));
        ProbeReading.Fault f = fault(new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511()).read());
        assertThat(f.sensorState()).isEqualTo("fault:probe_error_33");
        assertThat(f.detail()).contains("error code 33", "address 1");
    }

    @Test
    void aNegativeTurbidityIsAFault() throws Exception {
        start(ProbeProfile.Y511, 3, 18);
        well.sensor(new SensorCondition.Drift(-10));
        ProbeReading.Fault f = fault(new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511()).read());
        assertThat(f.reason()).isEqualTo("ntu_out_of_range");
        assertThat(f.detail()).contains("-7.0 NTU");
    }

    @Test
    void aTurbidityAboveTheConfiguredRangeIsAFault() throws Exception {
        start(ProbeProfile.Y511, 1500, 18);
        FloatRegisterProbe probe = new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511().withMaxNtu(1000));
        assertThat(fault(probe.read()).reason()).isEqualTo("ntu_out_of_range");
    }

    @Test
    void aBusyProbeIsAnExceptionSixFault() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18);
        line.slave.setFault(new ModbusFault.ExceptionReply(6));
        ProbeReading.Fault f = fault(new FloatRegisterProbe(line.master, FloatRegisterProbe.Settings.y511()).read());
        assertThat(f.sensorState()).isEqualTo("fault:exception_6");
        assertThat(f.detail()).contains("retry later");
    }

    @Test
    void anUnpluggedProbeIsANoReplyFault() throws Exception {
        start(ProbeProfile.Y511, 12.5, 18);
        well.sensor(SensorCondition.UNPLUGGED);
        assertThat(fault(new FloatRegisterProbe(line.impatient, FloatRegisterProbe.Settings.y511()).read()).sensorState())
                .isEqualTo("fault:no_reply");
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> FloatRegisterProbe.Settings.y511().withUnit(0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> FloatRegisterProbe.Settings.y511().withScale(0)).hasMessageContaining("scale");
    }
}
