package io.waypoint.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When to try the broker again: exponential from 1 s to 60 s with ±25 % jitter, so a site's nodes
 * that lost the broker together do not all come back in the same second. The schedule resets only
 * after a connection has stayed up for 30 s: a broker that accepts and then drops us at once keeps
 * the delay growing instead of being hammered. A refused login is retried slowly (5 min): hammering
 * a broker with bad credentials helps nobody and fills its log.
 *
 * <p>Pure logic; the caller owns the timer. Not thread-safe: one uplink's reconnect loop uses it.
 */
public final class ReconnectBackoff {
    /** The first delay, and the shortest. */
    public static final Duration INITIAL = Duration.ofSeconds(1);

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final Duration stableAfter;
    private final Duration authRetry;
    private final DoubleSupplier random;

    private int failures;
    private Instant connectedAt;

    /**
     * @param random values uniform in [0, 1); a fixed supplier makes the schedule exact in tests
     */
    public ReconnectBackoff(Duration initial, Duration max, double jitter, Duration stableAfter, Duration authRetry,
                            DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and 0 <= jitter < 1");
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.stableAfter = stableAfter;
        this.authRetry = authRetry;
        this.random = random;
    }

    /** The field defaults: 1 s to 60 s, ±25 %, reset after 30 s up, 5 min after a refused login. */
    public static ReconnectBackoff standard(DoubleSupplier random) {
        return upTo(Duration.ofSeconds(60), random);
    }

    /** The field defaults with another ceiling than 60 s (at least {@link #INITIAL}). */
    public static ReconnectBackoff upTo(Duration max, DoubleSupplier random) {
        return new ReconnectBackoff(INITIAL, max, 0.25, Duration.ofSeconds(30), Duration.ofMinutes(5), random);
    }

    /** The delay before the next attempt after an attempt failed (or a short-lived connection was lost). */
    public Duration afterFailure() {
        Duration base = base(failures);
        failures = Math.min(failures + 1, 62);
        return jittered(base);
    }

    /** The delay before the next attempt after the broker refused our credentials. */
    public Duration afterAuthFailure() {
        failures = Math.min(failures + 1, 62);
        return jittered(authRetry);
    }

    /** A connection was established at {@code at}. */
    public void connected(Instant at) {
        connectedAt = at;
    }

    /**
     * The connection established earlier was lost at {@code at}: if it had stayed up long enough the
     * schedule starts again from the initial delay.
     */
    public void disconnected(Instant at) {
        if (connectedAt != null && Duration.between(connectedAt, at).compareTo(stableAfter) >= 0) {
            failures = 0;
        }
        connectedAt = null;
    }

    /** Failed attempts since the last stable connection. */
    public int failures() {
        return failures;
    }

    private Duration base(int n) {
        if (n >= 62) {
            return max;
        }
        long ms = initial.toMillis();
        long limit = max.toMillis();
        for (int i = 0; i < n && ms < limit; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, limit));
    }

    private Duration jittered(Duration base) {
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }
}
