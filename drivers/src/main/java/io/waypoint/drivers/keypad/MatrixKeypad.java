package io.waypoint.drivers.keypad;

import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.waypoint.drivers.button.Press;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tinylog.Logger;

/**
 * A matrix keypad (a 4×3 phone keypad: 1–9, *, 0, #) on GPIO: rows on outputs, columns on inputs
 * with the SoC's pull-ups, scanned when the application calls {@link #scan()} (every 20 ms or so, from
 * its scheduler: the driver has no thread of its own).
 *
 * <p>Between scans every row is driven low, so a scan with no key held is a read of the columns
 * and nothing else. When a column reads low, the scan drives one row low at a time (the others
 * high) to find the keys closed, then drives every row low again. What a scan finds is no key, one
 * key, or several; it counts once it has been found by scans spanning {@link Settings#debounce}
 * (two scans at the usual pace), so a bounce or a glitch seen by one scan is nothing. A key found
 * so is {@link Press#DOWN}, {@link Press#LONG} once held for {@link Settings#longPress} (checked at
 * each scan), then {@link Press#UP}. Several keys at once are ignored, and so is whatever follows
 * until every key is let go: a keypad without diodes shows phantom keys when three are held, and a
 * digit wrongly dialled is worse than one the person sees missing and types again.
 *
 * <p>Keys are what a person dials: the driver never logs them, and neither may a listener. Wiring:
 * a diode in series with each row (cathode to the Pi) stops two keys of one column from shorting a
 * high row to a low one; without diodes it is a brief short through the pins' drive current.
 *
 * <p>The listener is called from {@link #scan()}, on the caller's thread. Thread-safe.
 */
public final class MatrixKeypad implements AutoCloseable {
    /** The keys of a phone keypad, row by row, as most 4×3 membrane keypads are laid out. */
    public static final List<String> PHONE = List.of("123", "456", "789", "*0#");

    /** A key held this long is logged once, without saying which: a stuck key or a short. */
    static final Duration STUCK = Duration.ofMinutes(1);

    private static final int NONE = -1;
    private static final int SEVERAL = -2;

    /**
     * How keys are read.
     *
     * @param debounce  how long the scans must find the same keys before they count
     * @param longPress how long a key is held before it is also a {@link Press#LONG} ({@code 0} held
     *                  is a {@code +} on a phone)
     */
    public record Settings(Duration debounce, Duration longPress) {
        /** 20 ms debounce (two scans 20 ms apart), 1 s long press. */
        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(20), Duration.ofSeconds(1));

