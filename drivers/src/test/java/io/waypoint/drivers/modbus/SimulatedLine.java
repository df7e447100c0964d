package io.waypoint.drivers.modbus;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.ModbusProbeSlave;
import java.time.Clock;
import java.time.Duration;

/**
 * A simulated probe on a pseudo-terminal, and the real link and master talking to it: the whole
 * serial path of a board, but for the RS-485 transceiver.
 */
final class SimulatedLine implements AutoCloseable {
    /** Short timeouts keep the fault tests fast; still far above a pty's round trip. */
    static final ModbusMasterSettings FAST = new ModbusMasterSettings(Duration.ofMillis(150), 2);

    final ModbusProbeSlave slave;
    final SerialLink link;
    final ModbusRtuMaster master;

    private SimulatedLine(ModbusProbeSlave slave, SerialLink link, ModbusRtuMaster master) {
        this.slave = slave;
        this.link = link;
        this.master = master;
    }

    static SimulatedLine start(ModbusProbeSlave.Config config, SteadyWell well, ModbusMasterSettings settings)
            throws Exception {
        Clock clock = Clock.systemUTC();
        ModbusProbeSlave slave = ModbusProbeSlave.start(config, well, clock::instant);
        try {
            SerialLink link = SerialLink.open(slave.driverPort(), config.baud(), clock);
            return new SimulatedLine(slave, link, new ModbusRtuMaster(link, settings));
        } catch (Exception e) {
            slave.close();
            throw e;
        }
    }

    static SimulatedLine start(ModbusProbeSlave.Config config, SteadyWell well) throws Exception {
        return start(config, well, FAST);
    }

    @Override
    public void close() {
        link.close();
        slave.close();
    }
}
