package io.waypoint.sim.chip.kiosk;

import io.waypoint.sim.chip.EdgeSource;
import io.waypoint.sim.chip.ScriptedEdges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A momentary push button between a GPIO input and ground: pressed, it pulls the wire low; released,
 * it leaves it to the pull-up (so, like an open-collector output, it needs one).
 *
 * <p>Presses are scripted at simulated instants ({@link #press}), optionally with contact bounce,
 * or made live by a simulated person ({@link #down()}, {@link #up()}) at the clock's now. Either
 * way they must come in time order. Thread-safe.
 */
public final class PushButton implements EdgeSource {
    private final Clock clock;
    private final ScriptedEdges wire = new ScriptedEdges(true);

    /** A released button; {@code clock} dates the live presses. */
    public PushButton(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Pressed at {@code at} and held for {@code held}, with clean contacts. */
    public PushButton press(Instant at, Duration held) {
        return press(at, held, Duration.ZERO);
    }

    /**
     * Pressed at {@code at} and held for {@code held}, the contacts bouncing for {@code bounce} after
     * they close and after they open: the wire changes at 0, ¼, ½, ¾ and all of {@code bounce}, so
     * it ends at the new level.
     *
     * @throws IllegalArgumentException if the bounce is negative or not shorter than the press
     */
    public synchronized PushButton press(Instant at, Duration held, Duration bounce) {
        if (bounce.isNegative() || bounce.compareTo(held) >= 0) {
            throw new IllegalArgumentException("bounce must be at least 0 and shorter than the press (" + held
                    + "), was " + bounce);
        }
        edges(at, false, bounce);
        edges(at.plus(held), true, bounce);
        return this;
    }

    /** A person presses the button now. */
    public synchronized void down() {
        wire.at(clock.instant(), false);
    }

    /** A person lets the button go now. */
    public synchronized void up() {
        wire.at(clock.instant(), true);
    }

    @Override
    public boolean initialHigh() {
        return true;
    }

    @Override
    public boolean openCollector() {
        return true;
    }

    @Override
    public void advance(Instant to, EdgeSink sink) {
        wire.advance(to, sink);
    }

    private void edges(Instant at, boolean high, Duration bounce) {
        if (bounce.isZero()) {
            wire.at(at, high);
            return;
        }
        long quarter = bounce.toNanos() / 4;
        for (int i = 0; i < 4; i++) {
            wire.at(at.plusNanos(i * quarter), i % 2 == 0 ? high : !high);
        }
        wire.at(at.plus(bounce), high);
    }
}
