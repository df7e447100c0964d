package io.waypoint.drivers.modbus;

import java.util.Objects;

/**
 * A probe that keeps its readings as float32 registers, Yosemitech Y511 style: a write to the start
 * register starts measuring, then the data block holds temperature (°C), turbidity and an error
 * byte (the high byte of the fifth register; 0 when fine). Each reading writes the start register
 * again, which costs one short request and keeps a probe that lost power (and its started state)
 * measuring.
 */
public final class FloatRegisterProbe implements TurbidityProbe {

    /**
     * @param unit          the probe's slave address
     * @param startRegister written (function 0x06, value 1) to start measuring
     * @param dataRegister  the first of five registers: temperature, turbidity, error byte
     * @param order         how the floats are laid over registers
     * @param scale         turbidity in NTU = the register float × scale
     * @param maxNtu        the top of the probe's range: anything above is a fault
     */
    public record Settings(int unit, int startRegister, int dataRegister, FloatOrder order, double scale,
                           double maxNtu) {
        public Settings {
            Objects.requireNonNull(order, "order");
            if (unit < 1 || unit > 247) {
                throw new IllegalArgumentException("a slave address is 1 to 247, was " + unit);
            }
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("scale must be a positive number, was " + scale);
            }
            if (!(maxNtu > 0) || Double.isInfinite(maxNtu)) {
                throw new IllegalArgumentException("maxNtu must be a positive number, was " + maxNtu);
            }
        }

        /** A Yosemitech Y511 as delivered: address 1, start 0x2500, data 0x2600, little-endian floats. */
        public static Settings y511() {
            return new Settings(1, 0x2500, 0x2600, FloatOrder.LITTLE_ENDIAN, 1.0, 4000);
        }

        public Settings withUnit(int newUnit) {
            return new Settings(newUnit, startRegister, dataRegister, order, scale, maxNtu);
        }

        public Settings withOrder(FloatOrder newOrder) {
            return new Settings(unit, startRegister, dataRegister, newOrder, scale, maxNtu);
        }

        public Settings withScale(double newScale) {
            return new Settings(unit, startRegister, dataRegister, order, newScale, maxNtu);
        }

        public Settings withMaxNtu(double newMaxNtu) {
            return new Settings(unit, startRegister, dataRegister, order, scale, newMaxNtu);
        }
    }

    private final ModbusRtuMaster master;
    private final Settings settings;

    public FloatRegisterProbe(ModbusRtuMaster master, Settings settings) {
        this.master = Objects.requireNonNull(master, "master");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public ProbeReading read() {
        int[] r;
        try {
            master.writeSingleRegister(settings.unit(), settings.startRegister(), 1);
            r = master.readHoldingRegisters(settings.unit(), settings.dataRegister(), 5);
        } catch (ModbusException e) {
            return ProbeReading.of(e);
        }
        int error = r[4] >>> 8;
        if (error != 0) {
            return new ProbeReading.Fault("probe_error_" + error, describe() + " reports error code " + error
                    + ": see the probe's manual; clean the window, check the wiper and power-cycle the probe");
        }
        double temperature = settings.order().decode(r[0], r[1]);
        double ntu = settings.order().decode(r[2], r[3]) * settings.scale();
        return ProbeReading.checked(describe(), ntu, temperature, settings.maxNtu());
    }

    @Override
    public String describe() {
        return "turbidity probe (float registers, " + settings.order() + ") at Modbus address " + settings.unit()
                + " on " + master.port();
    }
}
