package io.waypoint.sim.chip.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The expander as an input port: buttons to ground on pins released high. */
class Pcf8574ChipTest {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");

    private final ManualScheduler time = new ManualScheduler(T0);

    @Test
    void aPinHeldLowFromOutsideReadsZeroWhileReleasedHigh() {
        // a button on P2, pressed from T0 + 1 s for 200 ms
        Instant down = T0.plusSeconds(1);
        Pcf8574Chip chip = new Pcf8574Chip(time.clock(), Pcf8574Chip.MAX_BUS_HZ, (at, pins) -> { },
                at -> !at.isBefore(down) && at.isBefore(down.plusMillis(200)) ? 0b100 : 0);

        assertThat(chip.read(1)).containsExactly(0xFF);
        time.advance(Duration.ofMillis(1100));
        assertThat(chip.read(1)).containsExactly(0xFB);
        time.advance(Duration.ofMillis(200));
        assertThat(chip.read(1)).containsExactly(0xFF);
    }

    @Test
    void aPinWrittenLowReadsZeroWhateverIsWiredToIt() {
        Pcf8574Chip chip = new Pcf8574Chip(time.clock(), Pcf8574Chip.MAX_BUS_HZ, (at, pins) -> { }, at -> 0b1);

        chip.write(new byte[] {(byte) 0x7F});

        assertThat(chip.read(1)).containsExactly(0x7E);
        assertThat(chip.pins()).as("what the chip drives").isEqualTo(0x7F);
    }
}
