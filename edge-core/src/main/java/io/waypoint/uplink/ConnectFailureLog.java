package io.waypoint.uplink;

import io.waypoint.time.Scheduler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.tinylog.Logger;

/**
 * How an uplink reports its failed connects, and how long it waits after each (from its
 * {@link ReconnectBackoff}). A refused login is logged every time, as an error naming what to check;
 * any other failure the first time, then once a minute with the count: a broker down for a day must
 * not fill the log. Shared by both uplinks so they read the same to a technician.
 */
final class ConnectFailureLog {
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final String clientId;
    private final URI broker;
    private final Scheduler scheduler;
    private final ReconnectBackoff backoff;
    private Instant lastLog = Instant.MIN;
    private int failuresSinceLog;

    ConnectFailureLog(String clientId, URI broker, Scheduler scheduler, ReconnectBackoff backoff) {
        this.clientId = clientId;
        this.broker = broker;
        this.scheduler = scheduler;
        this.backoff = backoff;
    }

    /** Logs a failed attempt; returns the wait before the next. */
    synchronized Duration failed(boolean loginRefused, String why) {
        Duration delay;
        if (loginRefused) {
            synchronized (backoff) {
                delay = backoff.afterAuthFailure();
            }
            Logger.error("uplink {}: broker {} refused our login ({}): check broker.username and broker.password "
                    + "in the config, and the broker's password file and ACL; retrying in {} s",
                    clientId, broker, why, delay.toSeconds());
            return delay;
        }
        synchronized (backoff) {
            delay = backoff.afterFailure();
        }
        failuresSinceLog++;
        Instant now = scheduler.now();
        if (Duration.between(lastLog, now).compareTo(INTERVAL) >= 0 || lastLog.isAfter(now)) {
            Logger.warn("uplink {}: cannot connect to {} ({}); {} attempt(s) failed since the last report; next in {} ms",
                    clientId, broker, why, failuresSinceLog, delay.toMillis());
            lastLog = now;
            failuresSinceLog = 0;
        }
        return delay;
    }

    /** A connection is up: the next failure is reported at once. */
    synchronized void connected() {
        failuresSinceLog = 0;
        lastLog = Instant.MIN;
    }
}
