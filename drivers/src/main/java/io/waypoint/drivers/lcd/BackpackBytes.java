package io.waypoint.drivers.lcd;

import java.io.ByteArrayOutputStream;

/**
 * The bytes a PCF8574 backpack is written to clock an HD44780 in 4-bit mode, with the usual wiring:
 * P0 RS, P1 RW (kept low: the driver never reads), P2 E, P3 backlight, P4–P7 D4–D7.
 *
 * <p>A nibble is two port bytes: with E high, then the same with E low; the controller latches on
 * the falling edge, with the data held unchanged across it. A byte is its high nibble, then its low
 * nibble. On the bus each port byte takes 9 clocks (90 µs at 100 kHz), so the nibbles of one
 * transaction are spaced well beyond the controller's timing.
 */
final class BackpackBytes {
    static final int RS = 0x01;
    static final int E = 0x04;
    static final int BACKLIGHT = 0x08;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int backlight;

    BackpackBytes(boolean backlight) {
        this.backlight = backlight ? BACKLIGHT : 0;
    }

    /** The port with E low, nothing latched: how the backlight is switched. */
    BackpackBytes idle() {
        out.write(backlight);
        return this;
    }

    /** One E pulse with {@code nibble} on D7–D4, RS low: the steps of the 4-bit initialisation. */
    BackpackBytes nibble(int nibble) {
        pulse((nibble & 0xF) << 4);
        return this;
    }

    /** An instruction (RS low). */
    BackpackBytes instruction(int value) {
        pulse(value & 0xF0);
        pulse((value & 0x0F) << 4);
        return this;
    }

    /** A data byte (RS high): a character code, or a CGRAM row. */
    BackpackBytes data(int value) {
        pulse((value & 0xF0) | RS);
        pulse((value & 0x0F) << 4 | RS);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void pulse(int pins) {
        out.write(pins | backlight | E);
        out.write(pins | backlight);
    }
}
