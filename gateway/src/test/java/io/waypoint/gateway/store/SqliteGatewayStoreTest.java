package io.waypoint.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.Publication;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGatewayStoreTest {
    private static final Instant T = Instant.parse("2026-11-27T12:00:00Z");
    @TempDir
    Path dir;

    private static StoredMessage msg(long boot, long seq) {
        return new StoredMessage("la-gloria", "well-01", boot, seq, "telemetry", T.plusSeconds(seq), T, "{\"seq\":" + seq + "}");
    }

    private static Batch messages(StoredMessage... m) {
        return new Batch(List.of(m), List.of(), List.of(), List.of(), List.of(), null);
    }

    @Test
    void storesEachMessageOnceAndSaysWhichWereNew() {
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            assertThat(s.write(messages(msg(1, 1), msg(1, 2)))).containsExactly(true, true);
            assertThat(s.write(messages(msg(1, 2), msg(1, 3), msg(2, 2)))).containsExactly(false, true, true);
            assertThat(s.countMessages()).isEqualTo(4);
            assertThat(s.messages("la-gloria", "well-01", "telemetry")).extracting(StoredMessage::seq).containsExactly(1L, 2L, 3L, 2L);
        }
    }

    @Test
    void everythingSurvivesReopening() {
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            s.write(new Batch(List.of(msg(1, 1)), List.of(new SequenceState("la-gloria", "well-01", 1, 1, 0)),
                    List.of(new NodeState("la-gloria", "well-01", 1, true, T, T)), List.of(),
                    List.of(new Publication(0, "wp/v1/la-gloria/alerts/events", "{}".getBytes(StandardCharsets.UTF_8), false)),
                    "{\"alerts\":[]}"));
        }
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            assertThat(s.countMessages("la-gloria", "well-01")).isEqualTo(1);
            assertThat(s.sequences()).containsExactly(new SequenceState("la-gloria", "well-01", 1, 1, 0));
            assertThat(s.nodes()).containsExactly(new NodeState("la-gloria", "well-01", 1, true, T, T));
            assertThat(s.engineSnapshot()).contains("{\"alerts\":[]}");
            List<Publication> pending = s.pendingPublications();
            assertThat(pending).hasSize(1);
            s.published(List.of(pending.get(0).id()));
            assertThat(s.pendingPublications()).isEmpty();
        }
    }

    @Test
    void aNodeStateWithoutMessageTimeKeepsTheLastOne() {
        try (GatewayStore s = GatewayStore.sqlite(dir)) {
            s.write(new Batch(List.of(), List.of(), List.of(new NodeState("s", "n", 1, true, T, T)), List.of(), List.of(), null));
            s.write(new Batch(List.of(), List.of(), List.of(new NodeState("s", "n", 1, false, T.plusSeconds(5), null)), List.of(), List.of(), null));
            assertThat(s.nodes()).containsExactly(new NodeState("s", "n", 1, false, T.plusSeconds(5), T));
        }
    }
}
