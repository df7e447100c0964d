package io.waypoint.drivers.button;

import java.time.Duration;

/**
 * Runs a task once after a delay of the application's time: how a {@link Button} notices that a
 * press has become long while it is still held. Adapt the application's scheduler:
 * {@code (delay, task) -> scheduler.schedule(delay, task)::cancel}.
 */
@FunctionalInterface
public interface HoldTimer {
    /** Runs {@code task} after {@code delay}; running the returned action cancels it (harmless if it ran). */
    Runnable schedule(Duration delay, Runnable task);
}
