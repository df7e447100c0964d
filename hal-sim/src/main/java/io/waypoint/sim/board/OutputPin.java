package io.waypoint.sim.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GPIO output of the simulated board and what it is wired to (the "do not drink" light, a relay):
 * every level the software drove it to, with the simulated instant, so tests can ask what the
 * light showed and when. Thread-safe.
 */
public final class OutputPin {

    /** The software drove the pin {@code high} (true) or low at {@code at}. */
    public record Change(Instant at, boolean high) {}

    private final int pin;
    private final String part;
    /**
     * The fewest changes a pin keeps: enough for any test's look at a relay or a light, while a keypad
     * row scanned for ten simulated days keeps 1,024 changes (48 KB) rather than 8,192 (400 KB) in the
     * node's JVM.
     */
    static final int KEPT = 512;

    private final List<Change> history = new ArrayList<>();
    private final List<PartListener> listeners = new ArrayList<>();

    /** What sits at the end of an output's wire, told of every change (a world model, a lamp). */
    @FunctionalInterface
    public interface PartListener {
        void changed(Instant at, boolean high);
    }

    OutputPin(int pin, String part) {
        this.pin = pin;
        this.part = part;
    }

    /** The BCM pin number. */
    public int pin() {
        return pin;
    }

    /** What the pin is wired to, e.g. {@code do-not-drink LED}. */
    public String part() {
        return part;
    }

    /**
     * Every change of level, oldest first (repeats of the same level are not changes); of a pin that
     * changed more than {@value #KEPT} times, only the newest (at least {@value #KEPT}): a simulated
     * board runs for weeks inside the node's JVM, and a scanned keypad row changes thousands of times a day.
     */
    public synchronized List<Change> history() {
        return List.copyOf(history);
    }

    /** The level now, empty if the software never drove the pin. */
    public synchronized Optional<Boolean> high() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).high());
    }

    /** The level at {@code t}, empty if the software had not driven the pin by then (or {@code t} is older than the changes kept). */
    public synchronized Optional<Boolean> highAt(Instant t) {
        Boolean level = null;
        for (Change c : history) {
            if (c.at().isAfter(t)) {
                break;
            }
            level = c.high();
        }
        return Optional.ofNullable(level);
    }

    /** How long the pin was high between {@code from} and {@code to}. */
    public synchronized Duration highDuring(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (int i = 0; i < history.size(); i++) {
            Change c = history.get(i);
            if (!c.high()) {
                continue;
            }
            Instant start = c.at().isBefore(from) ? from : c.at();
            Instant end = i + 1 < history.size() ? history.get(i + 1).at() : to;
            if (end.isAfter(to)) {
                end = to;
            }
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** Tells {@code listener} of every later change. */
    public void onChange(PartListener listener) {
        synchronized (this) {
            listeners.add(listener);
        }
    }

    /** Returns whether it was a change (a repeat of the level is not). */
    boolean drive(Instant at, boolean high) {
        List<PartListener> toTell;
        synchronized (this) {
            if (!history.isEmpty() && history.get(history.size() - 1).high() == high) {
                return false;
            }
            history.add(new Change(at, high));
            if (history.size() >= 2 * KEPT) {
                history.subList(0, history.size() - KEPT).clear(); // in bulk: amortised O(1) a change
            }
            toTell = List.copyOf(listeners);
        }
        for (PartListener l : toTell) {
            l.changed(at, high);
        }
        return true;
    }
}
