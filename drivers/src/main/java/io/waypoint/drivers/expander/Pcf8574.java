package io.waypoint.drivers.expander;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.Objects;

/**
 * A PCF8574 8-bit I/O expander on I2C (0x20–0x27, or 0x38–0x3F for the A variant): eight
 * quasi-bidirectional pins, each either driven low or released high through a weak pull-up. A pin
 * released high is also an input: a button to ground pulls it low, and a read sees that. So the
 * chip has one byte of state: what we last wrote; reads return the pins' actual levels.
 *
 * <p>The kiosk uses two: one for the port LEDs (outputs) and one for the port buttons (inputs,
 * polled), which keeps the Pi's GPIO for the relays and the keypad.
 */
public final class Pcf8574 implements AutoCloseable {
    private final I2C i2c;
    private final String part;
    private int latch = 0xFF; // power-on: all pins released high

    private Pcf8574(I2C i2c, String part) {
        this.i2c = i2c;
        this.part = part;
    }

    /**
     * Opens the expander and releases every pin (all inputs / outputs high).
     *
     * @throws ExpanderException naming the part, bus and address, and what to check
     */
    public static Pcf8574 open(Context pi4j, int bus, int address, String part) {
        Objects.requireNonNull(part, "part");
        String id = String.format("pcf8574-%d-%02x", bus, address);
        try {
            I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).name(part).bus(bus).device(address).build());
            Pcf8574 p = new Pcf8574(i2c, String.format("%s (PCF8574 at I2C bus %d address 0x%02x)", part, bus, address));
            p.write(0xFF);
            return p;
        } catch (RuntimeException e) {
            throw new ExpanderException(String.format("%s at I2C bus %d address 0x%02x cannot be opened (%s): check its "
                    + "wiring (SDA, SCL, 3.3 V, GND), its address jumpers A0-A2, and that I2C is enabled", part, bus, address,
                    e.getMessage()), e);
        }
    }

    /** Drives every pin: bit i high releases pin i (input or high output), low pulls it down. */
    public synchronized void write(int value) {
        int v = value & 0xFF;
        try {
            i2c.write((byte) v);
        } catch (RuntimeException e) {
            throw new ExpanderException(part + ": write of 0x" + Integer.toHexString(v) + " failed (" + e.getMessage()
                    + "): check the I2C wiring", e);
        }
        latch = v;
    }

    /** Sets one pin, keeping the others as last written. */
    public synchronized void set(int pin, boolean high) {
        checkPin(pin);
        write(high ? latch | (1 << pin) : latch & ~(1 << pin));
    }

    /** The pins' levels now (a button to ground reads 0 while pressed, if its pin was released high). */
    public synchronized int read() {
        try {
            return i2c.read() & 0xFF;
        } catch (RuntimeException e) {
            throw new ExpanderException(part + ": read failed (" + e.getMessage() + "): check the I2C wiring", e);
        }
    }

    /** What was last written. */
    public synchronized int latch() {
        return latch;
    }

    public String part() {
        return part;
    }

    private static void checkPin(int pin) {
        if (pin < 0 || pin > 7) {
            throw new IllegalArgumentException("a PCF8574 has pins 0-7, not " + pin);
        }
    }

    @Override
    public void close() {
        i2c.close();
    }

    /** The expander cannot be reached. */
    public static final class ExpanderException extends RuntimeException {
        ExpanderException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
