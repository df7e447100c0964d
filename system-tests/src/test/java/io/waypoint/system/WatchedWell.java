package io.waypoint.system;

import io.waypoint.sim.board.OutputPin;
import io.waypoint.sim.site.WellSite;
import io.waypoint.well.SensorNodeMain;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The well node's own main on hal-sim, plus a watcher of the simulated board's "do not drink" pin
 * that prints every change of the light as {@code light on at <sim time>} / {@code light off at ...}:
 * how a test in another process sees the light itself, not only what the node says about it.
 * Same arguments as {@code scripts/sensor-node}.
 */
public final class WatchedWell {
    private WatchedWell() {}

    public static void main(String[] args) throws Exception {
        String node = List.of(args).get(List.of(args).indexOf("--node") + 1);
        Thread watcher = new Thread(() -> {
            WellSite site;
            while ((site = WellSite.byId(node).orElse(null)) == null) {
                LockSupport.parkNanos(5_000_000);
            }
            OutputPin light = site.board().output(WellSite.DO_NOT_DRINK_PIN);
            light.onChange((at, high) -> System.out.println("light " + (high ? "on" : "off") + " at " + at));
            light.history().forEach(c -> System.out.println("light " + (c.high() ? "on" : "off") + " at " + c.at()));
        }, "light-watcher");
        watcher.setDaemon(true);
        watcher.start();
        SensorNodeMain.main(args);
    }
}
