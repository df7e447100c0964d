package io.waypoint.drivers.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.waypoint.drivers.ads1115.Ads1115.DataRate;
import io.waypoint.drivers.ads1115.Ads1115.FullScale;
import io.waypoint.drivers.ads1115.Ads1115.Input;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.Ads1115Chip;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against the register-level emulation, through Pi4J and the hal-sim plugin. */
class Ads1115Test {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private final ManualScheduler time = new ManualScheduler(T0);
    private final AtomicReference<Double> ain0 = new AtomicReference<>(0.0);
    private final AtomicReference<Double> ain1 = new AtomicReference<>(0.0);
    private final Ads1115Chip chip = new Ads1115Chip(time.clock())
            .connect(0, t -> ain0.get()).connect(1, t -> ain1.get());
    private final SimBoard board = SimBoard.builder(time).i2c(1, 0x48, chip).i2c(1, 0x4A, new RegisterFile()).build();
    private final Context pi4j = SimBoards.pi4jContext(board);
    /** Lets simulated time pass while the driver waits: what a caller with a manual clock provides. */
    private final Ads1115.ConversionWait advance = time::advance;

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    private Ads1115 adc() {
        return Ads1115.open(pi4j, 1, 0x48, time.clock(), advance);
    }

    @Test
    void readsTheExactVoltageOfAnInput() {
        ain0.set(1.25);
        Ads1115 adc = adc();

        assertThat(adc.readCode(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128)).isEqualTo(10_000);
        assertThat(adc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128)).isEqualTo(1.25);
        assertThat(adc.readVolts(Input.AIN0, FullScale.FS_2_048_V, DataRate.SPS_860)).isEqualTo(1.25);
    }

    @Test
    void readsNegativeDifferentialVoltages() {
        ain0.set(0.5);
        ain1.set(1.0);

        assertThat(adc().readVolts(Input.AIN0_MINUS_AIN1, FullScale.FS_4_096_V, DataRate.SPS_128)).isEqualTo(-0.5);
    }

    @Test
    void clipsAtFullScaleAsTheChipDoes() {
        ain0.set(3.3);

        assertThat(adc().readCode(Input.AIN0, FullScale.FS_2_048_V, DataRate.SPS_128)).isEqualTo(32767);
    }

    @Test
    void everyReadIsAFreshConversionThatTakesOneOverTheDataRate() {
        Ads1115 adc = adc();
        ain0.set(1.0);
        assertThat(adc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_8)).isEqualTo(1.0);
        ain0.set(2.0);
        Instant before = time.now();

        assertThat(adc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_8)).isEqualTo(2.0);
        assertThat(Duration.between(before, time.now())).isEqualTo(Duration.ofMillis(125));
        assertThat(chip.conversionsCompleted()).isEqualTo(2);
    }

    @Test
    void spinsOnARunningClockWhenNoWaitIsGiven() {
        io.waypoint.time.Scheduler running = io.waypoint.time.Scheduler.scaled(T0, 1, "adc-test");
        try {
            Ads1115Chip realTime = new Ads1115Chip(running.clock()).connect(2, t -> 0.75);
            SimBoard b = SimBoard.builder(running).i2c(1, 0x49, realTime).build();
            Context c = SimBoards.pi4jContext(b);
            try {
                Ads1115 adc = Ads1115.open(c, 1, 0x49, running.clock());
                assertThat(adc.readVolts(Input.AIN2, FullScale.FS_4_096_V, DataRate.SPS_860)).isEqualTo(0.75);
            } finally {
                c.shutdown();
                b.close();
            }
        } finally {
            running.close();
        }
    }

    // What the emulation does to drivers with the usual bugs: each gives a value a test catches.

    @Test
    void aDriverReadingTheBytesLeastSignificantFirstGetsAnotherNumber() {
        ain0.set(0.5);
        ain1.set(1.0);
        I2C raw = rawI2c();
        raw.writeRegister(1, new byte[] {(byte) 0x83, (byte) 0x83});
        time.advance(Duration.ofMillis(10));
        byte[] b = new byte[2];
        raw.readRegister(0, b);

        int littleEndian = (short) (((b[1] & 0xFF) << 8) | (b[0] & 0xFF));
        assertThat(littleEndian).isNotEqualTo(-4000);
        assertThat(adc().readCode(Input.AIN0_MINUS_AIN1, FullScale.FS_4_096_V, DataRate.SPS_128)).isEqualTo(-4000);
    }

    @Test
    void aDriverWritingTheConfigLeastSignificantByteFirstMeasuresTheWrongInput() {
        ain0.set(1.25);
        ain1.set(0.3);
        I2C raw = rawI2c();
        raw.writeRegister(1, new byte[] {(byte) 0x83, (byte) 0xC3}); // 0xC383 swapped: MUX 000, AIN0 - AIN1
        time.advance(Duration.ofMillis(10));

        assertThat(raw.readRegisterWord(0)).isEqualTo(7600).isNotEqualTo(10_000);
    }

    @Test
    void aDriverReadingTheWrongRegisterGetsTheConfigInstead() {
        ain0.set(1.25);
        I2C raw = rawI2c();
        raw.writeRegister(1, new byte[] {(byte) 0xC3, (byte) 0x83});
        time.advance(Duration.ofMillis(10));

        assertThat(raw.readRegisterWord(1)).isNotEqualTo(10_000);
        assertThat(raw.readRegisterWord(0)).isEqualTo(10_000);
    }

    @Test
    void aDriverThatForgetsToStartAConversionReadsAStaleResult() {
        ain0.set(1.25);
        adc().readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128);
        ain0.set(2.5);
        I2C raw = rawI2c();
        raw.writeRegister(1, new byte[] {(byte) 0x43, (byte) 0x83}); // OS = 0
        time.advance(Duration.ofMillis(10));

        assertThat(raw.readRegisterWord(0)).isEqualTo(10_000);
    }

    @Test
    void aDriverThatReadsBeforeTheConversionEndsGetsThePreviousResult() {
        ain0.set(1.25);
        adc().readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128);
        ain0.set(2.5);
        I2C raw = rawI2c();
        raw.writeRegister(1, new byte[] {(byte) 0xC3, (byte) 0x83});
        time.advance(Duration.ofMillis(5));

        assertThat(raw.readRegisterWord(0)).isEqualTo(10_000);
        time.advance(Duration.ofMillis(3));
        assertThat(raw.readRegisterWord(0)).isEqualTo(20_000);
    }

    private I2C rawI2c() {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id("raw").bus(1).device(0x48).build());
    }

    // Failures a technician must be able to act on.

    @Test
    void aMissingChipIsReportedWithItsBusAddressAndJumper() {
        Ads1115 adc = Ads1115.open(pi4j, 1, 0x49, time.clock(), advance);

        assertThatThrownBy(() -> adc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128))
                .isInstanceOf(Ads1115Exception.class)
                .hasMessageStartingWith("ADS1115 at I2C bus 1 address 0x49 did not answer when writing the config register")
                .hasMessageContaining("ADDR jumper (GND 0x48, VDD 0x49, SDA 0x4A, SCL 0x4B)");
    }

    @Test
    void anAddressNoAds1115CanHaveIsRefused() {
        assertThatThrownBy(() -> Ads1115.open(pi4j, 1, 0x40, time.clock(), advance))
                .isInstanceOf(Ads1115Exception.class).hasMessageContaining("0x40").hasMessageContaining("0x48-0x4B");
    }

    @Test
    void aBusThatDoesNotExistPointsAtTheI2cSetting() {
        assertThatThrownBy(() -> Ads1115.open(pi4j, 7, 0x48, time.clock(), advance))
                .isInstanceOf(Ads1115Exception.class).hasMessageContaining("bus 7").hasMessageContaining("enable I2C");
    }

    @Test
    void anotherChipAtTheAddressIsNotTakenForAReading() {
        Ads1115 notAnAdc = Ads1115.open(pi4j, 1, 0x4A, time.clock(), advance);

        assertThatThrownBy(() -> notAnAdc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128))
                .isInstanceOf(Ads1115Exception.class).hasMessageContaining("config reads back 0xFFFF after 0xC383");
    }

    @Test
    void aConversionThatNeverEndsIsAnErrorNotAHang() {
        SimBoard stuckBoard = SimBoard.builder(time).i2c(1, 0x4B, new StuckConverting()).build();
        Context c = SimBoards.pi4jContext(stuckBoard);
        try {
            Ads1115 adc = Ads1115.open(c, 1, 0x4B, time.clock(), d -> time.advance(Duration.ofSeconds(1)));

            assertThatThrownBy(() -> adc.readVolts(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128))
                    .isInstanceOf(Ads1115Exception.class)
                    .hasMessageContaining("ADS1115 at I2C bus 1 address 0x4B: conversion not finished")
                    .hasMessageContaining("check its supply");
        } finally {
            c.shutdown();
        }
    }

    /** A chip that acknowledges everything and reads all ones (an EEPROM, a sensor of another kind). */
    private static final class RegisterFile implements I2cDevice {
        @Override
        public void write(byte[] data) { }

        @Override
        public byte[] read(int length) {
            byte[] b = new byte[length];
            java.util.Arrays.fill(b, (byte) 0xFF);
            return b;
        }
    }

    /** An ADS1115 whose conversion never ends: OS always reads 0. */
    private static final class StuckConverting implements I2cDevice {
        @Override
        public void write(byte[] data) { }

        @Override
        public byte[] read(int length) {
            return new byte[] {0x43, (byte) 0x83};
        }
    }
}
