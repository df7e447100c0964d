package io.waypoint.drivers;

/**
 * What a failure from Pi4J or a platform library actually says: they wrap the OS's error (an errno
 * text such as "Remote I/O error") in layers of their own, and a technician needs the innermost one.
 */
public final class RootCause {
    private RootCause() {
    }

    /** The innermost cause's message, or its class name when it has none. */
    public static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
