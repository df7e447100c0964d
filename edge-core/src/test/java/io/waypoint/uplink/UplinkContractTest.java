package io.waypoint.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.time.Scheduler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Uplink} promises, against a real Mosquitto that the test starts, kills, freezes and
 * restarts: run for Paho ({@link PahoUplinkTest}) and for our own client ({@link DirectUplinkTest}).
 */
abstract class UplinkContractTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path dir;
    final Scheduler scheduler = Scheduler.system("uplink-test");
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        scheduler.close();
    }

    /** The uplink under test, with these options and this backoff. */
    abstract Uplink create(UplinkOptions o, ReconnectBackoff backoff);

    <T extends AutoCloseable> T closing(T c) {
        toClose.add(0, c);
        return c;
    }

    /** Short delays so reconnect tests take seconds; the schedule's shape is ReconnectBackoffTest's job. */
    Uplink uplink(UplinkOptions o, Duration authRetry) {
        ReconnectBackoff fast = new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.25,
                Duration.ofSeconds(30), authRetry, Math::random);
        return closing(create(o, fast));
    }

    static UplinkOptions options(String url, String clientId) {
        return UplinkOptions.of(URI.create(url), clientId);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void retriesAFailedFirstConnectUntilTheBrokerComesUp() {
        int port = FreePorts.next();
        Uplink up = uplink(options("tcp://127.0.0.1:" + port, "site.first"), Duration.ofMinutes(5));
        up.start();
        await().atMost(WAIT).until(() -> up.stats().connectFailures() >= 2);
        assertThat(up.isConnected()).isFalse();

        closing(MosquittoBroker.startOn(port, dir.resolve("b"), false, List.of()));

        await().atMost(WAIT).until(up::isConnected);
        assertThat(up.stats().connects()).isEqualTo(1);
    }

    @Test
    void publishesTheBirthAndResubscribesAfterABrokerRestartWithoutPersistence() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        AtomicInteger births = new AtomicInteger();
        UplinkOptions o = options(broker.url(), "site.node").withLifecycle(
                Outgoing.retained("t/site/node/state", utf8("{\"online\":false}")),
                () -> Outgoing.retained("t/site/node/state", utf8("{\"online\":true,\"n\":" + births.incrementAndGet() + "}")),
                null);
        Uplink up = uplink(o, Duration.ofMinutes(5));
        List<String> commands = new CopyOnWriteArrayList<>();
        up.subscribe("t/site/node/cmd/#", (topic, payload, retained) -> commands.add(new String(payload, StandardCharsets.UTF_8)));
        up.start();
        await().atMost(WAIT).until(up::isConnected);

        broker.kill();
        await().atMost(WAIT).until(() -> !up.isConnected());
        broker.restart(); // no persistence: retained state and our subscription are gone

        await().atMost(WAIT).until(() -> up.isConnected() && births.get() == 2);
        try (MqttProbe probe = MqttProbe.connect(broker.url(), "t/site/node/state")) {
            MqttProbe.Received state = probe.awaitTopic(WAIT, "t/site/node/state");
            assertThat(state.retained()).isTrue();
            assertThat(state.payload()).isEqualTo("{\"online\":true,\"n\":2}");
            probe.publish("t/site/node/cmd/rebirth", "go", false);
            await().atMost(WAIT).until(() -> commands.contains("go"));
        }
    }

    @Test
    void aSharedSubscriptionHandsEachMessageToOneMemberUnderItsOwnTopic() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        List<String> toA = new CopyOnWriteArrayList<>();
        List<String> toB = new CopyOnWriteArrayList<>();
        for (List<String> into : List.of(toA, toB)) {
            Uplink up = uplink(options(broker.url(), "member-" + (into == toA ? "a" : "b")).withCleanSession(true), Duration.ofMinutes(5));
            up.subscribe("$share/group/t/+/data", (topic, payload, retained) -> into.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
            up.start();
            await().atMost(WAIT).until(up::isConnected);
        }
        try (MqttProbe probe = MqttProbe.connect(broker.url())) {
            await().atMost(WAIT).until(() -> { // a subscription is in place once a message reaches it
                probe.publish("t/warmup/data", "w", false);
                return !toA.isEmpty() || !toB.isEmpty();
            });
            for (int i = 0; i < 40; i++) {
                probe.publish("t/n" + (i % 3) + "/data", Integer.toString(i), false);
            }
            await().atMost(WAIT).until(() -> toA.size() + toB.size() - warmups(toA) - warmups(toB) >= 40);
        }
        toA.removeIf(m -> m.startsWith("t/warmup/"));
        toB.removeIf(m -> m.startsWith("t/warmup/"));
        List<String> all = new java.util.ArrayList<>(toA);
        all.addAll(toB);
        assertThat(all).as("each message once, to one member, under the topic it was published on")
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 40).mapToObj(i -> "t/n" + (i % 3) + "/data " + i).toList());
        assertThat(toA).as("member a's share").isNotEmpty();
        assertThat(toB).as("member b's share").isNotEmpty();
    }

    private static long warmups(List<String> received) {
        return received.stream().filter(m -> m.startsWith("t/warmup/")).count();
    }

    @Test
    void aSharedSubscriptionMatchesByItsFilter() {
        assertThat(Uplink.topicFilterOf("$share/gateways/wp/v1/+/+/telemetry")).isEqualTo("wp/v1/+/+/telemetry");
        assertThat(Uplink.topicFilterOf("wp/v1/+/+/telemetry")).isEqualTo("wp/v1/+/+/telemetry");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Uplink.topicFilterOf("$share/nofilter"))
                .hasMessageContaining("$share/GROUP/FILTER");
    }

    @Test
    void theFarewellReplacesTheBirthOnACleanClose() throws Exception {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        UplinkOptions o = options(broker.url(), "site.bye").withKeepAlive(Duration.ofSeconds(2)).withLifecycle(
                Outgoing.retained("t/bye/state", utf8("dead")),
                () -> Outgoing.retained("t/bye/state", utf8("alive")),
                () -> Outgoing.retained("t/bye/state", utf8("stopped")));
        Uplink up = uplink(o, Duration.ofMinutes(5));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        try (MqttProbe probe = MqttProbe.connect(broker.url(), "t/bye/state")) {
            probe.await(WAIT, r -> r.payload().equals("alive"));
            up.close();
            probe.await(WAIT, r -> r.payload().equals("stopped"));
        }
    }

    @Test
    void publishRefusesInsteadOfBlockingWhenTheInFlightWindowIsFull() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        Uplink up = uplink(options(broker.url(), "site.window").withMaxInFlight(2), Duration.ofMinutes(5));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        List<Boolean> outcomes = new CopyOnWriteArrayList<>();

        broker.freeze(); // no PUBACK comes back while frozen
        assertThat(up.publish(Outgoing.of("t/a", utf8("1")), outcomes::add)).isTrue();
        assertThat(up.publish(Outgoing.of("t/a", utf8("2")), outcomes::add)).isTrue();
        assertThat(up.publish(Outgoing.of("t/a", utf8("3")), outcomes::add)).isFalse();
        assertThat(up.inFlight()).isEqualTo(2);

        broker.thaw();
        await().atMost(WAIT).until(() -> outcomes.size() == 2);
        assertThat(outcomes).containsExactly(true, true);
        assertThat(up.inFlight()).isZero();
        assertThat(up.publish(Outgoing.of("t/a", utf8("3")), outcomes::add)).isTrue();
    }

    @Test
    void publishAllTakesWhatTheWindowHasRoomForAndDeliversItInOrder() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        Uplink up = uplink(options(broker.url(), "site.batch").withMaxInFlight(50), Duration.ofMinutes(5));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        List<Outgoing> day = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            day.add(Outgoing.of("t/batch", utf8("m" + i)));
        }
        List<Boolean> outcomes = new CopyOnWriteArrayList<>();
        try (MqttProbe probe = MqttProbe.connect(broker.url(), "t/batch")) {
            broker.freeze(); // no PUBACK comes back while frozen: the window stays full
            assertThat(up.publishAll(day.subList(0, 30), outcomes::add)).isEqualTo(30);
            assertThat(up.publishAll(day.subList(30, 120), outcomes::add)).isEqualTo(20); // 50 in flight
            assertThat(up.inFlight()).isEqualTo(50);
            assertThat(up.publishAll(day.subList(50, 120), outcomes::add)).isZero();

            broker.thaw();
            await().atMost(WAIT).until(() -> outcomes.size() == 50);
            int[] next = {50}; // from here PUBACKs come back while it publishes: it takes at least the free window
            await().atMost(WAIT).until(() -> {
                int taken = up.publishAll(day.subList(next[0], 120), outcomes::add);
                assertThat(taken).isLessThanOrEqualTo(120 - next[0]);
                next[0] += taken;
                return next[0] == 120;
            });
            await().atMost(WAIT).until(() -> probe.received(r -> r.topic().equals("t/batch")).size() == 120);
            assertThat(probe.received(r -> r.topic().equals("t/batch"))).extracting(MqttProbe.Received::payload)
                    .containsExactlyElementsOf(day.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList());
        }
        await().atMost(WAIT).until(() -> outcomes.size() == 120);
        assertThat(outcomes).containsOnly(true);
        assertThat(up.inFlight()).isZero();
    }

    @Test
    void aRefusedLoginIsReportedAndRetriedSlowlyNotInATightLoop() {
        Path passwd = MosquittoBroker.passwordFile(dir.resolve("b"), "gateway", "right-password");
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b"), false,
                List.of("allow_anonymous false", "password_file " + passwd)));
        Uplink up = uplink(options(broker.url(), "site.auth").withCredentials("gateway", "wrong".toCharArray()),
                Duration.ofMinutes(10));
        up.start();
        await().atMost(WAIT).until(() -> up.stats().connectFailures() == 1);

        // with the ordinary backoff (50-400 ms here) this would be several attempts by now
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> up.stats().connectFailures() == 1);
        assertThat(up.isConnected()).isFalse();
    }

    @Test
    void rightCredentialsConnect() {
        Path passwd = MosquittoBroker.passwordFile(dir.resolve("b"), "gateway", "right-password");
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b"), false,
                List.of("allow_anonymous false", "password_file " + passwd)));
        Uplink up = uplink(options(broker.url(), "site.auth").withCredentials("gateway", "right-password".toCharArray()),
                Duration.ofMinutes(10));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
    }
}
