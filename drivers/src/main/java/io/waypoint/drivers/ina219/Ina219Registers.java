package io.waypoint.drivers.ina219;

/** The INA219's register map, config word and calibration, as pure functions (datasheet SBOS448, 8.6). */
final class Ina219Registers {
    static final int CONFIG = 0x00;
    static final int BUS = 0x02;
    static final int POWER = 0x03;
    static final int CURRENT = 0x04;
    static final int CALIBRATION = 0x05;
    /** Config bit 15: reset every register to its power-on value. */
    static final int RESET = 0x8000;

    /** 32 V bus range: covers a 5 V port and a 12 V battery alike (the LSB is 4 mV either way). */
    private static final int BUS_RANGE_32V = 0x2000;
    /** Bus ADC: one 12-bit sample, 532 µs. */
    private static final int BUS_ADC_12_BIT = 0x3 << 7;
    /**
     * Shunt ADC: 8 samples averaged, 4.26 ms. A phone's charger draws in pulses: one 532 µs sample
     * can land on a peak or a gap.
     */
    private static final int SHUNT_ADC_8_SAMPLES = 0xB << 3;
    private static final int SHUNT_AND_BUS_CONTINUOUS = 0x7;
    /** One conversion with the ADC settings above: shunt then bus. */
    static final long CONVERSION_MICROS = 4260 + 532;

    private static final double SHUNT_LSB_VOLTS = 10e-6;
    private static final double CALIBRATION_SCALE = 0.04096;
    private static final int MAX_CALIBRATION = 0xFFFE;

    private Ina219Registers() {}

    /** PGA 0–3: the smallest shunt range (40, 80, 160, 320 mV) that holds {@code shunt}'s largest current. */
    static int pga(Shunt shunt) {
        double volts = shunt.ohms() * shunt.maxAmps();
        for (int pga = 0; pga < 3; pga++) {
            if (volts <= 0.04 * (1 << pga)) {
                return pga;
            }
        }
        return 3;
    }

    /** The config word for {@code shunt}: its PGA, 32 V bus, the ADC settings above, continuous. */
    static int config(Shunt shunt) {
        return BUS_RANGE_32V | pga(shunt) << 11 | BUS_ADC_12_BIT | SHUNT_ADC_8_SAMPLES | SHUNT_AND_BUS_CONTINUOUS;
    }

    /**
     * The calibration register for {@code shunt}: trunc(0.04096 / (Current_LSB × R)) with
     * Current_LSB = max current / 2^15, bit 0 clear. A small shunt at a low maximum would need more
     * than 16 bits; then Current_LSB is raised until it fits, which costs nothing, since one step of
     * the shunt ADC (10 µV / R) is coarser than that LSB anyway.
     */
    static int calibration(Shunt shunt) {
        double lsb = Math.max(shunt.maxAmps() / 32768.0, CALIBRATION_SCALE / (MAX_CALIBRATION * shunt.ohms()));
        int cal = (int) (CALIBRATION_SCALE / (lsb * shunt.ohms()));
        return Math.min(cal, MAX_CALIBRATION) & 0xFFFE;
    }

    /**
     * Amps per count of the current register with {@code calibration} on a shunt of {@code ohms}:
     * what the chip's arithmetic (shunt × calibration / 4096) really gives, so the truncation of the
     * calibration adds no error.
     */
    static double ampsPerCount(int calibration, double ohms) {
        return CALIBRATION_SCALE / (calibration * ohms);
    }

    /** Amps per step of the shunt ADC: what a reading can resolve at best. */
    static double ampsPerShuntStep(double ohms) {
        return SHUNT_LSB_VOLTS / ohms;
    }

    /** Volts in a bus voltage register value (bits 15:3, 4 mV each). */
    static double busVolts(int bus) {
        return (bus >> 3) * 0.004;
    }

    /** Bus register bit 1: a conversion has completed since the config was written. */
    static boolean conversionReady(int bus) {
        return (bus & 0x2) != 0;
    }

    /** Bus register bit 0: the chip's current or power calculation overflowed. */
    static boolean overflow(int bus) {
        return (bus & 0x1) != 0;
    }

    /** A 16-bit register's two bytes, MSB first as the chip sends them. */
    static int word(byte msb, byte lsb) {
        return ((msb & 0xFF) << 8) | (lsb & 0xFF);
    }
}
