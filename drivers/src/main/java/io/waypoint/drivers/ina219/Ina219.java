package io.waypoint.drivers.ina219;

import io.waypoint.drivers.RootCause;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tinylog.Logger;

/**
 * A TI INA219 current and bus-voltage monitor on I2C (addresses 0x40–0x4F) across a {@link Shunt}:
 * the current a charging port's phone draws, or a battery bus's current and voltage.
 *
 * <p>The chip runs continuously (shunt averaged over 8 samples, bus one 12-bit sample: a new result
 * every 4.8 ms) and computes current and power itself from the calibration register. Nothing is sent
 * when the driver is opened: the first {@link #read()} resets the chip, writes its config and
 * calibration, checks both read back, and waits for the first conversion (through the
 * {@link ConversionWait} it was given, then polling the conversion-ready bit, bounded by the injected
 * clock and a poll count). Every later read first checks the calibration is still there: a supply
 * dip resets the chip, whose current would then read 0 A — a charging phone taken for a full one —
 * so a lost calibration is written again (and logged) before the reading is taken.
 *
 * <p>Thread-safe: reads are serialised. Errors are {@link Ina219Exception}s whose messages name what
 * the chip measures, its bus and address, and what to check; after one, the next read configures
 * the chip again.
 */
public final class Ina219 implements AutoCloseable {
    static final long MAX_POLLS = 1_000_000;
    private static final Duration CONVERSION = Duration.ofNanos(Ina219Registers.CONVERSION_MICROS * 1000);
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(2);

    /**
     * One measurement.
     *
     * @param amps      current through the shunt (positive from VIN+ to VIN−), clipped at the shunt's
     *                  maximum when {@code overRange}
     * @param busVolts  voltage on VIN− against ground, 4 mV steps
     * @param watts     amps × volts as the chip computes it (from the current's magnitude)
     * @param overRange the current exceeded the {@link Shunt}'s maximum: the true current is higher
     */
    public record Reading(double amps, double busVolts, double watts, boolean overRange) {}

    /** How the driver lets time pass while the first conversion runs (see the class comment). */
    @FunctionalInterface
    public interface ConversionWait {
        /** Called with the expected duration of a conversion, before polling starts. */
        void await(Duration expected);

        /** Return at once and let the poll loop spin. */
        ConversionWait SPIN = expected -> { };
    }

    private final Context pi4j;
    private final I2C i2c;
    private final Shunt shunt;
    private final Clock clock;
    private final ConversionWait wait;
    private final String part;
    private final int config;
    private final int calibration;
    private final double ampsPerCount;
    private boolean configured;

    private Ina219(Context pi4j, I2C i2c, Shunt shunt, String what, Clock clock, ConversionWait wait) {
        this.pi4j = pi4j;
        this.i2c = i2c;
        this.shunt = shunt;
        this.clock = clock;
        this.wait = wait;
        this.part = String.format("INA219 (%s) at I2C bus %d address 0x%02X", what, i2c.bus(), i2c.device());
        this.config = Ina219Registers.config(shunt);
        this.calibration = Ina219Registers.calibration(shunt);
        this.ampsPerCount = Ina219Registers.ampsPerCount(calibration, shunt.ohms());
    }

    /** Opens the INA219 measuring {@code what} (e.g. {@code charging port 3}), spinning while it first converts. */
    public static Ina219 open(Context pi4j, int bus, int address, Shunt shunt, String what, Clock clock) {
        return open(pi4j, bus, address, shunt, what, clock, ConversionWait.SPIN);
    }

