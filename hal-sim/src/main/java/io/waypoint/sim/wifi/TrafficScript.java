package io.waypoint.sim.wifi;

import java.time.Duration;

/**
 * How much a simulated phone moves while it is let through the portal, as a function of the time
 * since its session began (simulated time). Rates in kB (1024 bytes) per second.
 */
@FunctionalInterface
public interface TrafficScript {

    /** The phone's rates {@code sinceAuthenticated} into its session. */
    Rates at(Duration sinceAuthenticated);

    /** Download and upload rates, kB/s; never negative. */
    record Rates(double downKbPerSecond, double upKbPerSecond) {
        public Rates {
            if (!(downKbPerSecond >= 0) || !(upKbPerSecond >= 0)) {
                throw new IllegalArgumentException("rates are 0 or more kB/s, were " + downKbPerSecond + " and "
                        + upKbPerSecond);
            }
        }
    }

    /** The same rates all session long. */
    static TrafficScript steady(double downKbPerSecond, double upKbPerSecond) {
        Rates rates = new Rates(downKbPerSecond, upKbPerSecond);
        return since -> rates;
    }

    /** A phone that moves nothing. */
    static TrafficScript idle() {
        return steady(0, 0);
    }
}
