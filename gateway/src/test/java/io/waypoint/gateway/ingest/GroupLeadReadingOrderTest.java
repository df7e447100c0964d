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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lead of a group judges a well's readings in the order the well made them, though the other
 * gateway of the group committed its share of the stream in another order: the stream's last readings
 * first, its middle after. Real Mosquitto, real PostgreSQL; the other gateway is its store session,
 * writing as a gateway's ingest does.
 */
class GroupLeadReadingOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final NodeRef WELL = new NodeRef("la-gloria", "well-01");
    private static final String TOPIC = "wp/v1/la-gloria/well-01/telemetry";
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";
    private static final Instant T = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private PostgresServer postgres;
    private Scheduler scheduler;
    private MqttProbe staff;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        postgres = PostgresServer.start(dir.resolve("pg"));
        scheduler = Scheduler.system("group-test");
        staff = MqttProbe.connect(broker.url(), EVENTS);
    }

    @AfterEach
    void stop() {
        staff.close();
        scheduler.close();
        postgres.close();
        broker.close();
    }

    /** What the other gateway's ingest writes for these seqs of the well (minute {@code seq} of its stream), unsafe from 10 to 19. */
    private static void othersShare(SharedGatewayStore other, long from, long to) {
        List<StoredMessage> messages = new ArrayList<>();
        List<FeedEntry> feed = new ArrayList<>();
        List<Touched> touched = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            double ntu = seq >= 10 && seq < 20 ? 7.2 : 0.4;
            Instant ts = T.plus(Duration.ofMinutes(seq));
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
        Uplink uplink = Uplink.direct(UplinkOptions.of(URI.create(broker.url()), "gateway.gw-a").withCleanSession(true), scheduler);
        try (SharedGatewayStore leads = GatewayStore.postgres(postgres.url(), PostgresServer.USER, null);
             SharedGatewayStore other = GatewayStore.postgres(postgres.url(), PostgresServer.USER, null);
             GatewayIngest lead = new GatewayIngest("gw-a", "gateways", leads, RuleBook.defaults(), uplink, scheduler)) {
            lead.start();
            uplink.start();
            othersShare(other, 1, 15);
            await().atMost(WAIT).until(() -> states().equals(List.of("raised")));
            // the minutes after the water cleared, in the order a loaded group can commit them
            othersShare(other, 56, 60);
            othersShare(other, 16, 55);
            await().atMost(WAIT).until(() -> states().equals(List.of("raised", "resolved")));
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> states().size() == 2);
            String resolved = staff.received(m -> m.topic().equals(EVENTS)).get(1).payload();
            assertThat(Instant.parse(resolved.replaceAll(".*\"at\":\"([^\"]+)\".*", "$1")))
                    .as("resolved at minute 25, five minutes after the first clear reading").isEqualTo(T.plus(Duration.ofMinutes(25)));
        } finally {
            uplink.close();
        }
    }
}
