package io.waypoint.drivers.vedirect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VeDirectReadingTest {

    @Test
    void aYieldTooLargeForWattHoursReadsAsEmptyNotNegative() {
        // found by the fuzz harness: H20 = 2147483647 (0.01 kWh) gave -10 Wh
        assertThat(new VeDirectReading(Map.of("H20", "2147483647")).yieldTodayWh()).isEmpty();
        assertThat(new VeDirectReading(Map.of("H20", "214748364")).yieldTodayWh()).isEqualTo(OptionalInt.of(2147483640));
        assertThat(new VeDirectReading(Map.of("H20", "12")).yieldTodayWh()).isEqualTo(OptionalInt.of(120));
    }
}
