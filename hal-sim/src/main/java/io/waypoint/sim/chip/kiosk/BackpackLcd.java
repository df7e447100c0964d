package io.waypoint.sim.chip.kiosk;

import io.waypoint.sim.chip.I2cDevice;
import java.time.Clock;
import java.util.List;

/**
 * A character LCD module with the common PCF8574 I2C backpack (at 0x27 or 0x3F on most boards):
 * P0 RS, P1 RW, P2 E, P3 backlight (high = on, through a transistor), P4–P7 D4–D7 of an
 * {@link Hd44780Display}. What tests and the kiosk demo read: the text on the glass and whether the
 * backlight is on. Thread-safe.
 */
public final class BackpackLcd implements I2cDevice {
    static final int RS = 0x01;
    static final int RW = 0x02;
    static final int E = 0x04;
    static final int BACKLIGHT = 0x08;

    private final Hd44780Display display;
    private final Pcf8574Chip port;

    /** A {@code columns × rows} module on a 100 kHz bus, just powered on (backlight on, as the port's pins are all high). */
    public BackpackLcd(Clock clock, int columns, int rows) {
        this(clock, columns, rows, Pcf8574Chip.MAX_BUS_HZ);
    }

    /** A {@code columns × rows} module on a bus clocked at {@code busHz}. */
    public BackpackLcd(Clock clock, int columns, int rows, int busHz) {
        this.display = new Hd44780Display(columns, rows);
        this.port = new Pcf8574Chip(clock, busHz, (at, pins) ->
                display.pins(at, (pins & RS) != 0, (pins & RW) != 0, (pins & E) != 0, pins >> 4));
        int p = Pcf8574Chip.POWER_ON_PINS;
        display.pins(clock.instant(), (p & RS) != 0, (p & RW) != 0, (p & E) != 0, p >> 4);
    }

    /** What the glass shows, one string per row (custom characters as {@link Hd44780Display#marker}s). */
    public List<String> text() {
        return display.text();
    }

    /** Whether the backlight is on. */
    public boolean backlightOn() {
        return (port.pins() & BACKLIGHT) != 0;
    }

    /** The controller and glass, for what {@link #text()} does not say (codes, custom glyphs, lost writes). */
    public Hd44780Display display() {
        return display;
    }

    @Override
    public void write(byte[] data) {
        port.write(data);
    }

    @Override
    public byte[] read(int length) {
        return port.read(length);
    }
}
