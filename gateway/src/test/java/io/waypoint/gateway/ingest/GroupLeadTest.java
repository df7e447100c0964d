package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.gateway.store.SharedGatewayStore;
import io.waypoint.gateway.store.SharedGatewayStore.FeedEntry;
import io.waypoint.gateway.store.SharedGatewayStore.Touched;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.testkit.PostgresServer;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Uplink;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lead of a group, on a real Mosquitto and a real PostgreSQL. It judges a well's readings in the
 * order the well made them, whichever gateway committed them first. And when it dies after the broker
 * took an alert transition but before it recorded the PUBACK, the gateway taking over the lead
 * (another id, another process) finds the transition still owed, reads the group's mark, and does not
 * tell staff again.
 */
class GroupLeadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final NodeRef WELL = new NodeRef("la-gloria", "well-01");
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";
    private static final String GROUP_MARK = "wp/v1/_gateway/gateways/outbox";
    private static final String TOPIC = "wp/v1/la-gloria/well-01/telemetry";

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private PostgresServer postgres;
    private Scheduler scheduler;
    private MqttProbe staff;

    /** The store of a lead that dies before it can record any PUBACK: nothing ever leaves the outbox through it. */
    private static final class DyingBeforeItRecordsPubacks extends DelegatingStore implements SharedGatewayStore {
        private final SharedGatewayStore shared;

        DyingBeforeItRecordsPubacks(SharedGatewayStore store) {
            super(store);
            this.shared = store;
        }

        @Override
        public void published(List<Long> ids) {
            // killed first
        }

        @Override
        public Written writeShared(Batch batch, List<Touched> touched, List<FeedEntry> feed) {
            return shared.writeShared(batch, touched, feed);
        }

        @Override
        public Lead lead() {
            return shared.lead();
        }

        @Override
        public List<FeedItem> feed(int max) {
            return shared.feed(max);
        }

        @Override
        public void writeLed(Batch batch, List<Long> consumed) {
            shared.writeLed(batch, consumed);
        }
    }

    private record Running(GatewayIngest ingest, Uplink uplink) implements AutoCloseable {
        @Override
        public void close() {
            ingest.close();
            uplink.close();
        }
    }

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        postgres = PostgresServer.start(dir.resolve("pg"));
        scheduler = Scheduler.system("group-test");
        staff = MqttProbe.connect(broker.url(), EVENTS, GROUP_MARK);
    }

    @AfterEach
    void stop() {
        staff.close();
        scheduler.close();
        postgres.close();
        broker.close();
    }

    private SharedGatewayStore store() {
        return GatewayStore.postgres(postgres.url(), PostgresServer.USER, null);
    }

    private Running gateway(String id, SharedGatewayStore store) {
        Uplink uplink = Uplink.paho(UplinkOptions.of(URI.create(broker.url()), "gateway." + id).withCleanSession(true), scheduler);
        GatewayIngest ingest = new GatewayIngest(id, "gateways", store, RuleBook.defaults(), uplink, scheduler);
        ingest.start();
        uplink.start();
        return new Running(ingest, uplink);
    }

    private List<MqttProbe.Received> raised() {
        return staff.received(m -> m.topic().equals(EVENTS) && m.payload().contains("\"state\":\"raised\""));
    }

    /** What the other gateway's ingest writes for these seqs of the well (minute {@code seq} of its stream), unsafe from 10 to 19. */
    private static void othersShare(SharedGatewayStore other, Instant t, long from, long to) {
        List<StoredMessage> messages = new ArrayList<>();
        List<FeedEntry> feed = new ArrayList<>();
        List<Touched> touched = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            double ntu = seq >= 10 && seq < 20 ? 7.2 : 0.4;
            Instant ts = t.plus(Duration.ofMinutes(seq));
            String json = WireCodec.encode(Envelope.of(WELL, 1, seq, ts, ClockState.SYNCED),
                    new WellTelemetry(60, new Summary(ntu, ntu, ntu, 6), new Summary(10, 12, 14, 6), 12, 1000 + seq, 500, "ok", 0));
            messages.add(new StoredMessage(WELL.site(), WELL.node(), 1, seq, "telemetry", ts, Instant.now(), json));
            feed.add(new FeedEntry(TOPIC, json.getBytes(StandardCharsets.UTF_8), Instant.now(), ts, messages.size() - 1));
            touched.add(new Touched(WELL.site(), WELL.node(), 1, 0));
        }
        other.writeShared(new Batch(messages, List.of(), List.of(), List.of(), List.of(), null), touched, feed);
    }

    private List<String> states() {
        return staff.received(m -> m.topic().equals(EVENTS)).stream()
                .map(m -> m.payload().replaceAll(".*\"state\":\"([a-z]+)\".*", "$1")).toList();
    }

    @Test
    void aResolveIsToldThoughTheOtherGatewayCommittedTheWellsLastReadingsBeforeItsEarlierOnes() {
        Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        try (SharedGatewayStore other = store(); SharedGatewayStore leads = store(); Running lead = gateway("gw-a", leads)) {
            othersShare(other, t, 1, 15);
            await().atMost(WAIT).until(() -> states().equals(List.of("raised")));
            // the minutes after the water cleared, in the order a loaded group can commit them
            othersShare(other, t, 56, 60);
            othersShare(other, t, 16, 55);
            await().atMost(WAIT).until(() -> states().equals(List.of("raised", "resolved")));
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> states().size() == 2);
            String resolved = staff.received(m -> m.topic().equals(EVENTS)).get(1).payload();
            assertThat(Instant.parse(resolved.replaceAll(".*\"at\":\"([^\"]+)\".*", "$1")))
                    .as("resolved at minute 25, five minutes after the first clear reading").isEqualTo(t.plus(Duration.ofMinutes(25)));
        }
    }

    @Test
    void theGatewayTakingOverTheLeadDoesNotTellStaffAgainWhatTheBrokerTookFromTheDeadLead() {
        try (SharedGatewayStore dying = new DyingBeforeItRecordsPubacks(store()); Running first = gateway("gw-a", dying)) {
            Instant t = Instant.now().minus(Duration.ofHours(1));
            for (int seq = 1; seq <= 4; seq++) { // four minutes of unsafe water: turbidity_unsafe is raised after two
                Envelope env = Envelope.of(WELL, 1, seq, t.plus(Duration.ofMinutes(seq)), ClockState.SYNCED);
                WellTelemetry body = new WellTelemetry(60, new Summary(7, 7, 7, 6), new Summary(10, 12, 14, 6), 12, 1000, 500, "ok", 0);
                first.ingest().offer("wp/v1/la-gloria/well-01/telemetry", WireCodec.encode(env, body).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(WAIT).until(() -> raised().size() == 1 && !staff.received(m -> m.topic().equals(GROUP_MARK)).isEmpty());
            assertThat(first.ingest().stats().counters().get("leading")).isEqualTo(1);
        }
        try (SharedGatewayStore store = store()) {
            assertThat(store.pendingPublications()).as("the raise, still owed as far as the dead lead knew").hasSize(2);
            try (Running next = gateway("gw-b", store)) {
                await().atMost(WAIT).until(() -> next.ingest().stats().counters().get("leading") == 1);
                await().atMost(WAIT).until(() -> store.pendingPublications().isEmpty());
                await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> raised().size() == 1);
            }
        }
    }
}
