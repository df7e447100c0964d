package io.waypoint.outbox;

import io.waypoint.storage.StorageProblem;
import java.util.Optional;

/**
 * The outbox could not do what was asked with the disk (full, read-only, failing) or is closed. The
 * message names the outbox directory and the cause, so a technician reading the log knows which card
 * and what went wrong; {@link #storageProblem()} says whether the disk refused a message, and why.
 */
public final class OutboxException extends RuntimeException {
    private final transient StorageProblem storageProblem;

    public OutboxException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public OutboxException(String message) {
        this(message, null, null);
    }

    /** @param storageProblem why the disk refused to hold a message; null when it did not (closed, a read) */
    public OutboxException(String message, StorageProblem storageProblem, Throwable cause) {
        super(message, cause);
        this.storageProblem = storageProblem;
    }

    /**
     * Why the disk refused to hold the message (full, read-only, failing); empty when the failure was
     * not the disk refusing an append (the outbox is closed, or a read failed).
     */
    public Optional<StorageProblem> storageProblem() {
        return Optional.ofNullable(storageProblem);
    }
}
