package io.waypoint.drivers.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waypoint.sim.serial.ModbusFault;
import io.waypoint.sim.serial.ModbusProbeSlave;
import io.waypoint.sim.world.SensorCondition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SEN0710 profile against the simulated probe through a pseudo-terminal. */
class Sen0710ProbeTest {
    private SimulatedLine line;
    private SteadyWell well;

    private Sen0710Probe probe(double ntu, double temperatureC) throws Exception {
        well = new SteadyWell(ntu, temperatureC);
        line = SimulatedLine.start(ModbusProbeSlave.Config.sen0710(), well);
        return new Sen0710Probe(line.master);
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
    void readsTurbidityAndTemperature() throws Exception {
        ProbeReading.Measured m = measured(probe(3.7, 21.4).read());
        assertThat(m.ntu()).isCloseTo(3.7, within(1e-9));
        assertThat(m.temperatureC()).isCloseTo(21.4, within(1e-9));
    }

    @Test
    void readsWithFunction04Too() throws Exception {
        probe(0.8, 15);
        Sen0710Probe byInput = new Sen0710Probe(line.master, 1, Sen0710Probe.ReadFunction.INPUT_REGISTERS);
        assertThat(measured(byInput.read()).ntu()).isCloseTo(0.8, within(1e-9));
        assertThat(line.master.stats().requests()).isEqualTo(1);
    }

    @Test
    void aTemperatureBelowZeroIsSigned() throws Exception {
        assertThat(measured(probe(1, -2.5).read()).temperatureC()).isCloseTo(-2.5, within(1e-9));
    }

    @Test
    void aDriftingSensorGivesAPlausibleWrongValue() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        well.sensor(new SensorCondition.Drift(1.5));
        assertThat(measured(probe.read()).ntu()).isCloseTo(5.2, within(1e-9));
    }

    @Test
    void aValueAboveTheRangeIsAFaultNotAReading() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        well.sensor(new SensorCondition.Stuck(5000));
        ProbeReading.Fault f = fault(probe.read());
        assertThat(f.sensorState()).isEqualTo("fault:ntu_out_of_range");
        assertThat(f.detail()).contains("SEN0710", "5000.0 NTU");
    }

    @Test
    void anUnpluggedProbeIsANoReplyFaultNamingAddressAndPort() throws Exception {
        probe(3.7, 20);
        well.sensor(SensorCondition.UNPLUGGED);
        ProbeReading.Fault f = fault(new Sen0710Probe(line.impatient).read());
        assertThat(f.sensorState()).isEqualTo("fault:no_reply");
        assertThat(f.detail()).contains("unit 1", line.link.port(), "check");
    }

    @Test
    void aDeviceFailureIsAnExceptionFault() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        line.slave.setFault(new ModbusFault.ExceptionReply(4));
        ProbeReading.Fault f = fault(probe.read());
        assertThat(f.sensorState()).isEqualTo("fault:exception_4");
        assertThat(f.detail()).contains("device failure", "power-cycle");
    }

    @Test
    void badChecksumsEveryTimeAreACrcFault() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        line.slave.setFault(new ModbusFault.BadCrc());
        assertThat(fault(probe.read()).sensorState()).isEqualTo("fault:crc");
    }

    @Test
    void recoversOnceTheFaultClears() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        well.sensor(SensorCondition.UNPLUGGED);
        fault(new Sen0710Probe(line.impatient).read());
        well.sensor(SensorCondition.OK);
        assertThat(measured(probe.read()).ntu()).isCloseTo(3.7, within(1e-9));
    }

    @Test
    void describesModelAddressAndPort() throws Exception {
        Sen0710Probe probe = probe(3.7, 20);
        assertThat(probe.describe()).contains("SEN0710", "address 1", line.link.port());
    }
}
