package io.waypoint.kiosk;

import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;

/** The kiosk's own config reader, opened to the fuzz harness (it is package-private). */
public final class KioskConfigReading {
    private KioskConfigReading() {
    }

    /** What a kiosk makes of a config file, or the {@link io.waypoint.config.ConfigException} that stops it. */
    public static String fromFile(ConfigFile file) {
        return KioskConfig.from(Settings.of(file)).toString();
    }

    /** What {@code scripts/kiosk ARGS} makes of its arguments, config file included. */
    public static String fromArgs(String... args) {
        return KioskConfig.from(KioskConfig.COMMAND_LINE.parse(args)).toString();
    }
}
