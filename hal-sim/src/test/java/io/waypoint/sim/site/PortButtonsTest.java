package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortButtonsTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void aPressReadsLowOnItsPortsBitWhileHeldAndIsToldToTheListener() {
        List<String> told = new ArrayList<>();
        PortButtons buttons = new PortButtons(8, (port, from) -> told.add(port + " at " + from));
        buttons.press(3, T0.plusSeconds(1), Duration.ofMillis(200));

        assertThat(buttons.heldLow(T0)).isZero();
        assertThat(buttons.heldLow(T0.plusMillis(1100))).isEqualTo(0b100);
        assertThat(buttons.heldLow(T0.plusMillis(1250))).isZero();
        assertThat(told).containsExactly("3 at " + T0.plusSeconds(1));
    }

    @Test
    void aPressNoReadFellInIsSeenOnceByTheFirstReadAfterIt() {
        PortButtons buttons = new PortButtons(8);
        buttons.press(5, T0.plusSeconds(1), Duration.ofMillis(200));

        // the kiosk's poll came late: a simulated second after the press was over
        assertThat(buttons.heldLow(T0.plusMillis(2200))).as("held until read").isEqualTo(0b1_0000);
        assertThat(buttons.heldLow(T0.plusMillis(2250))).as("then released").isZero();
    }
}
