package io.waypoint.drivers.modbus;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.ModbusProbeSlave;
import java.time.Clock;
import java.time.Duration;

/**
 * A simulated probe on a pseudo-terminal, and the real link and masters talking to it: the whole
 * serial path of a board, but for the RS-485 transceiver.
 *
 * <p>Two masters share the link, used one at a time. {@link #master} is patient: a test that expects
 * an answer must get it even on a loaded machine, and an answer comes as soon as it comes, so the
 * long timeout costs nothing. {@link #impatient} is for tests that expect no answer and so must wait
 * every timeout out.
 */
final class SimulatedLine implements AutoCloseable {
    static final ModbusMasterSettings PATIENT = new ModbusMasterSettings(Duration.ofSeconds(2), 2);
    static final ModbusMasterSettings IMPATIENT = new ModbusMasterSettings(Duration.ofMillis(250), 2);

    final ModbusProbeSlave slave;
    final SerialLink link;
    final ModbusRtuMaster master;
    final ModbusRtuMaster impatient;

    private SimulatedLine(ModbusProbeSlave slave, SerialLink link) {
        this.slave = slave;
        this.link = link;
        this.master = new ModbusRtuMaster(link, PATIENT);
        this.impatient = new ModbusRtuMaster(link, IMPATIENT);
    }

    static SimulatedLine start(ModbusProbeSlave.Config config, SteadyWell well) throws Exception {
        Clock clock = Clock.systemUTC();
        ModbusProbeSlave slave = ModbusProbeSlave.start(config, well, clock::instant);
        try {
            return new SimulatedLine(slave, SerialLink.open(slave.driverPort(), config.baud(), clock));
        } catch (Exception e) {
            slave.close();
            throw e;
        }
    }

    @Override
    public void close() {
        link.close();
        slave.close();
    }
}
