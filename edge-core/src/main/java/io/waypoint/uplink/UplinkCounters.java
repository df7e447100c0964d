package io.waypoint.uplink;

import java.util.concurrent.atomic.AtomicLong;

/** What an uplink counts, whichever client it drives; read as {@link Uplink.UplinkStats}. */
final class UplinkCounters {
    final AtomicLong connects = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong connectionsLost = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final AtomicLong received = new AtomicLong();

    Uplink.UplinkStats snapshot() {
        return new Uplink.UplinkStats(connects.get(), connectFailures.get(), connectionsLost.get(), published.get(),
                publishFailures.get(), received.get());
    }
}
