package io.waypoint.gateway;

import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;

/** The gateway's own config reader, opened to the fuzz harness (it is package-private). */
public final class GatewayConfigReading {
    private GatewayConfigReading() {
    }

    /** What the gateway makes of a config file, or the {@link io.waypoint.config.ConfigException} that stops it. */
    public static String fromFile(ConfigFile file) {
        return GatewayConfig.from(Settings.of(file)).toString();
    }

    /** What {@code scripts/gateway ARGS} makes of its arguments, config file included. */
    public static String fromArgs(String... args) {
        return GatewayConfig.from(GatewayConfig.COMMAND_LINE.parse(args)).toString();
    }
}
