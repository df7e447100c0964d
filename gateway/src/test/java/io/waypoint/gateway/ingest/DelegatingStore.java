package io.waypoint.gateway.ingest;

import io.waypoint.gateway.store.GatewayStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A store that does what the one it wraps does: tests override the step whose failure or timing they stage. */
class DelegatingStore implements GatewayStore {
    final GatewayStore store;

    DelegatingStore(GatewayStore store) {
        this.store = store;
    }

    @Override
    public boolean[] write(Batch batch) {
        return store.write(batch);
    }

    @Override
    public List<SequenceState> sequences() {
        return store.sequences();
    }

    @Override
    public List<BootClock> bootClocks() {
        return store.bootClocks();
    }

    @Override
    public List<NodeState> nodes() {
        return store.nodes();
    }

    @Override
    public Optional<String> engineSnapshot() {
        return store.engineSnapshot();
    }

    @Override
    public List<Publication> pendingPublications() {
        return store.pendingPublications();
    }

    @Override
    public void published(List<Long> ids) {
        store.published(ids);
    }

    @Override
    public long countMessages(String site, String node) {
        return store.countMessages(site, node);
    }

    @Override
    public long countMessages() {
        return store.countMessages();
    }

    @Override
    public List<StoredMessage> messages(String site, String node, String kind) {
        return store.messages(site, node, kind);
    }

    @Override
    public long countFiled(String site, String kind, Instant from, Instant to) {
        return store.countFiled(site, kind, from, to);
    }

    @Override
    public void forEachFiled(String site, String kind, Instant from, Instant to, Consumer<StoredMessage> each) {
        store.forEachFiled(site, kind, from, to, each);
    }

    @Override
    public List<AlertRecord> alertHistory(String site) {
        return store.alertHistory(site);
    }

    @Override
    public Optional<Recovery> recovery() {
        return store.recovery();
    }

    @Override
    public void close() {
        store.close();
    }
}
