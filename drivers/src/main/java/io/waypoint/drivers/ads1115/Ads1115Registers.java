package io.waypoint.drivers.ads1115;

/** The ADS1115's register map and config word, as pure functions (datasheet SBAS444, section 9.6). */
final class Ads1115Registers {
    static final int CONVERSION = 0x00;
    static final int CONFIG = 0x01;
    /** Config bit 15: write 1 to start a single-shot conversion; reads 1 when no conversion runs. */
    static final int OS = 0x8000;
    /** Config bit 8: single-shot (power-down between conversions). */
    static final int MODE_SINGLE_SHOT = 0x0100;
    /** Config bits 1:0 = 11: comparator off, ALERT/RDY high impedance. */
    static final int COMPARATOR_OFF = 0x0003;

    private Ads1115Registers() {}

    /** The config word that starts one conversion of {@code input} at {@code range} and {@code rate}. */
    static int singleShot(Ads1115.Input input, Ads1115.FullScale range, Ads1115.DataRate rate) {
        return OS | input.mux << 12 | range.pga << 9 | MODE_SINGLE_SHOT | rate.dr << 5 | COMPARATOR_OFF;
    }

    /** True when the config register says no conversion is running. */
    static boolean idle(int config) {
        return (config & OS) != 0;
    }

    /** The conversion register's two bytes, MSB first, as the signed code they are. */
    static int code(byte msb, byte lsb) {
        return (short) (((msb & 0xFF) << 8) | (lsb & 0xFF));
    }

    /** Volts for {@code code} at {@code range}: one LSB is full scale / 32768. */
    static double volts(int code, Ads1115.FullScale range) {
        return code * range.volts / 32768.0;
    }
}
