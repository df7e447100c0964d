package io.waypoint.drivers.modbus;

import java.util.Objects;

/**
 * DFRobot SEN0710 (and probes with its map): register 0x0000 turbidity, uint16 in tenths of NTU;
 * 0x0001 temperature, int16 in tenths of °C. Delivered at 4800 baud 8N1, address 1.
 */
public final class Sen0710Probe implements TurbidityProbe {
    public static final int DEFAULT_UNIT = 1;
    public static final int DEFAULT_BAUD = 4800;
    /** The top of the probe's range: anything above is a fault. */
    public static final double MAX_NTU = 4000;
    static final int TURBIDITY = 0x0000;

    /** Which function reads the two registers; the SEN0710 answers both. */
    public enum ReadFunction {
        HOLDING_REGISTERS, INPUT_REGISTERS
    }

    private final ModbusRtuMaster master;
    private final int unit;
    private final ReadFunction function;

    public Sen0710Probe(ModbusRtuMaster master, int unit, ReadFunction function) {
        this.master = Objects.requireNonNull(master, "master");
        this.function = Objects.requireNonNull(function, "function");
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("a slave address is 1 to 247, was " + unit);
        }
        this.unit = unit;
    }

    /** At the default address, read with function 0x03. */
    public Sen0710Probe(ModbusRtuMaster master) {
        this(master, DEFAULT_UNIT, ReadFunction.HOLDING_REGISTERS);
    }

    @Override
    public ProbeReading read() {
        int[] registers;
        try {
            registers = function == ReadFunction.HOLDING_REGISTERS ? master.readHoldingRegisters(unit, TURBIDITY, 2)
                    : master.readInputRegisters(unit, TURBIDITY, 2);
        } catch (ModbusException e) {
            return ProbeReading.of(e);
        }
        return ProbeReading.checked(describe(), registers[0] / 10.0, (short) registers[1] / 10.0, MAX_NTU);
    }

    @Override
    public String describe() {
        return "turbidity probe SEN0710 at Modbus address " + unit + " on " + master.port();
    }
}