        public Settings {
            if (debounce.isNegative() || debounce.compareTo(Duration.ofMillis(200)) > 0) {
                throw new IllegalArgumentException("keypad debounce must be 0-200 ms, was " + debounce);
            }
            if (longPress.compareTo(debounce) <= 0) {
                throw new IllegalArgumentException("a long press (" + longPress + ") must be longer than the debounce ("
                        + debounce + ")");
            }
        }
    }

    /** Told of every key press. */
    @FunctionalInterface
    public interface Listener {
        /** {@code key} had {@code press} at {@code at} (the time of the scan that counted it). */
        void key(char key, Press press, Instant at);
    }

    private final Context pi4j;
    private final List<String> layout;
    private final List<DigitalOutput> rows;
    private final List<DigitalInput> columns;
    private final boolean[] rowHigh;
    private final Settings settings;
    private final Clock clock;
    private final Listener listener;

    private int candidate = NONE;
    private Instant candidateSince;
    private int stable = NONE;
    /** The key reported {@link Press#DOWN} and not yet up, or {@link #NONE}. */
    private int reported = NONE;
    private Instant reportedAt;
    private boolean longSent;
    private boolean stuckLogged;
    /** Several keys were held: nothing counts until every key is let go. */
    private boolean lockedOut;

    private MatrixKeypad(Context pi4j, List<String> layout, List<DigitalOutput> rows, List<DigitalInput> columns,
            Settings settings, Clock clock, Listener listener) {
        this.pi4j = pi4j;
        this.layout = layout;
        this.rows = rows;
        this.columns = columns;
        this.rowHigh = new boolean[rows.size()];
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Opens the keypad whose keys are {@code layout} (one string per row, one character per column,
     * e.g. {@link #PHONE}), rows on BCM {@code rowPins} and columns on BCM {@code columnPins}, top to
     * bottom and left to right. Every row starts driven low.
     *
     * @throws IllegalArgumentException if the pins do not match the layout
     * @throws IllegalStateException naming the row or column and its pin if a pin cannot be opened
     */
    public static MatrixKeypad open(Context pi4j, List<String> layout, int[] rowPins, int[] columnPins,
            Settings settings, Clock clock, Listener listener) {
        List<String> keys = List.copyOf(layout);
        if (keys.isEmpty() || keys.size() != rowPins.length
                || keys.stream().anyMatch(r -> r.length() != columnPins.length)) {
            throw new IllegalArgumentException("a keypad of " + keys.size() + " rows of " + columnPins.length
                    + " keys needs one row pin per row and one column pin per key of a row; got " + rowPins.length
                    + " row pins and " + columnPins.length + " column pins for " + keys.size() + " rows");
        }
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        List<DigitalOutput> rows = new ArrayList<>();
        List<DigitalInput> columns = new ArrayList<>();
        String opening = "";
        try {
            for (int r = 0; r < rowPins.length; r++) {
                opening = "keypad row " + (r + 1) + " on GPIO " + rowPins[r];
                rows.add(pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("keypad-row-" + rowPins[r])
                        .name("keypad row " + (r + 1)).address(rowPins[r])
                        .initial(DigitalState.LOW).shutdown(DigitalState.LOW).build()));
            }
            for (int c = 0; c < columnPins.length; c++) {
                opening = "keypad column " + (c + 1) + " on GPIO " + columnPins[c];
                // the scan debounces: the input's own debounce would only delay its events, never its level
                columns.add(pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("keypad-column-" + columnPins[c])
                        .name("keypad column " + (c + 1)).address(columnPins[c])
                        .pull(PullResistance.PULL_UP).debounce(0L).build()));
            }
        } catch (Pi4JException e) {
            rows.forEach(o -> shutdown(pi4j, o.id()));
            columns.forEach(i -> shutdown(pi4j, i.id()));
            throw new IllegalStateException(opening + ": the pin cannot be opened (" + e.getMessage() + "): check the"
                    + " keypad pins in the config and that no other program or overlay uses them", e);
        }
        return new MatrixKeypad(pi4j, keys, rows, columns, settings, clock, listener);
    }

    /**
     * Reads the keypad once, and tells the listener what has changed since the last scan. Call it
     * every 10–30 ms; each call takes a few GPIO reads, and a few writes more while a key is held.
     *
     * @throws IllegalStateException naming the row or column whose pin failed
     */
    public synchronized void scan() {
        Instant now = clock.instant();
        int found = sample();
        if (found != candidate) {
            candidate = found;
            candidateSince = now;
        }
        if (candidate != stable && Duration.between(candidateSince, now).compareTo(settings.debounce()) >= 0) {
            change(candidate, now);
        }
        if (reported != NONE) {
            Duration held = Duration.between(reportedAt, now);
            if (!longSent && held.compareTo(settings.longPress()) >= 0) {
                longSent = true;
                listener.key(key(reported), Press.LONG, now);
            }
            if (!stuckLogged && held.compareTo(STUCK) >= 0) {
                stuckLogged = true;
                Logger.warn("keypad: a key has been held for {} s: a stuck key, or a row wire touching a column;"
                        + " check the keypad and its ribbon", held.toSeconds());
            }
        }
    }

    private void change(int next, Instant now) {
        stable = next;
        if (reported != NONE) {
            int up = reported;
            reported = NONE;
            listener.key(key(up), Press.UP, now);
        }
        if (next == SEVERAL) {
            lockedOut = true;
        } else if (next == NONE) {
            lockedOut = false;
        } else if (!lockedOut) {
            reported = next;
            reportedAt = now;
            longSent = false;
            stuckLogged = false;
            listener.key(key(next), Press.DOWN, now);
        }
    }

    /** The key closed now: its index (row × columns + column), {@link #NONE} or {@link #SEVERAL}. */
    private int sample() {
        if (!anyColumnLow()) {
            return NONE;
        }
        int closed = NONE;
        int count = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int other = 0; other < rows.size(); other++) {
                drive(other, other != r);
            }
            for (int c = 0; c < columns.size(); c++) {
                if (low(c)) {
                    closed = r * columns.size() + c;
                    count++;
                }
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            drive(r, false);
        }
        return count > 1 ? SEVERAL : closed;
    }

    private boolean anyColumnLow() {
        for (int c = 0; c < columns.size(); c++) {
            if (low(c)) {
                return true;
            }
        }
        return false;
    }

    private boolean low(int column) {
        try {
            return columns.get(column).state() == DigitalState.LOW;
        } catch (Pi4JException e) {
            throw new IllegalStateException("keypad column " + (column + 1) + " on GPIO " + columns.get(column).address()
                    + ": cannot read it (" + e.getMessage() + "): check the GPIO driver", e);
        }
    }

    private void drive(int row, boolean high) {
        if (rowHigh[row] == high) {
            return;
        }
        try {
            rows.get(row).state(high ? DigitalState.HIGH : DigitalState.LOW);
        } catch (Pi4JException e) {
            throw new IllegalStateException("keypad row " + (row + 1) + " on GPIO " + rows.get(row).address()
                    + ": cannot drive it (" + e.getMessage() + "): check the GPIO driver", e);
        }
        rowHigh[row] = high;
    }

    private char key(int index) {
        return layout.get(index / columns.size()).charAt(index % columns.size());
    }

    /** Releases the pins (the rows are left low). */
    @Override
    public synchronized void close() {
        rows.forEach(o -> shutdown(pi4j, o.id()));
        columns.forEach(i -> shutdown(pi4j, i.id()));
    }

    private static void shutdown(Context pi4j, String id) {
        try {
            pi4j.shutdown(id);
        } catch (RuntimeException e) {
            // the context may already be shutting down
        }
    }
}
