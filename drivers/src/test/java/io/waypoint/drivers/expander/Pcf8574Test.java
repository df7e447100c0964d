package io.waypoint.drivers.expander;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.context.Context;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.kiosk.Pcf8574Chip;
import io.waypoint.time.ManualScheduler;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against the emulated expander, through Pi4J and the hal-sim plugin. */
class Pcf8574Test {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private final ManualScheduler time = new ManualScheduler(T0);
    private final AtomicInteger onPins = new AtomicInteger(-1);
    private final AtomicInteger pressed = new AtomicInteger(); // buttons to ground: a mask
    private final Pcf8574Chip lights = new Pcf8574Chip(time.clock(), Pcf8574Chip.MAX_BUS_HZ, (at, levels) -> onPins.set(levels));
    private final Pcf8574Chip buttons = new Pcf8574Chip(time.clock(), Pcf8574Chip.MAX_BUS_HZ, (at, levels) -> {}, at -> pressed.get());
    private final SimBoard board = SimBoard.builder(time).i2c(1, 0x21, lights).i2c(1, 0x22, buttons).build();
    private final Context pi4j = SimBoards.pi4jContext(board);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    @Test
    void openingReleasesEveryPinSoNoLedLightsAndEveryButtonCanBeRead() {
        Pcf8574 p = Pcf8574.open(pi4j, 1, 0x21, "port lights");
        assertThat(onPins.get()).isEqualTo(0xFF);
        assertThat(p.latch()).isEqualTo(0xFF);
    }

    @Test
    void settingOnePinKeepsTheOthersAsLastWritten() {
        Pcf8574 p = Pcf8574.open(pi4j, 1, 0x21, "port lights");
        p.write(0b1111_0000);
        p.set(0, false);
        assertThat(onPins.get()).isEqualTo(0b1111_0000);
        p.set(7, false);
        assertThat(onPins.get()).isEqualTo(0b0111_0000);
        p.set(4, true);
        assertThat(onPins.get()).isEqualTo(0b0111_0000);
        p.set(0, true);
        assertThat(onPins.get()).isEqualTo(0b0111_0001);
        assertThat(p.latch()).isEqualTo(0b0111_0001);
    }

    @Test
    void aPressedButtonReadsLowOnlyOnItsOwnPin() {
        Pcf8574 p = Pcf8574.open(pi4j, 1, 0x22, "port buttons");
        assertThat(p.read()).isEqualTo(0xFF);
        pressed.set(1 << 2);
        assertThat(p.read()).isEqualTo(0xFF & ~(1 << 2));
        pressed.set((1 << 2) | (1 << 6));
        assertThat(p.read()).isEqualTo(0xFF & ~((1 << 2) | (1 << 6)));
        pressed.set(0);
        assertThat(p.read()).isEqualTo(0xFF);
    }

    @Test
    void aPinDrivenLowReadsLowWhateverIsWiredToIt() {
        Pcf8574 p = Pcf8574.open(pi4j, 1, 0x22, "port buttons");
        p.set(3, false); // quasi-bidirectional: a pin written 0 is an output, not an input
        assertThat(p.read() & (1 << 3)).isZero();
    }

    @Test
    void aMissingChipIsNamedWithItsAddressAndWhatToCheck() {
        assertThatThrownBy(() -> Pcf8574.open(pi4j, 1, 0x25, "port buttons")).isInstanceOf(Pcf8574.ExpanderException.class)
                .hasMessageContaining("port buttons at I2C bus 1 address 0x25").hasMessageContaining("address jumpers");
    }

    @Test
    void onlyPinsZeroToSevenExist() {
        Pcf8574 p = Pcf8574.open(pi4j, 1, 0x21, "port lights");
        assertThatThrownBy(() -> p.set(8, true)).hasMessageContaining("pins 0-7");
    }
}
