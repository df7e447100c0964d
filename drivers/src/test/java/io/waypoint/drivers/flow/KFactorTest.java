package io.waypoint.drivers.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class KFactorTest {
    private static final KFactor YF_S201 = KFactor.bands(List.of(new KFactor.Band(12, 451), new KFactor.Band(2, 480)));

    @Test
    void aConstantKIsTheSameAtEveryFlow() {
        KFactor k = KFactor.of(450);

        assertThat(k.pulsesPerLitre(0)).isEqualTo(450);
        assertThat(k.pulsesPerLitre(25)).isEqualTo(450);
        assertThat(k.lpmAt(7.5)).isEqualTo(1.0);
    }

    @Test
    void bandsInterpolateBetweenFlowsAndHoldBeyondThem() {
        assertThat(YF_S201.bands()).extracting(KFactor.Band::lpm).containsExactly(2.0, 12.0);
        assertThat(YF_S201.pulsesPerLitre(1)).isEqualTo(480);
        assertThat(YF_S201.pulsesPerLitre(7)).isEqualTo(465.5);
        assertThat(YF_S201.pulsesPerLitre(30)).isEqualTo(451);
    }

    @Test
    void flowForAPulseRateAccountsForTheBandItFallsIn() {
        // 12 L/min at 451 p/L is 90.2 Hz; 2 L/min at 480 p/L is 16 Hz
        assertThat(YF_S201.lpmAt(90.2)).isCloseTo(12.0, within(1e-6));
        assertThat(YF_S201.lpmAt(16)).isCloseTo(2.0, within(1e-6));
        double hz = 7.0 / 60 * 465.5;
        assertThat(YF_S201.lpmAt(hz)).isCloseTo(7.0, within(1e-6));
        assertThat(YF_S201.lpmAt(0)).isZero();
    }

    @Test
    void refusesImplausibleValuesAndDuplicateBands() {
        assertThatThrownBy(() -> KFactor.of(4.5)).hasMessageContaining("outside 10.0-10000.0");
        assertThatThrownBy(() -> KFactor.bands(List.of(new KFactor.Band(5, 450), new KFactor.Band(5, 460))))
                .hasMessageContaining("two K-factor bands at 5.0 L/min");
    }
}
