package io.waypoint.gateway.ingest;

import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An uplink for tests of the ingest without a broker: connected, takes every publish at once, keeps it. */
final class KeepingUplink implements Uplink {
    /** Everything published, in order; any thread may read it. */
    final List<Outgoing> published = new CopyOnWriteArrayList<>();

    @Override public void start() { }
    @Override public boolean isConnected() { return true; }
    @Override public boolean publish(Outgoing message, DeliveryListener done) {
        published.add(message);
        if (done != null) {
            done.delivered(true);
        }
        return true;
    }
    @Override public void subscribe(String filter, MessageHandler handler) { }
    @Override public void addListener(ConnectionListener listener) { }
    @Override public int inFlight() { return 0; }
    @Override public UplinkStats stats() { return new UplinkStats(1, 0, 0, published.size(), 0, 0); }
    @Override public void close() { }
}
