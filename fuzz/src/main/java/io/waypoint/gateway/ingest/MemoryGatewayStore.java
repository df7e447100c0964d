package io.waypoint.gateway.ingest;

import io.waypoint.gateway.store.GatewayStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link GatewayStore} in memory, for one fuzz input: it keeps what the ingest writes as SQLite
 * would (a message once per site, node, boot and seq; the latest watermark, node state and engine
 * snapshot; publications until confirmed), without the disk.
 */
final class MemoryGatewayStore implements GatewayStore {
    private final Set<String> messageKeys = new HashSet<>();
    private final List<StoredMessage> messages = new ArrayList<>();
    private final Map<String, SequenceState> sequences = new LinkedHashMap<>();
    private final Map<String, NodeState> nodes = new LinkedHashMap<>();
    private final List<AlertRecord> alerts = new ArrayList<>();
    private final Map<Long, Publication> publications = new LinkedHashMap<>();
    private final Map<String, BootClock> clocks = new LinkedHashMap<>();
    private long nextPublication = 1;
    private String snapshot;

    @Override
    public boolean[] write(Batch batch) {
        boolean[] fresh = new boolean[batch.messages().size()];
        for (int i = 0; i < fresh.length; i++) {
            StoredMessage m = batch.messages().get(i);
            fresh[i] = messageKeys.add(m.site() + "/" + m.node() + "/" + m.boot() + "/" + m.seq());
            if (fresh[i]) {
                messages.add(m);
            }
        }
        batch.sequences().forEach(s -> sequences.put(s.site() + "/" + s.node() + "/" + s.boot(), s));
        batch.nodes().forEach(n -> nodes.put(n.site() + "/" + n.node(), n));
        alerts.addAll(batch.alerts());
        for (Publication p : batch.publications()) {
            long id = nextPublication++;
            publications.put(id, new Publication(id, p.topic(), p.payload(), p.retained()));
        }
        batch.clocks().forEach(c -> clocks.put(c.site() + "/" + c.node() + "/" + c.boot(), c));
        for (Refile r : batch.refiles()) {
            messages.replaceAll(m -> m.site().equals(r.site()) && m.node().equals(r.node()) && m.boot() == r.boot() && !m.synced()
                    ? new StoredMessage(m.site(), m.node(), m.boot(), m.seq(), m.kind(), m.ts(), m.received(), m.body(), false,
                    m.ts().plusMillis(r.offsetMs()), r.by())
                    : m);
        }
        if (batch.engineSnapshot() != null) {
            snapshot = batch.engineSnapshot();
        }
        return fresh;
    }

    @Override
    public List<SequenceState> sequences() {
        return List.copyOf(sequences.values());
    }

    @Override
    public List<NodeState> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public Optional<String> engineSnapshot() {
        return Optional.ofNullable(snapshot);
    }

    @Override
    public List<Publication> pendingPublications() {
        return List.copyOf(publications.values());
    }

    @Override
    public void published(List<Long> ids) {
        ids.forEach(publications::remove);
    }

    @Override
    public long countMessages(String site, String node) {
        return messages.stream().filter(m -> m.site().equals(site) && m.node().equals(node)).count();
    }

    @Override
    public List<BootClock> bootClocks() {
        return List.copyOf(clocks.values());
    }

    @Override
    public long countFiled(String site, String kind, java.time.Instant from, java.time.Instant to) {
        return messages.stream().filter(m -> m.site().equals(site) && m.kind().equals(kind)
                && !m.filedAt().isBefore(from) && m.filedAt().isBefore(to)).count();
    }

    @Override
    public Optional<Recovery> recovery() {
        return Optional.empty();
    }

    @Override
    public long countMessages() {
        return messages.size();
    }

    @Override
    public List<StoredMessage> messages(String site, String node, String kind) {
        return messages.stream().filter(m -> m.site().equals(site) && m.node().equals(node) && m.kind().equals(kind)).toList();
    }

    @Override
    public List<AlertRecord> alertHistory(String site) {
        return alerts.stream().filter(a -> a.site().equals(site)).toList();
    }

    @Override
    public void close() {
    }
}
