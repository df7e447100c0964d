package io.waypoint.outbox;

/**
 * The outbox could not do what was asked with the disk (full, read-only, failing) or is closed. The
 * message names the outbox directory and the cause, so a technician reading the log knows which card
 * and what went wrong.
 */
public final class OutboxException extends RuntimeException {

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }

    public OutboxException(String message) {
        super(message);
    }
}
