package io.waypoint.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * A scheduler whose time moves only when {@link #advance} or {@link #set} is called; due tasks run
 * on the caller's thread, in time order. For tests and for replaying a simulated week in
 * milliseconds. Thread-safe; tasks may schedule further tasks.
 */
public final class ManualScheduler implements Scheduler {
    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now;
    private long order;
    private boolean closed;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    private final Clock clock = new UtcClock() {
        @Override
        public Instant instant() {
            synchronized (lock) {
                return now;
            }
        }
    };

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public double speed() {
        return 1.0;
    }

    @Override
    public Task schedule(Duration delay, Runnable task) {
        return add(delay, null, task);
    }

    @Override
    public Task every(Duration initialDelay, Duration period, Runnable task) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return add(initialDelay, period, task);
    }

    private Task add(Duration delay, Duration period, Runnable task) {
        synchronized (lock) {
            Entry e = new Entry(now.plus(delay.isNegative() ? Duration.ZERO : delay), period, task, order++);
            if (!closed) {
                queue.add(e);
            }
            return () -> {
                synchronized (lock) {
                    e.cancelled = true;
                    queue.remove(e);
                }
            };
        }
    }

    /** Moves time forward by {@code d}, running every task that falls due, in order. */
    public void advance(Duration d) {
        Instant target;
        synchronized (lock) {
            target = now.plus(d);
        }
        set(target);
    }

    /**
     * Moves time to {@code target}, running due tasks; moving backwards models a clock jump (an RTC-less
     * board corrected by NTP) and runs nothing.
     */
    public void set(Instant target) {
        while (true) {
            Entry next;
            synchronized (lock) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target) || closed) {
                    now = target;
                    return;
                }
                queue.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
                if (next.period != null && !next.cancelled) {
                    next.due = next.due.plus(next.period);
                    next.order = order++;
                    queue.add(next);
                }
            }
            if (!next.cancelled) {
                next.task.run();
            }
        }
    }

    /** Runs the tasks due now without moving time. */
    public void runDue() {
        set(clock.instant());
    }

    /** How many tasks are waiting. */
    public int pending() {
        synchronized (lock) {
            return queue.size();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            queue.clear();
        }
    }

    private static final class Entry implements Comparable<Entry> {
        Instant due;
        final Duration period;
        final Runnable task;
        long order;
        volatile boolean cancelled;

        Entry(Instant due, Duration period, Runnable task, long order) {
            this.due = due;
            this.period = period;
            this.task = task;
            this.order = order;
        }

        @Override
        public int compareTo(Entry o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
