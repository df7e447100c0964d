package io.waypoint.sim.chip.kiosk;

import io.waypoint.sim.chip.I2cDevice;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An NXP/TI PCF8574 (or PCF8574A) I2C 8-bit I/O expander: a quasi-bidirectional port whose pins
 * follow the bytes written to it.
 *
 * <p>Each byte of a write transaction is latched onto P7–P0 at its acknowledge, so one transaction
 * of several bytes steps the pins through each in turn, spaced by the bus: a byte is 9 clocks (8
 * bits and the acknowledge), so byte {@code k} of a transaction (after the address byte) lands
 * {@code (k + 2) × 9} clocks after the transaction starts: 90 µs per byte at the chip's maximum of
 * 100 kHz. The port powers on with every pin high (weak pull-up).
 *
 * <p>Bus time: on a board a driver's write returns once its bytes are on the wire, so its clock has
 * moved by the transaction's length; here it returns at once. So the emulation keeps the bus time
 * itself: a transaction starts at the clock's now plus the length of every transaction before it,
 * as if each had held the caller that long. Between two transactions, then, there is exactly the
 * earlier one's length plus whatever time the caller let pass on its clock, as on a board; the
 * instants given to the listener run ahead of the clock by the bus time spent so far.
 *
 * <p>A read returns the pins' levels. A pin written 0 is driven low; a pin written 1 is held high
 * only by the weak pull-up, so it is also an input: whatever is wired to pull it low from outside
 * ({@link Inputs}: a button to ground) makes it read 0 while it does. With no inputs wired, a read
 * returns the last byte written. Thread-safe; the listener is called in order, under the chip's lock.
 */
public final class Pcf8574Chip implements I2cDevice {
    /** The pins after power-on: all high. */
    public static final int POWER_ON_PINS = 0xFF;
    /** The PCF8574's fastest I2C clock. */
    public static final int MAX_BUS_HZ = 100_000;

    /** What the port drives: told each new pin state, at the instant it appears on the pins. */
    @FunctionalInterface
    public interface PinListener {
        void pins(Instant at, int levels);
    }

    /** What is wired to the pins from outside: which of them it pulls low at an instant. */
    @FunctionalInterface
    public interface Inputs {
        /** Nothing wired to the pins. */
        Inputs NONE = at -> 0;

        /** The pins pulled low at {@code at}, as a mask (bit i: pin Pi). */
        int heldLow(Instant at);
    }

    private final Clock clock;
    private final long nanosPerByte;
    private final PinListener listener;
    private final Inputs inputs;
    private int latch = POWER_ON_PINS;
    /** Bus time of every transaction so far: how far this chip's time runs ahead of the clock. */
    private long busNanos;

    /** A PCF8574 on a bus clocked at {@code busHz}, whose pins drive {@code listener}. */
    public Pcf8574Chip(Clock clock, int busHz, PinListener listener) {
        this(clock, busHz, listener, Inputs.NONE);
    }

    /**
     * A PCF8574 on a bus clocked at {@code busHz}, whose pins drive {@code listener} and read what
     * {@code inputs} pull low (at the clock's instant of each read).
     */
    public Pcf8574Chip(Clock clock, int busHz, PinListener listener, Inputs inputs) {
        if (busHz <= 0) {
            throw new IllegalArgumentException("the I2C clock must be positive, was " + busHz + " Hz");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanosPerByte = Math.round(9e9 / busHz);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    /** The pins now. */
    public synchronized int pins() {
        return latch;
    }

    @Override
    public synchronized void write(byte[] data) {
        Instant start = clock.instant().plusNanos(busNanos);
        for (int k = 0; k < data.length; k++) {
            latch = data[k] & 0xFF;
            listener.pins(start.plusNanos((k + 2) * nanosPerByte), latch);
        }
        busNanos += (data.length + 1) * nanosPerByte;
    }

    @Override
    public synchronized byte[] read(int length) {
        busNanos += (length + 1) * nanosPerByte;
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) (latch & ~inputs.heldLow(clock.instant())));
        return out;
    }
}
