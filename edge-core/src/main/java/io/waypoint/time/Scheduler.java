package io.waypoint.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where all waypoint logic takes its time from and schedules its work.
 *
 * <p>Nothing in production code calls {@code System.currentTimeMillis} or {@code Thread.sleep}: it
 * asks a scheduler. In the field the scheduler runs on the system clock; in the simulator it runs
 * faster ({@link #scaled}); in unit tests it only moves when the test advances it
 * ({@link ManualScheduler}), so a week-long behaviour is tested in milliseconds.
 *
 * <p>Tasks run on the scheduler's own thread(s); a task must not block for long. A task that throws
 * is logged and, if periodic, keeps its schedule.
 */
public interface Scheduler extends AutoCloseable {

    /** The clock this scheduler's time comes from (UTC). */
    Clock clock();

    /** Now, on this scheduler's clock. */
    default Instant now() {
        return clock().instant();
    }

    /** Runs {@code task} once after {@code delay} of this scheduler's time. */
    Task schedule(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay}, then every {@code period}, until cancelled. */
    Task every(Duration initialDelay, Duration period, Runnable task);

    /** How many times faster than the wall clock this scheduler's time runs (1 in the field). */
    double speed();

    /** Stops running tasks; tasks already running finish. */
    @Override
    void close();

    /** A scheduled task. */
    interface Task {
        /** Stops the task from running again; harmless if it already ran or was cancelled. */
        void cancel();
    }

    /** The field scheduler: the system clock, real time. */
    static Scheduler system(String threadName) {
        return new ScaledScheduler(Clock.systemUTC(), 1.0, threadName);
    }

    /**
     * A scheduler whose time starts at {@code start} and runs {@code speed} times faster than the
     * wall clock: what the simulator uses to run a day in minutes.
     */
    static Scheduler scaled(Instant start, double speed, String threadName) {
        return scaled(start, speed, System.nanoTime(), threadName);
    }

    /**
     * A scaled scheduler whose time was {@code start} at {@code anchorNanos} of {@link System#nanoTime}:
     * two parts of one process (a node and the simulator plugin its Pi4J context loaded) given the
     * same three numbers share exactly the same simulated time.
     */
    static Scheduler scaled(Instant start, double speed, long anchorNanos, String threadName) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        return new ScaledScheduler(new ScaledClock(start, speed, anchorNanos), speed, threadName);
    }
}
