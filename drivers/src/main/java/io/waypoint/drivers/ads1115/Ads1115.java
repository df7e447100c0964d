package io.waypoint.drivers.ads1115;

import io.waypoint.drivers.RootCause;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A TI ADS1115 16-bit ADC on I2C (addresses 0x48–0x4B), read one single-shot conversion at a time.
 *
 * <p>A read writes the config register with OS = 1 (start), waits the conversion time, polls the
 * config register until OS reads 1 (done), checks that the config read back is the one written (so
 * another chip at the address, or a corrupted write, is not taken for a reading) and reads the
 * conversion register, MSB first.
 *
 * <p>Waiting without {@code Thread.sleep}: the driver first calls the {@link ConversionWait} it was
 * given with the expected conversion time (1/DR: 7.8 ms at 128 SPS), then polls. The default,
 * {@link ConversionWait#SPIN}, returns at once and the poll loop spins with
 * {@link Thread#onSpinWait()}; on a board every poll is an I2C transfer of about 0.3 ms, so that is
 * a handful of transfers per reading. Either way the wait is bounded by the injected clock (twice
 * the conversion time plus 2 ms, then one last poll) and by a poll count (for a clock that does not
 * move), and a conversion that never ends is an {@link Ads1115Exception}, never a hang. A caller
 * with a scheduler can pass a wait that parks the thread instead; a test on a manual clock passes
 * one that advances it.
 *
 * <p>Thread-safe: conversions are serialised. Errors are {@link Ads1115Exception}s whose messages
 * name the chip, the bus and address, and what to check.
 */
public final class Ads1115 implements AutoCloseable {
    static final long MAX_POLLS = 1_000_000;
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(2);

    /** What the input multiplexer (MUX) connects to the ADC: one input against ground, or two against each other. */
    public enum Input {
        AIN0(4), AIN1(5), AIN2(6), AIN3(7),
        AIN0_MINUS_AIN1(0), AIN0_MINUS_AIN3(1), AIN1_MINUS_AIN3(2), AIN2_MINUS_AIN3(3);

        final int mux;

        Input(int mux) {
            this.mux = mux;
        }
    }

    /** The programmable gain: the ± voltage that maps to full scale (it never lets an input exceed VDD + 0.3 V). */
    public enum FullScale {
        FS_6_144_V(0, 6.144), FS_4_096_V(1, 4.096), FS_2_048_V(2, 2.048), FS_1_024_V(3, 1.024),
        FS_0_512_V(4, 0.512), FS_0_256_V(5, 0.256);

        final int pga;
        final double volts;

        FullScale(int pga, double volts) {
            this.pga = pga;
            this.volts = volts;
        }

        /** The full-scale voltage (one LSB is this / 32768). */
        public double volts() {
            return volts;
        }
    }

    /** Samples per second; one single-shot conversion takes 1/rate. */
    public enum DataRate {
        SPS_8(0, 8), SPS_16(1, 16), SPS_32(2, 32), SPS_64(3, 64), SPS_128(4, 128), SPS_250(5, 250),
        SPS_475(6, 475), SPS_860(7, 860);

        final int dr;
        final int perSecond;

        DataRate(int dr, int perSecond) {
            this.dr = dr;
            this.perSecond = perSecond;
        }

        /** How long one conversion takes. */
        public Duration conversionTime() {
            return Duration.ofNanos(Math.round(1e9 / perSecond));
        }
    }

    /** How the driver lets time pass while a conversion runs (see the class comment). */
    @FunctionalInterface
    public interface ConversionWait {
        /** Called once per conversion with its expected duration, before polling starts. */
        void await(Duration expected);

        /** Return at once and let the poll loop spin. */
        ConversionWait SPIN = expected -> { };
    }

    private final I2C i2c;
    private final Clock clock;
    private final ConversionWait wait;
    private final String part;

    Ads1115(I2C i2c, Clock clock, ConversionWait wait) {
        this.i2c = Objects.requireNonNull(i2c, "i2c");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.part = String.format("ADS1115 at I2C bus %d address 0x%02X", i2c.bus(), i2c.device());
    }

    /** Opens the ADS1115 at {@code address} on I2C {@code bus}, spinning while it converts. */
    public static Ads1115 open(Context pi4j, int bus, int address, Clock clock) {
        return open(pi4j, bus, address, clock, ConversionWait.SPIN);
    }

    /**
     * Opens the ADS1115 at {@code address} on I2C {@code bus}. Nothing is sent yet: a chip that is
     * missing shows at the first read.
     *
     * @throws Ads1115Exception if the address is not one an ADS1115 can have, or the device cannot be opened
     */
    public static Ads1115 open(Context pi4j, int bus, int address, Clock clock, ConversionWait wait) {
        if (address < 0x48 || address > 0x4B) {
            throw new Ads1115Exception(String.format("ADS1115 address 0x%02X on I2C bus %d: an ADS1115 answers only at"
                    + " 0x48-0x4B (ADDR to GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B): fix the address in the config",
                    address, bus), null);
        }
        try {
            I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id(String.format("ads1115-%d-%02x", bus, address))
                    .name(String.format("ADS1115 bus %d 0x%02X", bus, address))
                    .bus(bus).device(address).build());
            return new Ads1115(i2c, clock, wait);
        } catch (Pi4JException e) {
            throw new Ads1115Exception(String.format("ADS1115 at I2C bus %d address 0x%02X cannot be opened (%s):"
                    + " enable I2C (raspi-config, Interface Options, I2C), check the bus number in the config and"
                    + " that nothing else opened this ADS1115", bus, address, RootCause.message(e)), e);
        }
    }

    /** "ADS1115 at I2C bus 1 address 0x48": how messages name this chip. */
    public String part() {
        return part;
    }

    /** One conversion of {@code input}, in volts at the ADC pins. */
    public double readVolts(Input input, FullScale range, DataRate rate) {
        return Ads1115Registers.volts(readCode(input, range, rate), range);
    }

    /** One conversion of {@code input}: the signed output code (−32768 to 32767; full scale clips at the ends). */
    public synchronized int readCode(Input input, FullScale range, DataRate rate) {
        int config = Ads1115Registers.singleShot(input, range, rate);
        write(config);
        Instant started = clock.instant();
        Instant deadline = started.plus(rate.conversionTime().multipliedBy(2)).plus(DEADLINE_MARGIN);
        wait.await(rate.conversionTime());
        int status = word(read(Ads1115Registers.CONFIG, "the config register"));
        for (long polls = 1; !Ads1115Registers.idle(status); polls++) {
            if (polls >= MAX_POLLS || clock.instant().isAfter(deadline)) {
                // the clock may have jumped past the deadline between the last poll and now: ask once more
                status = word(read(Ads1115Registers.CONFIG, "the config register"));
                if (Ads1115Registers.idle(status)) {
                    break;
                }
                throw new Ads1115Exception(String.format("%s: conversion not finished %.1f ms and %d polls after it"
                        + " started (one at %d SPS takes %.1f ms): the chip is not converting; check its supply (VDD"
                        + " 2.0-5.5 V) and power-cycle it", part, Duration.between(started, clock.instant()).toNanos() / 1e6,
                        polls, rate.perSecond, rate.conversionTime().toNanos() / 1e6), null);
            }
            Thread.onSpinWait();
            status = word(read(Ads1115Registers.CONFIG, "the config register"));
        }
        if ((status & ~Ads1115Registers.OS) != (config & ~Ads1115Registers.OS)) {
            throw new Ads1115Exception(String.format("%s: config reads back 0x%04X after 0x%04X was written: another"
                    + " chip answers at this address, or the ADS1115 is faulty; check the part number and the ADDR"
                    + " jumper", part, status, config), null);
        }
        byte[] result = read(Ads1115Registers.CONVERSION, "the conversion register");
        return Ads1115Registers.code(result[0], result[1]);
    }

    private void write(int config) {
        try {
            i2c.writeRegister(Ads1115Registers.CONFIG, new byte[] {(byte) (config >> 8), (byte) config});
        } catch (Pi4JException e) {
            throw noAnswer("writing the config register", e);
        }
    }

    /** The two bytes of a 16-bit register, MSB first as the chip sends them. */
    private byte[] read(int register, String what) {
        byte[] b = new byte[2];
        int n;
        try {
            n = i2c.readRegister(register, b);
        } catch (Pi4JException e) {
            throw noAnswer("reading " + what, e);
        }
        if (n != 2) {
            throw new Ads1115Exception(String.format("%s: reading %s returned %d bytes instead of 2: check the"
                    + " wiring (SDA, SCL) and the pull-up resistors", part, what, n), null);
        }
        return b;
    }

    private static int word(byte[] b) {
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    private Ads1115Exception noAnswer(String doing, Pi4JException e) {
        return new Ads1115Exception(String.format("%s did not answer when %s (%s): check its wiring (VDD 3.3 V, GND,"
                + " SDA to GPIO2, SCL to GPIO3) and its ADDR jumper (GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B)",
                part, doing, RootCause.message(e)), e);
    }

    /** Releases the I2C device. */
    @Override
    public void close() {
        try {
            i2c.close();
        } catch (RuntimeException e) {
            // closing a device whose bus is gone changes nothing for the caller
        }
    }
}
