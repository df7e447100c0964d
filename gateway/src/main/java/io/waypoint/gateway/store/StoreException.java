package io.waypoint.gateway.store;

/** The gateway database cannot be read or written; the message names the file and what to check. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
