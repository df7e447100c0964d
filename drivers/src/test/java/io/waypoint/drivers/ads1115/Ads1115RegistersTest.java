package io.waypoint.drivers.ads1115;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.drivers.ads1115.Ads1115.DataRate;
import io.waypoint.drivers.ads1115.Ads1115.FullScale;
import io.waypoint.drivers.ads1115.Ads1115.Input;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Ads1115RegistersTest {

    @Test
    void singleShotConfigWordsMatchTheDatasheetBits() {
        assertThat(Ads1115Registers.singleShot(Input.AIN0, FullScale.FS_4_096_V, DataRate.SPS_128)).isEqualTo(0xC383);
        assertThat(Ads1115Registers.singleShot(Input.AIN3, FullScale.FS_6_144_V, DataRate.SPS_860)).isEqualTo(0xF1E3);
        assertThat(Ads1115Registers.singleShot(Input.AIN0_MINUS_AIN1, FullScale.FS_0_256_V, DataRate.SPS_8))
                .isEqualTo(0x8B03);
        assertThat(Ads1115Registers.singleShot(Input.AIN2_MINUS_AIN3, FullScale.FS_2_048_V, DataRate.SPS_250))
                .isEqualTo(0xB5A3);
    }

    @Test
    void codesAreSignedMostSignificantByteFirst() {
        assertThat(Ads1115Registers.code((byte) 0xF0, (byte) 0x60)).isEqualTo(-4000);
        assertThat(Ads1115Registers.code((byte) 0x7F, (byte) 0xFF)).isEqualTo(32767);
        assertThat(Ads1115Registers.code((byte) 0x80, (byte) 0x00)).isEqualTo(-32768);
    }

    @Test
    void oneLsbIsFullScaleOver32768() {
        assertThat(Ads1115Registers.volts(-4000, FullScale.FS_4_096_V)).isEqualTo(-0.5);
        assertThat(Ads1115Registers.volts(1, FullScale.FS_6_144_V)).isEqualTo(0.0001875);
        assertThat(Ads1115Registers.volts(32767, FullScale.FS_0_256_V)).isEqualTo(0.256 * 32767 / 32768);
    }

    @Test
    void osBitTellsWhetherAConversionRuns() {
        assertThat(Ads1115Registers.idle(0x8583)).isTrue();
        assertThat(Ads1115Registers.idle(0x0583)).isFalse();
    }

    @Test
    void conversionTimeIsOneOverTheDataRate() {
        assertThat(DataRate.SPS_128.conversionTime()).isEqualTo(Duration.ofNanos(7_812_500));
        assertThat(DataRate.SPS_8.conversionTime()).isEqualTo(Duration.ofMillis(125));
    }
}
