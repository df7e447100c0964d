package io.waypoint.sim.chip.kiosk;

import io.waypoint.sim.chip.AnalogSource;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.sim.chip.I2cNack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A TI INA219 current and bus-voltage monitor at register level, with its shunt resistor, on
 * simulated time: what a charging port's or a battery bus's monitor answers on I2C (0x40–0x4F).
 *
 * <p>What it does, as the datasheet (SBOS448) says:
 * <ul>
 *   <li>A write transaction's first byte is the register pointer (0 config, 1 shunt voltage, 2 bus
 *       voltage, 3 power, 4 current, 5 calibration); the next two bytes, MSB first, are the new value.
 *       A read transaction returns the register the pointer names, MSB first.</li>
 *   <li>Config powers on as {@code 0x399F}: 32 V bus range, PGA /8 (±320 mV), 12-bit shunt and bus
 *       ADCs, shunt and bus continuous. Writing bit 15 (RST) resets every register as at power-on;
 *       the bit reads 0.</li>
 *   <li>Shunt voltage (register 1): {@code amps × shunt ohms}, signed, 10 µV per LSB, clipped to the
 *       PGA's range (/1 ±40 mV = ±4000, /2 ±80 mV, /4 ±160 mV, /8 ±320 mV = ±32000).</li>
 *   <li>Bus voltage (register 2): bits 15:3 at 4 mV per LSB (clipped at the 16 V or 32 V range of
 *       BRNG, never negative), bit 1 CNVR (a conversion has completed since the config was written
 *       or the power register read), bit 0 OVF (the last current or power calculation overflowed).</li>
 *   <li>After every conversion the chip computes current (register 4) = shunt × calibration / 4096
 *       and power (register 3) = current × bus / 5000: both stay 0 until the calibration register
 *       (5, bit 0 always 0) is written, and a new calibration shows only after the next conversion.</li>
 *   <li>A conversion takes the ADC's time (9 bits 84 µs, 10 bits 148 µs, 11 bits 276 µs, 12 bits
 *       532 µs, 2–128 samples averaged 1.06–68.1 ms), shunt then bus in the combined modes; continuous
 *       modes convert back to back, triggered modes (MODE 1–3) once per config write, power-down and
 *       ADC off not at all (the registers keep their values). Inputs are sampled at the end of a
 *       conversion.</li>
 * </ul>
 *
 * <p>Where the datasheet is silent, the emulation chooses:
 * <ul>
 *   <li>a 9-, 10- or 11-bit ADC gives readings in steps of 8, 4 or 2 LSBs (12 bits and averaging:
 *       1 LSB); readings round to the nearest step;</li>
 *   <li>current truncates toward zero; power is computed from the current's magnitude; a result out
 *       of range (current beyond ±32767, power beyond 65535) sets OVF and is clipped;</li>
 *   <li>a pointer above 5 is not acknowledged ({@link I2cNack}), so a driver writing a wrong register
 *       number fails loudly; a pointer and a single data byte set the pointer only; writes to the
 *       read-only registers 1–4 are acknowledged and ignored; a read longer than two bytes returns
 *       0xFF after the second.</li>
 * </ul>
 * Inputs are ideal: no offset, gain error or noise. The current and voltage functions are called
 * when a driver next touches the chip, with the instant the conversion ended, so they must be
 * functions of that instant (as {@link AnalogSource}s are), not of when they are called. Thread-safe.
 */
public final class Ina219Chip implements I2cDevice {
    /** Config register after power-on and after a reset. */
    public static final int POWER_ON_CONFIG = 0x399F;

    static final int CONFIG = 0;
    static final int SHUNT = 1;
    static final int BUS = 2;
    static final int POWER = 3;
    static final int CURRENT = 4;
    static final int CALIBRATION = 5;

    private static final int RST = 0x8000;
    private static final double SHUNT_LSB_VOLTS = 10e-6;
    private static final double BUS_LSB_VOLTS = 4e-3;
    private static final long[] BITS_MICROS = {84, 148, 276, 532};
    private static final long[] AVERAGED_MICROS = {532, 1060, 2130, 4260, 8510, 17020, 34050, 68100};

    private final Clock clock;
    private final double shuntOhms;
    private final ToDoubleFunction<Instant> amps;
    private final AnalogSource busVolts;

    private int pointer;
    private int config;
    private int calibration;
    private short shunt;
    private int busCode;
    private short current;
    private int power;
    private boolean conversionReady;
    private boolean overflow;

    /** When the running conversion (triggered) or the first one (continuous) started; null when idle. */
    private Instant conversionStart;
    private long conversionsLatched;
    private long conversionsCompleted;

