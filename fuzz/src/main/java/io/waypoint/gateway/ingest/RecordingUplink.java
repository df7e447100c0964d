package io.waypoint.gateway.ingest;

import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import java.util.ArrayList;
import java.util.List;

/**
 * An uplink that is always connected and keeps what the gateway publishes, for the fuzz target to
 * check; the broker's confirmations come when {@link #confirmAll} says, between messages, as they
 * would from Paho's thread.
 */
final class RecordingUplink implements Uplink {
    private final List<Outgoing> published = new ArrayList<>();
    private final List<DeliveryListener> unconfirmed = new ArrayList<>();

    List<Outgoing> published() {
        return published;
    }

    /** The broker acknowledges everything published so far. */
    void confirmAll() {
        List<DeliveryListener> now = new ArrayList<>(unconfirmed);
        unconfirmed.clear();
        now.forEach(l -> l.delivered(true));
    }

    @Override
    public void start() {
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean publish(Outgoing message, DeliveryListener done) {
        published.add(message);
        if (done != null) {
            unconfirmed.add(done);
        }
        return true;
    }

    @Override
    public void subscribe(String filter, MessageHandler handler) {
    }

    @Override
    public void addListener(ConnectionListener listener) {
    }

    @Override
    public int inFlight() {
        return unconfirmed.size();
    }

    @Override
    public UplinkStats stats() {
        return new UplinkStats(1, 0, 0, published.size(), 0, 0);
    }

    @Override
    public void close() {
    }
}
