package io.waypoint.sim.chip;

import java.time.Instant;

/**
 * What drives a digital input pin: the level changes of one wire on simulated time.
 *
 * <p>The board calls {@link #advance} with increasing instants; the first call only sets where the
 * source's time begins. Each later call reports every level change in (previous instant, {@code to}],
 * in time order, each one a real change (levels alternate). Called from one thread at a time.
 */
public interface EdgeSource {

    /** The level of the wire before the first edge. */
    boolean initialHigh();

    /**
     * True for an open-collector output (a hall sensor's transistor): it can only pull the wire low,
     * so without a pull-up resistor the pin reads low whatever the source does.
     */
    default boolean openCollector() {
        return false;
    }

    /** Reports the level changes up to {@code to}. */
    void advance(Instant to, EdgeSink sink);

    /** Where a source reports level changes. */
    @FunctionalInterface
    interface EdgeSink {
        void edge(Instant at, boolean high);
    }
}
