package io.waypoint.process;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;
import org.tinylog.provider.ProviderRegistry;
import sun.misc.Signal;

/**
 * How a waypoint process ends: on SIGTERM (systemd stop) or SIGINT (Ctrl-C) it runs its clean
 * shutdown (outbox flushed, death published) and exits with 0, as DESIGN.md promises; the JVM's
 * default would exit with 143. SIGKILL cannot be caught: what it interrupts is what the outbox and
 * the gateway's transactions are for.
 */
public final class Termination {
    private Termination() {}

    /**
     * Registers {@code shutdown} for SIGTERM and SIGINT and blocks the calling thread (main) until
     * it has run; then the process exits with 0.
     */
    public static void awaitSignal(String app, Runnable shutdown) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        Runnable stop = () -> {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            Logger.info("{}: stopping", app);
            try {
                shutdown.run();
            } catch (RuntimeException e) {
                Logger.error(e, "{}: clean shutdown failed", app);
            }
            Logger.info("{}: stopped", app);
            done.countDown();
        };
        Signal.handle(new Signal("TERM"), s -> new Thread(stop, "shutdown").start());
        Signal.handle(new Signal("INT"), s -> new Thread(stop, "shutdown").start());
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /** Prints a configuration error as one line on stderr and exits with 2. */
    public static void configError(String app, String message) {
        System.err.println(app + ": " + message);
        System.exit(2);
    }
}
