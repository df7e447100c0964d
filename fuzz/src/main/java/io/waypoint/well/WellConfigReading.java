package io.waypoint.well;

import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;

/** The well node's own config reader, opened to the fuzz harness (it is package-private). */
public final class WellConfigReading {
    private WellConfigReading() {
    }

    /** What a well node makes of a config file, or the {@link io.waypoint.config.ConfigException} that stops it. */
    public static String fromFile(ConfigFile file) {
        return WellNodeConfig.from(Settings.of(file)).toString();
    }

    /** What {@code scripts/sensor-node ARGS} makes of its arguments, config file included. */
    public static String fromArgs(String... args) {
        return WellNodeConfig.from(WellNodeConfig.COMMAND_LINE.parse(args)).toString();
    }
}
