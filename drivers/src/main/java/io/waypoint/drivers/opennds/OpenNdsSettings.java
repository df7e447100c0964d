package io.waypoint.drivers.opennds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the adapter runs ndsctl.
 *
 * @param commandPrefix what goes before the ndsctl path, e.g. {@code [sudo, -n]} when the kiosk does
 *                      not run as root (ndsctl must); empty to run ndsctl directly
 * @param ndsctl        the ndsctl executable
 * @param callTimeout   how long one ndsctl call may take before it is killed
 * @param busyRetries   how many times a call is repeated while openNDS answers that it is busy
 * @param busyPause     the wait before each repeat
 */
public record OpenNdsSettings(List<String> commandPrefix, Path ndsctl, Duration callTimeout, int busyRetries,
                             Duration busyPause) {
    /** Where openNDS installs ndsctl. */
    public static final Path DEFAULT_NDSCTL = Path.of("/usr/bin/ndsctl");

    public OpenNdsSettings {
        commandPrefix = List.copyOf(commandPrefix);
        Objects.requireNonNull(ndsctl, "ndsctl");
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
        }
        if (busyRetries < 0) {
            throw new IllegalArgumentException("busyRetries must be 0 or more, was " + busyRetries);
        }
        if (busyPause.isNegative()) {
            throw new IllegalArgumentException("busyPause must not be negative, was " + busyPause);
        }
    }

    /** {@code /usr/bin/ndsctl} run directly, 10 s a call, 5 retries 250 ms apart while busy. */
    public static OpenNdsSettings defaults() {
        return new OpenNdsSettings(List.of(), DEFAULT_NDSCTL, Duration.ofSeconds(10), 5, Duration.ofMillis(250));
    }

    /** The same, run through {@code sudo -n} (never prompts: fails at once if sudoers does not allow it). */
    public OpenNdsSettings viaSudo() {
        return withCommandPrefix(List.of("sudo", "-n"));
    }

    public OpenNdsSettings withCommandPrefix(List<String> prefix) {
        return new OpenNdsSettings(prefix, ndsctl, callTimeout, busyRetries, busyPause);
    }

    public OpenNdsSettings withNdsctl(Path path) {
        return new OpenNdsSettings(commandPrefix, path, callTimeout, busyRetries, busyPause);
    }

    public OpenNdsSettings withCallTimeout(Duration timeout) {
        return new OpenNdsSettings(commandPrefix, ndsctl, timeout, busyRetries, busyPause);
    }

    public OpenNdsSettings withBusyRetries(int retries, Duration pause) {
        return new OpenNdsSettings(commandPrefix, ndsctl, callTimeout, retries, pause);
    }
}
