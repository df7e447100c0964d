package io.waypoint.console;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A console command that changed the node's state (a calibration, a cleared fault, a new cartridge)
 * ran to the end without an error: what a node logs and sends as an event.
 *
 * @param command   the command's name, e.g. {@code calibrate turbidity}
 * @param arguments the checked values, numbers with their unit, e.g. {@code ["12.5 NTU"]}; a word
 *                  argument comes as typed, so a state-changing command never takes one that could
 *                  identify a person
 * @param at        scheduler time when it ran
 * @param console   which console it came from, e.g. {@code serial /dev/ttyAMA0} or {@code stdin}
 */
public record StateChange(String command, List<String> arguments, Instant at, String console) {
    public StateChange {
        Objects.requireNonNull(command, "command");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(console, "console");
    }

    /** Told about every {@link StateChange}; it runs on the thread that ran the command and must not block. */
    @FunctionalInterface
    public interface Listener {
        void changed(StateChange change);
    }
}