    /**
     * An INA219 measuring the current through a shunt of {@code shuntOhms} and the bus voltage on its
     * VIN− pin, both given as functions of simulated time; powered on now.
     */
    public Ina219Chip(Clock clock, double shuntOhms, ToDoubleFunction<Instant> amps, AnalogSource busVolts) {
        if (!(shuntOhms > 0) || Double.isInfinite(shuntOhms)) {
            throw new IllegalArgumentException("the shunt must be a positive resistance, was " + shuntOhms + " ohm");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.shuntOhms = shuntOhms;
        this.amps = Objects.requireNonNull(amps, "amps");
        this.busVolts = Objects.requireNonNull(busVolts, "busVolts");
        reset(clock.instant());
    }

    /** How many conversions have ended since power-on (tests check the chip was converting). */
    public synchronized long conversionsCompleted() {
        settle(clock.instant());
        return conversionsCompleted;
    }

    @Override
    public synchronized void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int p = data[0] & 0xFF;
        if (p > CALIBRATION) {
            throw new I2cNack(String.format("INA219: pointer byte 0x%02X names no register (0x00-0x05)", p));
        }
        Instant now = clock.instant();
        settle(now);
        pointer = p;
        if (data.length < 3) {
            return;
        }
        int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        if (pointer == CONFIG) {
            writeConfig(value, now);
        } else if (pointer == CALIBRATION) {
            calibration = value & 0xFFFE;
        }
    }

    @Override
    public synchronized byte[] read(int length) {
        settle(clock.instant());
        int value = switch (pointer) {
            case CONFIG -> config;
            case SHUNT -> shunt & 0xFFFF;
            case BUS -> busCode << 3 | (conversionReady ? 2 : 0) | (overflow ? 1 : 0);
            case POWER -> power;
            case CURRENT -> current & 0xFFFF;
            default -> calibration;
        };
        if (pointer == POWER) {
            conversionReady = false;
        }
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) 0xFF);
        if (length > 0) {
            out[0] = (byte) (value >> 8);
        }
        if (length > 1) {
            out[1] = (byte) value;
        }
        return out;
    }

    private void writeConfig(int value, Instant now) {
        if ((value & RST) != 0) {
            reset(now);
            return;
        }
        config = value;
        conversionReady = false;
        conversionStart = mode() == 0 || mode() == 4 ? null : now;
        conversionsLatched = 0;
    }

    private void reset(Instant now) {
        config = POWER_ON_CONFIG;
        calibration = 0;
        shunt = 0;
        busCode = 0;
        current = 0;
        power = 0;
        conversionReady = false;
        overflow = false;
        conversionStart = now;
        conversionsLatched = 0;
    }

    private int mode() {
        return config & 0x7;
    }

    private boolean convertsShunt() {
        return (mode() & 1) != 0;
    }

    private boolean convertsBus() {
        return (mode() & 2) != 0;
    }

    private boolean continuous() {
        return (mode() & 4) != 0;
    }

    /** Brings the registers up to {@code now}: latches the last conversion that has ended. */
    private void settle(Instant now) {
        if (conversionStart == null) {
            return;
        }
        long period = conversionTime().toNanos();
        long done = Duration.between(conversionStart, now).toNanos() / period;
        if (!continuous()) {
            done = Math.min(done, 1);
        }
        if (done <= conversionsLatched) {
            return;
        }
        convert(conversionStart.plusNanos(done * period));
        conversionsCompleted += done - conversionsLatched;
        conversionsLatched = done;
        if (!continuous()) {
            conversionStart = null;
        }
    }

    private void convert(Instant at) {
        if (convertsShunt()) {
            long range = 4000L << ((config >> 11) & 0x3);
            long code = quantize(amps.applyAsDouble(at) * shuntOhms / SHUNT_LSB_VOLTS, (config >> 3) & 0xF);
            shunt = (short) Math.max(-range, Math.min(range, code));
        }
        if (convertsBus()) {
            long range = (config & 0x2000) != 0 ? 8000 : 4000;
            long code = quantize(busVolts.volts(at) / BUS_LSB_VOLTS, (config >> 7) & 0xF);
            busCode = (int) Math.max(0, Math.min(range, code));
        }
        long i = (long) shunt * calibration / 4096;
        long p = Math.abs(i) * busCode / 5000;
        overflow = i > Short.MAX_VALUE || i < Short.MIN_VALUE || p > 0xFFFF;
        current = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, i));
        power = (int) Math.min(0xFFFF, p);
        conversionReady = true;
    }

    /** {@code lsbs} rounded to the ADC's step: 8, 4 or 2 LSBs at 9, 10, 11 bits, else 1. */
    static long quantize(double lsbs, int adc) {
        long step = (adc & 0x8) == 0 ? 1L << (3 - (adc & 0x3)) : 1;
        return step * Math.round(lsbs / step);
    }

    private Duration conversionTime() {
        long micros = (convertsShunt() ? adcMicros((config >> 3) & 0xF) : 0)
                + (convertsBus() ? adcMicros((config >> 7) & 0xF) : 0);
        return Duration.ofNanos(micros * 1000);
    }

    static long adcMicros(int adc) {
        return (adc & 0x8) == 0 ? BITS_MICROS[adc & 0x3] : AVERAGED_MICROS[adc & 0x7];
    }
}