    /**
     * Opens the INA219 at {@code address} on I2C {@code bus}, measuring {@code what} across
     * {@code shunt}. Nothing is sent yet: a missing chip shows at the first read.
     *
     * @throws Ina219Exception if the address is not one an INA219 can have, or the device cannot be opened
     */
    public static Ina219 open(Context pi4j, int bus, int address, Shunt shunt, String what, Clock clock,
            ConversionWait wait) {
        Objects.requireNonNull(shunt, "shunt");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(wait, "wait");
        if (address < 0x40 || address > 0x4F) {
            throw new Ina219Exception(String.format("INA219 (%s) address 0x%02X on I2C bus %d: an INA219 answers"
                    + " only at 0x40-0x4F (0x40 + 4 x A1 + A0, each jumper GND 0, VS 1, SDA 2, SCL 3): fix the"
                    + " address in the config", what, address, bus), null);
        }
        try {
            I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j)
                    .id(String.format("ina219-%d-%02x", bus, address))
                    .name(String.format("INA219 %s", what))
                    .bus(bus).device(address).build());
            return new Ina219(pi4j, i2c, shunt, what, clock, wait);
        } catch (Pi4JException e) {
            throw new Ina219Exception(String.format("INA219 (%s) at I2C bus %d address 0x%02X cannot be opened (%s):"
                    + " enable I2C (raspi-config, Interface Options, I2C), check the bus number in the config and"
                    + " that nothing else opened this INA219", what, bus, address, RootCause.message(e)), e);
        }
    }

    /** "INA219 (charging port 3) at I2C bus 1 address 0x41": how messages name this chip. */
    public String part() {
        return part;
    }

    /** The shunt this driver calibrated the chip for. */
    public Shunt shunt() {
        return shunt;
    }

    /** The smallest change of current a reading can show: one step of the shunt ADC or of the current register. */
    public double ampsResolution() {
        return Math.max(ampsPerCount, Ina219Registers.ampsPerShuntStep(shunt.ohms()));
    }

    /** The latest conversion: current, bus voltage and power. */
    public synchronized Reading read() {
        try {
            if (!configured) {
                configure();
            } else {
                int cal = readWord(Ina219Registers.CALIBRATION, "the calibration register");
                if (cal != calibration) {
                    Logger.warn("{}: calibration reads 0x{} instead of 0x{}: the chip was reset (a dip in its"
                            + " supply?); configuring it again", part, hex(cal), hex(calibration));
                    configure();
                }
            }
            int bus = readWord(Ina219Registers.BUS, "the bus voltage register");
            short current = (short) readWord(Ina219Registers.CURRENT, "the current register");
            int power = readWord(Ina219Registers.POWER, "the power register");
            return new Reading(current * ampsPerCount, Ina219Registers.busVolts(bus), power * 20 * ampsPerCount,
                    Ina219Registers.overflow(bus));
        } catch (Ina219Exception e) {
            configured = false;
            throw e;
        }
    }

    private void configure() {
        writeWord(Ina219Registers.CONFIG, Ina219Registers.RESET, "resetting the chip");
        writeWord(Ina219Registers.CALIBRATION, calibration, "writing the calibration register");
        writeWord(Ina219Registers.CONFIG, config, "writing the config register");
        int readConfig = readWord(Ina219Registers.CONFIG, "the config register");
        int readCalibration = readWord(Ina219Registers.CALIBRATION, "the calibration register");
        if (readConfig != config || readCalibration != calibration) {
            throw new Ina219Exception(String.format("%s: config and calibration read back 0x%04X 0x%04X after 0x%04X"
                    + " 0x%04X were written: another chip answers at this address, or the INA219 is faulty; check"
                    + " the part number and the A0/A1 jumpers", part, readConfig, readCalibration, config,
                    calibration), null);
        }
        awaitFirstConversion();
        configured = true;
    }

    private void awaitFirstConversion() {
        Instant started = clock.instant();
        Instant deadline = started.plus(CONVERSION.multipliedBy(2)).plus(DEADLINE_MARGIN);
        wait.await(CONVERSION);
        int bus = readWord(Ina219Registers.BUS, "the bus voltage register");
        for (long polls = 1; !Ina219Registers.conversionReady(bus); polls++) {
            if (polls >= MAX_POLLS || clock.instant().isAfter(deadline)) {
                // the clock may have jumped past the deadline between the last poll and now: ask once more
                bus = readWord(Ina219Registers.BUS, "the bus voltage register");
                if (Ina219Registers.conversionReady(bus)) {
                    return;
                }
                throw new Ina219Exception(String.format("%s: no conversion finished %.1f ms and %d polls after it was"
                        + " configured (one takes %.1f ms): the chip is not converting; check its supply (VCC"
                        + " 3.0-5.5 V) and power-cycle it", part, Duration.between(started, clock.instant()).toNanos()
                        / 1e6, polls, CONVERSION.toNanos() / 1e6), null);
            }
            Thread.onSpinWait();
            bus = readWord(Ina219Registers.BUS, "the bus voltage register");
        }
    }

    private void writeWord(int register, int value, String doing) {
        try {
            i2c.writeRegister(register, new byte[] {(byte) (value >> 8), (byte) value});
        } catch (Pi4JException e) {
            throw noAnswer(doing, e);
        }
    }

    private int readWord(int register, String what) {
        byte[] b = new byte[2];
        int n;
        try {
            n = i2c.readRegister(register, b);
        } catch (Pi4JException e) {
            throw noAnswer("reading " + what, e);
        }
        if (n != 2) {
            throw new Ina219Exception(String.format("%s: reading %s returned %d bytes instead of 2: check the wiring"
                    + " (SDA, SCL) and the pull-up resistors", part, what, n), null);
        }
        return Ina219Registers.word(b[0], b[1]);
    }

    private Ina219Exception noAnswer(String doing, Pi4JException e) {
        return new Ina219Exception(String.format("%s did not answer when %s (%s): check its wiring (VCC 3.3 V, GND,"
                + " SDA to GPIO2, SCL to GPIO3) and its A0/A1 jumpers (address 0x40 + 4 x A1 + A0, each GND 0, VS 1,"
                + " SDA 2, SCL 3)", part, doing, RootCause.message(e)), e);
    }

    private static String hex(int word) {
        return String.format("%04X", word);
    }

    /** Releases the I2C device (it may be opened again; the chip keeps converting). */
    @Override
    public void close() {
        try {
            pi4j.shutdown(i2c.id());
        } catch (RuntimeException e) {
            // closing a device whose bus is gone changes nothing for the caller
        }
    }
}
