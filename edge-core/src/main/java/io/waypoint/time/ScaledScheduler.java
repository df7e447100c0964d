package io.waypoint.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinylog.Logger;

/** Real threads; delays in scheduler time are divided by the speed factor to get wall delays. */
final class ScaledScheduler implements Scheduler {
    private final Clock clock;
    private final double speed;
    private final ScheduledThreadPoolExecutor executor;

    ScaledScheduler(Clock clock, double speed, String threadName) {
        this.clock = clock;
        this.speed = speed;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double speed() {
        return speed;
    }

    @Override
    public Task schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), wallNanos(delay), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public Task every(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        ScheduledFuture<?> f = executor.scheduleAtFixedRate(guarded(task), wallNanos(initialDelay),
                Math.max(1, wallNanos(period)), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private long wallNanos(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return (long) (d.toNanos() / speed);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // a periodic task that throws would be cancelled silently by the executor
                Logger.error(e, "scheduled task failed: {}", e.toString());
            }
        };
    }
}
