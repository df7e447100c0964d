package io.waypoint.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed after the broker took an alert transition but before it recorded the broker's
 * PUBACK: the next gateway finds the transition still in its outbox, and must not tell staff again.
 */
class AlertOutboxRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final NodeRef WELL = new NodeRef("la-gloria", "well-01");
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";
    private static final String MARK = "wp/v1/_gateway/gw-t/outbox";

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private Scheduler scheduler;
    private MqttProbe staff;

    /** The store of a process that dies before it can record any PUBACK: nothing ever leaves its outbox. */
    private static final class DyingBeforeItRecordsPubacks extends DelegatingStore {
        DyingBeforeItRecordsPubacks(GatewayStore store) {
            super(store);
        }

        @Override
        public void published(List<Long> ids) {
            // killed first
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
        scheduler = Scheduler.system("gw-test");
        staff = MqttProbe.connect(broker.url(), EVENTS, MARK);
    }

    @AfterEach
    void stop() {
        staff.close();
        scheduler.close();
        broker.close();
    }

    /**
     * The uplink of a process that dies between handing the broker an alert and handing it the mark
     * that follows: its marks never leave. With {@code beforeAnyEcho}, it dies before the alert comes
     * back to it too (and its session with the broker is lost: it never asked for the echoes).
     */
    private static final class DyingBeforeItsMark implements Uplink {
        private final Uplink paho;
        private final boolean beforeAnyEcho;

        DyingBeforeItsMark(Uplink paho, boolean beforeAnyEcho) {
            this.paho = paho;
            this.beforeAnyEcho = beforeAnyEcho;
        }

        @Override
        public void start() {
            paho.start();
        }

        @Override
        public boolean isConnected() {
            return paho.isConnected();
        }

        @Override
        public boolean publish(Outgoing message, DeliveryListener done) {
            return message.topic().equals(MARK) || paho.publish(message, done);
        }

        @Override
        public void subscribe(String filter, MessageHandler handler) {
            if (!beforeAnyEcho || !filter.contains("/alerts/")) {
                paho.subscribe(filter, handler);
            }
        }

        @Override
        public void subscribeBeforeAck(String filter, MessageHandler handler) {
            if (!beforeAnyEcho || !filter.contains("/alerts/")) {
                paho.subscribeBeforeAck(filter, handler);
            }
        }

        @Override
        public void addListener(ConnectionListener listener) {
            paho.addListener(listener);
        }

        @Override
        public int inFlight() {
            return paho.inFlight();
        }

        @Override
        public UplinkStats stats() {
            return paho.stats();
        }

        @Override
        public void close() {
            paho.close();
        }
    }

    private Running gateway(GatewayStore store) {
        return gateway(store, paho -> paho);
    }

    private Running gateway(GatewayStore store, java.util.function.UnaryOperator<Uplink> dying) {
        Uplink uplink = dying.apply(Uplink.paho(UplinkOptions.of(URI.create(broker.url()), "gateway.gw-t"), scheduler));
        GatewayIngest ingest = new GatewayIngest("gw-t", store, RuleBook.defaults(), uplink, scheduler, dir.resolve("gw/alert-echoes"));
        ingest.start();
        uplink.start();
        return new Running(ingest, uplink);
    }

    /** Four minutes of unsafe water: turbidity_unsafe is raised after two. */
    private static void unsafeWater(GatewayIngest ingest) {
        Instant t = Instant.now().minus(Duration.ofHours(1));
        for (int seq = 1; seq <= 4; seq++) {
            Envelope env = Envelope.of(WELL, 1, seq, t.plus(Duration.ofMinutes(seq)), ClockState.SYNCED);
            WellTelemetry body = new WellTelemetry(60, new Summary(7, 7, 7, 6), new Summary(10, 12, 14, 6), 12, 1000, 500, "ok", 0);
            ingest.offer("wp/v1/la-gloria/well-01/telemetry", WireCodec.encode(env, body).getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<MqttProbe.Received> raised() {
        return staff.received(m -> m.topic().equals(EVENTS) && m.payload().contains("\"state\":\"raised\""));
    }

    /** As it, but the gateway dies before the mark after the alert reaches the broker (and maybe before the alert comes back). */
    private void raiseAndDieBeforeItsMark(boolean beforeAnyEcho) {
        try (Running first = gateway(new DyingBeforeItRecordsPubacks(GatewayStore.sqlite(dir.resolve("gw"))),
                paho -> new DyingBeforeItsMark(paho, beforeAnyEcho))) {
            unsafeWater(first.ingest());
            await().atMost(WAIT).until(() -> raised().size() == 1);
        }
        assertThat(staff.received(m -> m.topic().equals(MARK))).as("no mark reached the broker").isEmpty();
    }

    /** The first gateway raises the alert, the broker takes it, and the gateway dies with it still in its outbox. */
    private void raiseAndDieBeforeRecordingThePuback() {
        try (Running first = gateway(new DyingBeforeItRecordsPubacks(GatewayStore.sqlite(dir.resolve("gw"))))) {
            unsafeWater(first.ingest());
            await().atMost(WAIT).until(() -> raised().size() == 1 && !staff.received(m -> m.topic().equals(MARK)).isEmpty());
        }
        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw"))) {
            assertThat(store.pendingPublications()).as("the raise, still owed as far as the dead gateway knew").hasSize(2);
        }
    }

    @Test
    void aRestartedGatewayDoesNotTellStaffAgainWhatTheBrokerTookBeforeItDied() {
        raiseAndDieBeforeRecordingThePuback();
        restartAndExpectStaffToHaveHeardItOnce();
    }

    @Test
    void aGatewayKilledBetweenTheAlertAndItsMarkDoesNotTellStaffAgain() {
        raiseAndDieBeforeItsMark(false);
        restartAndExpectStaffToHaveHeardItOnce();
    }

    /** The next gateway empties its outbox without sending the raise again: staff heard it once. */
    private void restartAndExpectStaffToHaveHeardItOnce() {
        GatewayStore store = GatewayStore.sqlite(dir.resolve("gw"));
        try (Running next = gateway(store)) {
            await().atMost(WAIT).until(() -> store.pendingPublications().isEmpty());
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> raised().size() == 1);
        } finally {
            store.close();
        }
    }

    @Test
    void withoutAProofThatTheBrokerTookThemItSendsThemAgainRatherThanLoseThem() {
        raiseAndDieBeforeItsMark(true);
        // the broker restarts without persistence: its retained alert and every session are gone, so
        // nothing at all tells the next gateway that the broker took the raise. (A mark or an echo
        // queued in the dead gateway's session would rightly count as the broker having the rows.)
        staff.close();
        broker.kill();
        broker.restart();
        staff = MqttProbe.connect(broker.url(), EVENTS, MARK);

        GatewayStore store = GatewayStore.sqlite(dir.resolve("gw"));
        try (Running next = gateway(store)) {
            await().atMost(WAIT).until(() -> raised().size() == 1); // sent again to the new probe
            await().atMost(WAIT).until(() -> store.pendingPublications().isEmpty());
        } finally {
            store.close();
        }
    }
}
