package io.waypoint.sim.chip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class Ads1115ChipTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    // OS=1 start, MODE=1 single-shot, COMP_QUE=11; MUX, PGA and DR vary
    private static final int AIN0_4V096_128SPS = 0xC383;
    private static final int AIN0_2V048_128SPS = 0xC583;
    private static final int AIN0_6V144_860SPS = 0xC1E3;

    private final ManualScheduler time = new ManualScheduler(T0);
    private final AtomicReference<Double> ain0 = new AtomicReference<>(0.0);
    private final Ads1115Chip chip = new Ads1115Chip(time.clock()).connect(0, t -> ain0.get());

    private void writeRegister(int pointer, int value) {
        chip.write(new byte[] {(byte) pointer, (byte) (value >> 8), (byte) value});
    }

    private int readRegister(int pointer) {
        chip.write(new byte[] {(byte) pointer});
        byte[] b = chip.read(2);
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    private int convert(int config) {
        writeRegister(1, config);
        time.advance(Duration.ofSeconds(1));
        return (short) readRegister(0);
    }

    @Test
    void powersOnWithTheDatasheetConfigAndAnEmptyResult() {
        assertThat(readRegister(1)).isEqualTo(0x8583);
        assertThat(readRegister(0)).isZero();
        assertThat(readRegister(2)).isEqualTo(0x8000);
        assertThat(readRegister(3)).isEqualTo(0x7FFF);
    }

    @Test
    void singleShotTakesOneOverTheDataRateAndOnlyThenUpdatesTheResult() {
        ain0.set(1.0);
        writeRegister(1, AIN0_4V096_128SPS);

        assertThat(readRegister(1) & 0x8000).as("OS while converting").isZero();
        time.advance(Duration.ofNanos(7_812_499));
        assertThat(readRegister(1) & 0x8000).as("OS 1 ns before 1/128 s").isZero();
        assertThat(readRegister(0)).as("result before the end").isZero();
        time.advance(Duration.ofNanos(1));
        assertThat(readRegister(1)).as("OS set, rest of config as written").isEqualTo(AIN0_4V096_128SPS);
        assertThat(readRegister(0)).isEqualTo(8000);
        assertThat(chip.conversionsCompleted()).isEqualTo(1);
    }

    @Test
    void conversionTimeFollowsTheDataRate() {
        writeRegister(1, AIN0_6V144_860SPS);
        time.advance(Duration.ofNanos(1_162_790));
        assertThat(readRegister(1) & 0x8000).isZero();
        time.advance(Duration.ofNanos(1));
        assertThat(readRegister(1) & 0x8000).isNotZero();

        writeRegister(1, 0xC303); // AIN0, ±4.096 V, 8 SPS
        time.advance(Duration.ofMillis(124));
        assertThat(readRegister(1) & 0x8000).isZero();
        time.advance(Duration.ofMillis(1));
        assertThat(readRegister(1) & 0x8000).isNotZero();
    }

    @Test
    void samplesTheInputAtTheEndOfTheConversion() {
        ain0.set(0.5);
        writeRegister(1, AIN0_4V096_128SPS);
        ain0.set(1.5);
        time.advance(Duration.ofMillis(8));

        assertThat(readRegister(0)).isEqualTo(12000);
    }

    @Test
    void withoutStartingAConversionTheResultStaysStale() {
        ain0.set(1.0);
        assertThat(convert(AIN0_4V096_128SPS)).isEqualTo(8000);
        ain0.set(2.0);
        writeRegister(1, AIN0_4V096_128SPS & ~0x8000); // config written, OS not set
        time.advance(Duration.ofSeconds(1));

        assertThat((short) readRegister(0)).isEqualTo((short) 8000);
    }

    @Test
    void writingOsDuringAConversionDoesNotRestartIt() {
        writeRegister(1, AIN0_4V096_128SPS);
        time.advance(Duration.ofMillis(5));
        writeRegister(1, AIN0_4V096_128SPS);
        time.advance(Duration.ofNanos(2_812_500));

        assertThat(readRegister(1) & 0x8000).isNotZero();
    }

    @Test
    void resultIsSignedFullScaleOver32768PerLsb() {
        ain0.set(-0.5);
        assertThat(convert(AIN0_4V096_128SPS)).isEqualTo(-4000);
        ain0.set(1.0);
        assertThat(convert(AIN0_2V048_128SPS)).isEqualTo(16000);
        assertThat(convert(AIN0_6V144_860SPS)).isEqualTo(5333); // 1.0 / 187.5 µV = 5333.3
        assertThat(convert(0xCB83)).as("PGA 101").isEqualTo(32767);
        ain0.set(0.1);
        assertThat(convert(0xCF83)).as("PGA 111 is ±0.256 V too").isEqualTo(12800);
    }

    @Test
    void clipsAtFullScale() {
        ain0.set(5.0);
        assertThat(convert(AIN0_4V096_128SPS)).isEqualTo(32767);
        ain0.set(-5.0);
        assertThat(convert(AIN0_4V096_128SPS)).isEqualTo(-32768);
    }

    @Test
    void muxSelectsSingleEndedAndDifferentialInputs() {
        chip.connect(1, t -> 0.25).connect(2, t -> 2.0).connect(3, t -> 0.5);
        ain0.set(1.0);

        assertThat(convert(0xD383)).as("AIN1-GND").isEqualTo(2000);
        assertThat(convert(0xE383)).as("AIN2-GND").isEqualTo(16000);
        assertThat(convert(0xF383)).as("AIN3-GND").isEqualTo(4000);
        assertThat(convert(0x8383)).as("AIN0-AIN1").isEqualTo(6000);
        assertThat(convert(0x9383)).as("AIN0-AIN3").isEqualTo(4000);
        assertThat(convert(0xA383)).as("AIN1-AIN3").isEqualTo(-2000);
        assertThat(convert(0xB383)).as("AIN2-AIN3").isEqualTo(12000);
    }

    @Test
    void bytesComeMostSignificantFirst() {
        ain0.set(0.1);
        convert(AIN0_4V096_128SPS); // 800 = 0x0320
        chip.write(new byte[] {0});

        assertThat(chip.read(2)).containsExactly(0x03, 0x20);
    }

    @Test
    void continuousModeConvertsBackToBackAndReportsBusy() {
        ain0.set(1.0);
        writeRegister(1, AIN0_4V096_128SPS & ~0x0100); // MODE=0
        time.advance(Duration.ofMillis(100));

        assertThat(readRegister(0)).isEqualTo(8000);
        assertThat(readRegister(1) & 0x8000).isZero();
        assertThat(chip.conversionsCompleted()).isEqualTo(12); // 100 ms / 7.8125 ms
        ain0.set(2.0);
        time.advance(Duration.ofMillis(8));
        assertThat(readRegister(0)).isEqualTo(16000);
    }

    @Test
    void aPointerWithReservedBitsSetIsNotAcknowledged() {
        assertThatThrownBy(() -> chip.write(new byte[] {0x10})).isInstanceOf(I2cNack.class)
                .hasMessageContaining("0x10");
    }

    @Test
    void aWriteWithOneDataByteLeavesTheRegisterUnchanged() {
        chip.write(new byte[] {1, (byte) 0xC3});

        assertThat(readRegister(1)).isEqualTo(0x8583);
        assertThat(chip.conversionsCompleted()).isZero();
    }

    @Test
    void theConversionRegisterIgnoresWrites() {
        writeRegister(0, 0x1234);

        assertThat(readRegister(0)).isZero();
    }

    @Test
    void thresholdRegistersKeepWhatIsWritten() {
        writeRegister(2, 0x0102);
        writeRegister(3, 0x7F00);

        assertThat(readRegister(2)).isEqualTo(0x0102);
        assertThat(readRegister(3)).isEqualTo(0x7F00);
    }

    @Test
    void readsBeyondTwoBytesGiveFFAndAOneByteReadGivesTheMsb() {
        chip.write(new byte[] {1});

        assertThat(chip.read(3)).containsExactly(0x85, 0x83, 0xFF);
        assertThat(chip.read(1)).containsExactly(0x85);
    }
}
