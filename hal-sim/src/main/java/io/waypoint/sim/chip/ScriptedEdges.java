package io.waypoint.sim.chip;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A wire whose level changes are set by hand: a push button, a door switch, a test's exact edge
 * pattern. An edge added for an instant the board has already passed is reported at the next
 * advance, at that advance's start. Thread-safe.
 */
public final class ScriptedEdges implements EdgeSource {
    private record Change(Instant at, boolean high) {}

    private final boolean initialHigh;
    private final Deque<Change> pending = new ArrayDeque<>();
    private Instant last;
    private boolean level;

    public ScriptedEdges(boolean initialHigh) {
        this.initialHigh = initialHigh;
        this.level = initialHigh;
    }

    /** Sets the wire to {@code high} at {@code at} (no edge if that is already its level then). */
    public synchronized ScriptedEdges at(Instant at, boolean high) {
        Change tail = pending.peekLast();
        if (tail != null && tail.at().isAfter(at)) {
            throw new IllegalArgumentException("edges must be added in time order: " + at + " is before " + tail.at());
        }
        pending.addLast(new Change(at, high));
        return this;
    }

    @Override
    public boolean initialHigh() {
        return initialHigh;
    }

    @Override
    public synchronized void advance(Instant to, EdgeSink sink) {
        while (!pending.isEmpty() && !pending.peekFirst().at().isAfter(to)) {
            Change c = pending.removeFirst();
            if (c.high() != level) {
                level = c.high();
                sink.edge(last != null && c.at().isBefore(last) ? last : c.at(), c.high());
            }
        }
        last = to;
    }
}
