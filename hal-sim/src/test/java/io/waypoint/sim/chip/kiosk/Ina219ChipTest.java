package io.waypoint.sim.chip.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.sim.chip.I2cNack;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Ina219ChipTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    /** PGA /1 (±40 mV), 32 V bus range, 12-bit ADCs, shunt and bus continuous. */
    private static final int PGA1_CONTINUOUS = 0x219F;
    /** 12-bit shunt and bus: 532 µs each. */
    private static final Duration ONE_CONVERSION = Duration.ofNanos(1_064_000);

    private final ManualScheduler time = new ManualScheduler(T0);
    private final AtomicReference<Double> amps = new AtomicReference<>(0.0);
    private final AtomicReference<Double> volts = new AtomicReference<>(5.0);
    private final Ina219Chip chip = new Ina219Chip(time.clock(), 0.008, t -> amps.get(), t -> volts.get());

    private void writeRegister(int pointer, int value) {
        chip.write(new byte[] {(byte) pointer, (byte) (value >> 8), (byte) value});
    }

    private int readRegister(int pointer) {
        chip.write(new byte[] {(byte) pointer});
        byte[] b = chip.read(2);
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    private void convert() {
        time.advance(Duration.ofMillis(2));
    }

    @Test
    void powersOnWithTheDatasheetConfigAndNoCalibrationSoCurrentReadsZero() {
        amps.set(1.0);
        convert();

        assertThat(readRegister(Ina219Chip.CONFIG)).isEqualTo(0x399F);
        assertThat(readRegister(Ina219Chip.CALIBRATION)).isZero();
        assertThat((short) readRegister(Ina219Chip.SHUNT)).as("8 mV in 10 µV steps").isEqualTo((short) 800);
        assertThat(readRegister(Ina219Chip.CURRENT)).isZero();
        assertThat(readRegister(Ina219Chip.POWER)).isZero();
    }

    @Test
    void currentIsShuntTimesCalibrationOver4096TruncatedAndPowerIsCurrentTimesBusOver5000() {
        amps.set(1.0);
        writeRegister(Ina219Chip.CALIBRATION, 55924);
        convert();

        assertThat(readRegister(Ina219Chip.CURRENT)).isEqualTo(10922); // 800 × 55924 / 4096 = 10922.66
        assertThat(readRegister(Ina219Chip.BUS) >> 3).isEqualTo(1250); // 5 V / 4 mV
        assertThat(readRegister(Ina219Chip.POWER)).isEqualTo(2730); // 10922 × 1250 / 5000 = 2730.5
    }

    @Test
    void negativeCurrentIsTwosComplementAndTruncatesTowardZero() {
        amps.set(-1.0);
        writeRegister(Ina219Chip.CALIBRATION, 55924);
        convert();

        assertThat((short) readRegister(Ina219Chip.SHUNT)).isEqualTo((short) -800);
        assertThat((short) readRegister(Ina219Chip.CURRENT)).isEqualTo((short) -10922);
        assertThat(readRegister(Ina219Chip.POWER)).isEqualTo(2730);
    }

    @Test
    void aNewCalibrationShowsOnlyAfterTheNextConversion() {
        amps.set(1.0);
        convert();
        writeRegister(Ina219Chip.CALIBRATION, 4096);

        assertThat(readRegister(Ina219Chip.CURRENT)).isZero();
        convert();
        assertThat(readRegister(Ina219Chip.CURRENT)).isEqualTo(800);
    }

    @Test
    void calibrationBitZeroIsAlwaysZero() {
        writeRegister(Ina219Chip.CALIBRATION, 0x1235);

        assertThat(readRegister(Ina219Chip.CALIBRATION)).isEqualTo(0x1234);
    }

    @Test
    void theShuntVoltageClipsAtThePgaRange() {
        amps.set(10.0); // 80 mV
        convert();
        assertThat((short) readRegister(Ina219Chip.SHUNT)).as("PGA /8: ±320 mV").isEqualTo((short) 8000);

        writeRegister(Ina219Chip.CONFIG, PGA1_CONTINUOUS);
        convert();
        assertThat((short) readRegister(Ina219Chip.SHUNT)).as("PGA /1: ±40 mV").isEqualTo((short) 4000);
        amps.set(-10.0);
        convert();
        assertThat((short) readRegister(Ina219Chip.SHUNT)).isEqualTo((short) -4000);
    }

    @Test
    void aCurrentBeyondTheCalibratedRangeSetsOverflowAndClips() {
        amps.set(3.0);
        writeRegister(Ina219Chip.CALIBRATION, 55924); // 3.0 A full scale at 8 mΩ
        convert();
        assertThat(readRegister(Ina219Chip.BUS) & 1).as("OVF at 3.0 A").isZero();

        amps.set(3.2);
        convert();

        assertThat(readRegister(Ina219Chip.BUS) & 1).as("OVF at 3.2 A").isEqualTo(1);
        assertThat(readRegister(Ina219Chip.CURRENT)).isEqualTo(32767);
    }

    @Test
    void conversionReadyIsSetByAConversionAndClearedByReadingPowerOrWritingConfig() {
        assertThat(readRegister(Ina219Chip.BUS) & 2).as("at power-on").isZero();
        time.advance(ONE_CONVERSION.minusNanos(1));
        assertThat(readRegister(Ina219Chip.BUS) & 2).as("1 ns before the first conversion ends").isZero();
        time.advance(Duration.ofNanos(1));
        assertThat(readRegister(Ina219Chip.BUS) & 2).isEqualTo(2);

        readRegister(Ina219Chip.POWER);
        assertThat(readRegister(Ina219Chip.BUS) & 2).as("after reading power").isZero();
        time.advance(ONE_CONVERSION);
        assertThat(readRegister(Ina219Chip.BUS) & 2).isEqualTo(2);

        writeRegister(Ina219Chip.CONFIG, 0x399F);
        assertThat(readRegister(Ina219Chip.BUS) & 2).as("after writing config").isZero();
    }

    @Test
    void inputsAreSampledAtTheEndOfEachConversionAndHeldUntilTheNext() {
        Instant doubled = T0.plus(ONE_CONVERSION).plusNanos(1);
        Ina219Chip stepping = new Ina219Chip(time.clock(), 0.008, t -> t.isBefore(doubled) ? 1.0 : 2.0, t -> 5.0);
        time.advance(ONE_CONVERSION.multipliedBy(2).minusNanos(1));
        stepping.write(new byte[] {Ina219Chip.SHUNT});

        assertThat(stepping.read(2)).containsExactly(0x03, 0x20); // 800
        time.advance(Duration.ofNanos(1));
        assertThat(stepping.read(2)).containsExactly(0x06, 0x40); // 1600
    }

    @Test
    void theResetBitRestoresPowerOnValuesAndReadsZero() {
        writeRegister(Ina219Chip.CALIBRATION, 55924);
        writeRegister(Ina219Chip.CONFIG, PGA1_CONTINUOUS);

        writeRegister(Ina219Chip.CONFIG, 0x8000 | PGA1_CONTINUOUS);

        assertThat(readRegister(Ina219Chip.CONFIG)).isEqualTo(0x399F);
        assertThat(readRegister(Ina219Chip.CALIBRATION)).isZero();
    }

    @Test
    void aTriggeredModeConvertsOncePerConfigWrite() {
        amps.set(1.0);
        writeRegister(Ina219Chip.CONFIG, 0x399B); // shunt and bus, triggered
        time.advance(Duration.ofSeconds(1));
        assertThat(readRegister(Ina219Chip.SHUNT)).isEqualTo(800);
        amps.set(2.0);
        time.advance(Duration.ofSeconds(1));

        assertThat(readRegister(Ina219Chip.SHUNT)).isEqualTo(800);
        assertThat(chip.conversionsCompleted()).isEqualTo(1);
        writeRegister(Ina219Chip.CONFIG, 0x399B);
        convert();
        assertThat(readRegister(Ina219Chip.SHUNT)).isEqualTo(1600);
    }

    @Test
    void powerDownKeepsTheLastValues() {
        amps.set(1.0);
        convert();
        writeRegister(Ina219Chip.CONFIG, 0x3998);
        amps.set(2.0);
        long before = chip.conversionsCompleted();
        time.advance(Duration.ofSeconds(1));

        assertThat(readRegister(Ina219Chip.SHUNT)).isEqualTo(800);
        assertThat(chip.conversionsCompleted()).isEqualTo(before);
    }

    @Test
    void lowerAdcResolutionGivesCoarserSteps() {
        amps.set(0.0113); // 90.4 µV: 9 LSBs at 12 bits
        writeRegister(Ina219Chip.CONFIG, 0x3987); // shunt ADC 9 bits (SADC 0000), bus 12 bits
        convert();
        assertThat(readRegister(Ina219Chip.SHUNT)).as("9 bits: steps of 8").isEqualTo(8);

        writeRegister(Ina219Chip.CONFIG, 0x399F);
        convert();
        assertThat(readRegister(Ina219Chip.SHUNT)).as("12 bits").isEqualTo(9);
    }

    @Test
    void busVoltageClipsAtTheSixteenVoltRange() {
        volts.set(20.0);
        writeRegister(Ina219Chip.CONFIG, 0x199F); // BRNG 0: 16 V
        convert();

        assertThat(readRegister(Ina219Chip.BUS) >> 3).isEqualTo(4000);
    }

    @Test
    void aConversionTakesTheAdcTime() {
        assertThat(Ina219Chip.adcMicros(0x3)).isEqualTo(532);
        assertThat(Ina219Chip.adcMicros(0x0)).isEqualTo(84);
        assertThat(Ina219Chip.adcMicros(0xF)).isEqualTo(68_100);
        writeRegister(Ina219Chip.CONFIG, 0x3FFF); // 128 samples on both: 136.2 ms
        time.advance(Duration.ofMillis(136));
        assertThat(readRegister(Ina219Chip.BUS) & 2).isZero();
        time.advance(Duration.ofMillis(1));
        assertThat(readRegister(Ina219Chip.BUS) & 2).isEqualTo(2);
    }

    @Test
    void aPointerBeyondTheCalibrationRegisterIsNotAcknowledged() {
        assertThatThrownBy(() -> chip.write(new byte[] {6})).isInstanceOf(I2cNack.class).hasMessageContaining("0x06");
    }

    @Test
    void readOnlyRegistersIgnoreWrites() {
        amps.set(1.0);
        convert();
        writeRegister(Ina219Chip.SHUNT, 0x1234);

        assertThat(readRegister(Ina219Chip.SHUNT)).isEqualTo(800);
    }
}
