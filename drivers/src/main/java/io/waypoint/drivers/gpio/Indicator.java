package io.waypoint.drivers.gpio;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Objects;

/**
 * A light or relay on a GPIO output, named for what it is (the "do not drink" light), switched on
 * and off. It starts off, and Pi4J switches it off when the context shuts down; {@code activeHigh}
 * false is for parts wired to light when the pin is low (a LED to 3.3 V, most relay boards).
 *
 * <p>Thread-safe. A pin that cannot be driven is an {@link IllegalStateException} whose message
 * names the part, the pin and what to check.
 */
public final class Indicator implements AutoCloseable {
    private final Context pi4j;
    private final DigitalOutput output;
    private final String part;
    private final boolean activeHigh;
    private boolean on;

    private Indicator(Context pi4j, DigitalOutput output, String part, boolean activeHigh) {
        this.pi4j = pi4j;
        this.output = output;
        this.part = part;
        this.activeHigh = activeHigh;
    }

    /**
     * Opens BCM {@code pin} as the output driving {@code part}, switched off.
     *
     * @throws IllegalStateException naming the part and pin if the pin cannot be opened
     */
    public static Indicator open(Context pi4j, int pin, String part, boolean activeHigh) {
        Objects.requireNonNull(part, "part");
        DigitalState off = activeHigh ? DigitalState.LOW : DigitalState.HIGH;
        try {
            DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id("indicator-" + pin).name(part).address(pin).initial(off).shutdown(off).build());
            return new Indicator(pi4j, out, part, activeHigh);
        } catch (Pi4JException e) {
            throw new IllegalStateException(part + " on GPIO " + pin + ": the pin cannot be opened (" + e.getMessage()
                    + "): check the pin number in the config and that no other program or overlay uses it", e);
        }
    }

    /** What this indicator is, e.g. {@code do-not-drink light}. */
    public String part() {
        return part;
    }

    /** Switches the part on ({@code true}) or off. */
    public synchronized void set(boolean on) {
        try {
            output.state(on == activeHigh ? DigitalState.HIGH : DigitalState.LOW);
        } catch (Pi4JException e) {
            throw new IllegalStateException(part + " on GPIO " + output.address() + ": cannot switch it "
                    + (on ? "on" : "off") + " (" + e.getMessage() + "): check the GPIO driver and the wiring", e);
        }
        this.on = on;
    }

    public void on() {
        set(true);
    }

    public void off() {
        set(false);
    }

    /** Whether the part was last switched on. */
    public synchronized boolean isOn() {
        return on;
    }

    /** Switches the part off and releases the pin. */
    @Override
    public void close() {
        off();
        try {
            pi4j.shutdown(output.id());
        } catch (RuntimeException e) {
            // the context may already be shutting down, which switches it off too
        }
    }
}
