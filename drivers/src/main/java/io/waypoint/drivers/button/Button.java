package io.waypoint.drivers.button;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.tinylog.Logger;

/**
 * A push button between a GPIO input and ground (a kiosk's "charge", "call", "language" buttons),
 * telling a {@link Listener} of each {@link Press}: down, long, up.
 *
 * <p>The pin is opened with the SoC's pull-up (pressed reads low) and Pi4J's debounce
 * ({@link Settings#debounce}: a level counts once it has held that long, so contact bounce makes no
 * extra presses, at the cost of that much latency); repeated events of one level count once. The
 * long press is timed on the application's clock through a {@link HoldTimer}, so it arrives while
 * the button is still held. A button already held when opened (or stuck, or shorted to ground) is
 * logged and ignored until it is let go.
 *
 * <p>The listener is called on the GPIO provider's event thread or the timer's thread, one call at
 * a time, in order: it must return quickly. Thread-safe.
 */
public final class Button implements AutoCloseable {

    /**
     * How presses are read.
     *
     * @param debounce  how long a level must hold before it counts (Pi4J's debounce of the input)
     * @param longPress how long a press is held before it is also a {@link Press#LONG}
     */
    public record Settings(Duration debounce, Duration longPress) {
        /** 30 ms debounce (longer than a push button's bounce, short enough not to be felt), 2 s long press. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(30), Duration.ofSeconds(2));

        public Settings {
            if (debounce.isNegative() || debounce.compareTo(Duration.ofMillis(100)) > 0) {
                throw new IllegalArgumentException("button debounce must be 0-100 ms, was " + debounce);
            }
            if (longPress.compareTo(debounce) <= 0) {
                throw new IllegalArgumentException("a long press (" + longPress + ") must be longer than the debounce ("
                        + debounce + ")");
            }
        }
    }

    /** Told of every press. */
    @FunctionalInterface
    public interface Listener {
        /** {@code press} happened at {@code at} (the clock's time when the driver saw it). */
        void pressed(Press press, Instant at);
    }

    private final Context pi4j;
    private final DigitalInput input;
    private final String part;
    private final Settings settings;
    private final Clock clock;
    private final HoldTimer timer;
    private final Listener listener;
    private final DigitalStateChangeListener events = e -> level(e.state());

    private boolean down;
    private boolean heldSinceOpen;
    private long pressNumber;
    private Runnable cancelLong = () -> { };
    private boolean closed;

    private Button(Context pi4j, DigitalInput input, String part, Settings settings, Clock clock, HoldTimer timer,
            Listener listener) {
        this.pi4j = pi4j;
        this.input = input;
        this.part = part;
        this.settings = settings;
        this.clock = clock;
        this.timer = timer;
        this.listener = listener;
    }

    /**
     * Opens BCM {@code pin} as the button {@code part} (e.g. {@code call button}).
     *
     * @throws IllegalStateException naming the part and pin if the pin cannot be opened
     */
    public static Button open(Context pi4j, int pin, String part, Settings settings, Clock clock, HoldTimer timer,
            Listener listener) {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(listener, "listener");
        DigitalInput input;
        try {
            input = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("button-" + pin).name(part).address(pin)
                    .pull(PullResistance.PULL_UP).debounce(settings.debounce().toNanos() / 1000).build());
        } catch (Pi4JException e) {
            throw new IllegalStateException(part + " on GPIO " + pin + ": the pin cannot be opened (" + e.getMessage()
                    + "): check the pin number in the config and that no other program or overlay uses it", e);
        }
        Button button = new Button(pi4j, input, part, settings, clock, timer, listener);
        synchronized (button) {
            if (input.state() == DigitalState.LOW) {
                button.heldSinceOpen = true;
                Logger.warn("{} on GPIO {} reads pressed as it is opened: ignored until it is let go; if it stays so,"
                        + " the button is stuck or its wire touches ground", part, pin);
            }
        }
        input.addListener(button.events);
        return button;
    }

    /** What this button is, e.g. {@code call button}. */
    public String part() {
        return part;
    }

    /** Whether a press is under way (reported {@link Press#DOWN}, not yet {@link Press#UP}). */
    public synchronized boolean isDown() {
        return down;
    }

    private synchronized void level(DigitalState state) {
        if (closed || state == DigitalState.UNKNOWN) {
            return;
        }
        boolean low = state == DigitalState.LOW;
        if (heldSinceOpen) {
            heldSinceOpen = low;
            return;
        }
        if (low == down) {
            return;
        }
        down = low;
        Instant now = clock.instant();
        if (low) {
            long press = ++pressNumber;
            cancelLong = timer.schedule(settings.longPress(), () -> heldLong(press));
            listener.pressed(Press.DOWN, now);
        } else {
            cancelLong.run();
            listener.pressed(Press.UP, now);
        }
    }

    private synchronized void heldLong(long press) {
        if (!closed && down && press == pressNumber) {
            listener.pressed(Press.LONG, clock.instant());
        }
    }

    /** Stops telling the listener and releases the pin. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            cancelLong.run();
        }
        input.removeListener(events);
        try {
            pi4j.shutdown(input.id());
        } catch (RuntimeException e) {
            // the context may already be shutting down
        }
    }
}
