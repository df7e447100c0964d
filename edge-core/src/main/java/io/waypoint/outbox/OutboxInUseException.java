package io.waypoint.outbox;

import java.io.IOException;

/**
 * The outbox directory is held by another process (or already open in this one): two nodes
 * configured with one data dir. Not a disk problem: running on without the outbox would let two
 * nodes send under one identity, so the caller should stop and say so.
 */
public final class OutboxInUseException extends IOException {
    public OutboxInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
