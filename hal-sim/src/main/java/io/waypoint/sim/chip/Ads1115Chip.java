package io.waypoint.sim.chip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A TI ADS1115 16-bit ADC at register level, on simulated time.
 *
 * <p>What it does, as the datasheet says:
 * <ul>
 *   <li>A write transaction's first byte is the address pointer (0 conversion, 1 config, 2 Lo_thresh,
 *       3 Hi_thresh); the next two bytes, MSB first, are the new register value. A read transaction
 *       returns the register the pointer names, MSB first.</li>
 *   <li>Config powers on as {@code 0x8583}. OS reads 0 while a conversion runs and 1 when idle.
 *       Writing OS = 1 in single-shot mode (MODE = 1) while idle starts one conversion that takes
 *       1/DR of simulated time; the conversion register changes only when it ends (an early read
 *       returns the previous result). Writing OS = 1 during a conversion has no effect.</li>
 *   <li>Continuous mode (MODE = 0) converts back to back every 1/DR; OS then always reads 0.</li>
 *   <li>The result is the voltage selected by MUX (AINp − AINn, or AINx − GND), sampled at the end of
 *       the conversion, as a signed 16-bit code of full-scale/32768 per LSB (PGA 101–111 all mean
 *       ±0.256 V), rounded to the nearest code and clipped at 0x7FFF / 0x8000.</li>
 *   <li>The threshold registers are plain storage (reset 0x8000 / 0x7FFF); the comparator and the
 *       ALERT/RDY pin are not emulated.</li>
 * </ul>
 *
 * <p>Where the datasheet is silent, the emulation chooses:
 * <ul>
 *   <li>a pointer byte with any of bits 7:2 set (reserved, "always write 0") is not acknowledged
 *       ({@link I2cNack}), so a driver writing a wrong register number fails loudly;</li>
 *   <li>a write of the pointer and a single data byte sets the pointer and leaves the register
 *       unchanged (the chip latches a register on its second data byte); bytes after the second data
 *       byte are acknowledged and ignored;</li>
 *   <li>writes to the read-only conversion register are acknowledged and ignored;</li>
 *   <li>a read longer than two bytes returns 0xFF after the second byte (nobody drives SDA).</li>
 * </ul>
 * Inputs are ideal: no ADC noise, no input clamping (model a 3.3 V supply in the sources if needed).
 */
public final class Ads1115Chip implements I2cDevice {
    /** Config register value after power-on and after a general-call reset. */
    public static final int POWER_ON_CONFIG = 0x8583;

    private static final int OS = 0x8000;
    private static final int MODE_SINGLE_SHOT = 0x0100;
    private static final double[] FULL_SCALE = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
    private static final int[] SAMPLES_PER_SECOND = {8, 16, 32, 64, 128, 250, 475, 860};

    private final Clock clock;
    private final AnalogSource[] inputs = {AnalogSource.GROUND, AnalogSource.GROUND, AnalogSource.GROUND,
            AnalogSource.GROUND};

    private int pointer;
    private int config = POWER_ON_CONFIG & ~OS;
    private int loThresh = 0x8000;
    private int hiThresh = 0x7FFF;
    private short conversion;

    /** Set while a single-shot conversion runs: when it ends and the config it started with. */
    private Instant singleShotEnd;
    private int singleShotConfig;
    /** Set in continuous mode: when the first conversion started and the config it runs with. */
    private Instant continuousStart;
    private int continuousConfig;
    private long continuousLatched;

    private long conversionsCompleted;

    /** An ADS1115 whose conversions take time on {@code clock}; all four inputs at 0 V until connected. */
    public Ads1115Chip(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Connects {@code source} to input AIN{@code ain} (0–3). */
    public synchronized Ads1115Chip connect(int ain, AnalogSource source) {
        if (ain < 0 || ain > 3) {
            throw new IllegalArgumentException("ADS1115 inputs are AIN0-AIN3, not AIN" + ain);
        }
        inputs[ain] = Objects.requireNonNull(source, "source");
        return this;
    }

    /** How many conversions have ended since power-on (tests check a driver started one). */
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
        if ((p & 0xFC) != 0) {
            throw new I2cNack(String.format("ADS1115: pointer byte 0x%02X has reserved bits 7:2 set", p));
        }
        Instant now = clock.instant();
        settle(now);
        pointer = p;
        if (data.length < 3) {
            return;
        }
        int value = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        switch (pointer) {
            case 0 -> { } // read-only
            case 1 -> writeConfig(value, now);
            case 2 -> loThresh = value;
            default -> hiThresh = value;
        }
    }

    @Override
    public synchronized byte[] read(int length) {
        settle(clock.instant());
        int value = switch (pointer) {
            case 0 -> conversion & 0xFFFF;
            case 1 -> config | (busy() ? 0 : OS);
            case 2 -> loThresh;
            default -> hiThresh;
        };
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
        config = value & ~OS;
        if ((value & MODE_SINGLE_SHOT) == 0) {
            if (continuousStart == null) {
                continuousStart = now;
                continuousLatched = 0;
            }
            continuousConfig = config;
            return;
        }
        continuousStart = null;
        if ((value & OS) != 0 && singleShotEnd == null) {
            singleShotConfig = config;
            singleShotEnd = now.plus(conversionTime(config));
        }
    }

    private boolean busy() {
        return singleShotEnd != null || continuousStart != null;
    }

    /** Brings the registers up to {@code now}: ends a finished single-shot, latches continuous results. */
    private void settle(Instant now) {
        if (singleShotEnd != null && !now.isBefore(singleShotEnd)) {
            conversion = convert(singleShotConfig, singleShotEnd);
            conversionsCompleted++;
            singleShotEnd = null;
        }
        if (continuousStart != null) {
            long period = conversionTime(continuousConfig).toNanos();
            long done = Duration.between(continuousStart, now).toNanos() / period;
            if (done > continuousLatched) {
                conversion = convert(continuousConfig, continuousStart.plusNanos(done * period));
                conversionsCompleted += done - continuousLatched;
                continuousLatched = done;
            }
        }
    }

    private short convert(int cfg, Instant at) {
        int mux = (cfg >> 12) & 0x7;
        double volts = switch (mux) {
            case 0 -> inputs[0].volts(at) - inputs[1].volts(at);
            case 1 -> inputs[0].volts(at) - inputs[3].volts(at);
            case 2 -> inputs[1].volts(at) - inputs[3].volts(at);
            case 3 -> inputs[2].volts(at) - inputs[3].volts(at);
            default -> inputs[mux - 4].volts(at);
        };
        return code(volts, FULL_SCALE[(cfg >> 9) & 0x7]);
    }

    /** The output code for {@code volts} at a full scale of ±{@code fullScale}: nearest code, clipped. */
    static short code(double volts, double fullScale) {
        double c = Math.rint(volts / fullScale * 32768.0);
        return (short) Math.max(-32768, Math.min(32767, c));
    }

    static Duration conversionTime(int cfg) {
        return Duration.ofNanos(Math.round(1e9 / SAMPLES_PER_SECOND[(cfg >> 5) & 0x7]));
    }
}
