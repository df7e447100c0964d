package io.waypoint.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A node's state file that was found damaged at start and moved (or copied) aside, never wiped: what
 * the node logs and reports on the wire as a {@code file_damaged} event, so someone far away learns
 * that a total or a calibration was lost, and the technician finds the old file to recover it.
 *
 * @param part     what the file held, in words: {@code outbox}, {@code boot counter}, {@code flow total}...
 * @param file     the damaged file (or directory, for the outbox)
 * @param problem  what is wrong with it ("no readable record", "not a K-factor: 'x'")
 * @param keptAside where the damaged bytes are now, for a technician
 * @param kept     what the node kept and goes on with, in words ("1,230 of 1,250 messages",
 *                 "nothing: counting from 0 L")
 * @param whatToDo what a technician should do about it
 */
public record FileDamage(String part, Path file, String problem, Path keptAside, String kept, String whatToDo) {
    public FileDamage {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(keptAside, "keptAside");
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(whatToDo, "whatToDo");
    }

    /** The line a technician reads in the log. */
    public String logLine() {
        return part + " file " + file + " is damaged (" + problem + "); moved it to " + keptAside + "; kept " + kept + "; "
                + whatToDo;
    }
}
