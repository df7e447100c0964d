package io.waypoint.drivers.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.time.Instant;
import java.util.Map;

/**
 * The Pi4J context a node's drivers run on: a real board's (gpiod, linuxfs I2C), or the hardware
 * simulator's. The simulator is a Pi4J plugin marked mock; it only acts when the context's
 * properties name a simulated board ({@code waypoint.sim.board}), so a board never runs it, and the
 * node never imports it. Pi4J's shutdown hook is off: the node shuts the context down itself,
 * after switching its outputs off.
 */
public final class BoardContext {
    /** Where simulated time starts, as the simulator hands it over when it chose it. */
    static final String SIM_WORLD_START = "waypoint.sim.world-start";

    private BoardContext() {}

    /** A context on this board's own GPIO and I2C. */
    public static Context board() {
        return Pi4J.newContextBuilder().autoDetect().disableShutdownHook().build();
    }

    /** A context simulated by hal-sim, and where its simulated time starts. */
    public record Simulated(Context context, Instant start) {}

    /**
     * A context whose I/O is the simulated board the properties describe.
     *
     * @throws IllegalStateException when no simulator took the context (hal-sim missing from the class path)
     */
    public static Simulated simulated(Map<String, String> properties) {
        System.clearProperty(SIM_WORLD_START);
        Context pi4j = Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().disableShutdownHook()
                .properties(properties).build();
        String start = properties.getOrDefault("waypoint.sim.start", System.getProperty(SIM_WORLD_START));
        if (start == null) {
            pi4j.shutdown();
            throw new IllegalStateException("hal=sim but no simulated board took the Pi4J context (waypoint.sim.board = "
                    + properties.get("waypoint.sim.board") + "): is hal-sim on the class path?");
        }
        return new Simulated(pi4j, Instant.parse(start));
    }
}
