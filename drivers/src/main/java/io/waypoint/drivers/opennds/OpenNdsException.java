package io.waypoint.drivers.opennds;

import java.util.Objects;

/**
 * An openNDS call failed. {@link #problem()} says why, as a type to switch on; the message says it
 * in one line for a technician (the command, what happened, the exit code, what to do) and never
 * contains a phone's MAC or IP address or token.
 */
public final class OpenNdsException extends Exception {
    private final OpenNdsProblem problem;

    OpenNdsException(OpenNdsProblem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public OpenNdsProblem problem() {
        return problem;
    }
}
