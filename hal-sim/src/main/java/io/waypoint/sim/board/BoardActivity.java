package io.waypoint.sim.board;

import java.time.Instant;

/**
 * Told what the software does to a {@link SimBoard}, as it does it: each part it opens and each
 * change of level it drives an output to, with the simulated instant. For tests that look at the
 * order of a node's hardware actions (a kiosk must switch its relays off before it touches anything
 * else); see {@link io.waypoint.sim.site.SiteRecord}. Called on the software's threads: keep it quick.
 */
public interface BoardActivity {
    /** Does nothing. */
    BoardActivity NONE = new BoardActivity() {
        @Override
        public void opened(String part, Instant at) {
        }

        @Override
        public void driven(int pin, String part, boolean high, Instant at) {
        }
    };

    /** The software opened {@code part}: {@code i2c 1 0x40}, {@code input 17}. */
    void opened(String part, Instant at);

    /** The software changed output {@code pin} (wired to {@code part}) to {@code high}; its first drive counts as a change. */
    void driven(int pin, String part, boolean high, Instant at);
}
