package io.waypoint.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The uplink contract over our own client, and what it does beyond the contract. */
class DirectUplinkTest extends UplinkContractTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Override
    Uplink create(UplinkOptions o, ReconnectBackoff backoff) {
        return new DirectUplink(o, scheduler, backoff);
    }

    @Test
    void thousandsOfMessagesArriveEachOnceInOrderWithTheirRetainFlag() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        Uplink up = uplink(options(broker.url(), "site.many"), Duration.ofMinutes(5));
        List<String> got = new CopyOnWriteArrayList<>();
        up.subscribe("t/+/data", (topic, payload, retained) -> got.add(topic + "=" + new String(payload, StandardCharsets.UTF_8)));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        List<String> sent = new ArrayList<>();
        try (MqttProbe probe = MqttProbe.connect(broker.url())) {
            awaitListening(probe, got);
            got.clear();
            for (int i = 0; i < 5_000; i++) {
                // sizes across the one- and two-byte remaining lengths, and past the read buffer
                String body = "x".repeat(i % 300) + i + (i == 4_000 ? "y".repeat(100_000) : "");
                probe.publish("t/n" + (i % 7) + "/data", body, false);
                sent.add("t/n" + (i % 7) + "/data=" + body);
            }
            await().atMost(WAIT).until(() -> got.stream().filter(m -> !m.startsWith("t/warm/")).count() >= 5_000);
        }
        got.removeIf(m -> m.startsWith("t/warm/"));
        assertThat(got).containsExactlyElementsOf(sent);
        assertThat(up.stats().received()).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void whileMessagesFlowAReadWaitsForMoreSoOneReadServesMany() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        UplinkOptions o = options(broker.url(), "site.gather").withReadGathering(Duration.ofMillis(5));
        DirectUplink up = (DirectUplink) uplink(o, Duration.ofMinutes(5));
        List<String> got = new CopyOnWriteArrayList<>();
        up.subscribe("t/+/data", (topic, payload, retained) -> got.add(new String(payload, StandardCharsets.UTF_8)));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        List<String> sent = new ArrayList<>();
        try (MqttProbe probe = MqttProbe.connect(broker.url())) {
            awaitListening(probe, got);
            await().during(Duration.ofMillis(50)).atMost(WAIT).until(() -> true); // the last warm-up copies in
            got.clear();
            long readsBefore = up.socketReads();
            for (int i = 0; i < 2_000; i++) { // one at a time, each waiting for its PUBACK: a steady trickle
                probe.publish("t/n" + (i % 5) + "/data", "m" + i, false);
                sent.add("m" + i);
            }
            await().atMost(WAIT).until(() -> got.stream().filter(m -> m.startsWith("m")).count() >= 2_000);
            got.removeIf(m -> !m.startsWith("m"));
            assertThat(got).containsExactlyElementsOf(sent);
            // read as it comes, about one read a message; paused 5 ms after each read while they flow, a few dozen a read
            assertThat(up.socketReads() - readsBefore).isLessThan(2_000 / 4);
        }
    }

    @Test
    void gathersAMillisecondByDefaultAndRefusesAPauseLongerThanAnAlertCanWait() {
        UplinkOptions field = UplinkOptions.of(java.net.URI.create("tcp://127.0.0.1:1883"), "site.node");
        assertThat(field.readGathering()).isEqualTo(Duration.ofMillis(1));
        assertThat(field.withReadGathering(Duration.ZERO).withKeepAlive(Duration.ofSeconds(5)).readGathering())
                .isZero(); // kept through the other withers
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> field.withReadGathering(Duration.ofMillis(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readGathering");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> field.withReadGathering(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readGathering");
    }

    @Test
    void aSubscriptionAddedLaterAlsoGetsATopicAlreadyHeard() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        Uplink up = uplink(options(broker.url(), "site.later"), Duration.ofMinutes(5));
        List<String> wide = new CopyOnWriteArrayList<>();
        List<String> narrow = new CopyOnWriteArrayList<>();
        up.subscribe("t/#", (topic, payload, retained) -> wide.add(new String(payload, StandardCharsets.UTF_8)));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        try (MqttProbe probe = MqttProbe.connect(broker.url())) {
            await().atMost(WAIT).until(() -> { // the topic is heard, and its routes remembered
                probe.publish("t/a/data", "before", false);
                return wide.contains("before");
            });
            up.subscribe("t/+/data", (topic, payload, retained) -> narrow.add(new String(payload, StandardCharsets.UTF_8)));
            await().atMost(WAIT).until(() -> {
                probe.publish("t/a/data", "after", false);
                return narrow.contains("after");
            });
            probe.publish("t/b/other", "elsewhere", false);
            await().atMost(WAIT).until(() -> wide.contains("elsewhere"));
        }
        // a copy of "before" still on its way when narrow subscribed reaches it too, as it should: only "elsewhere" must not
        assertThat(narrow).contains("after").doesNotContain("elsewhere");
    }

    /** Publishes on {@code t/warm/data} until {@code got} has something: the uplink's subscription is then in place. */
    private static void awaitListening(MqttProbe probe, List<String> got) {
        await().atMost(WAIT).until(() -> {
            probe.publish("t/warm/data", "w", false);
            return !got.isEmpty();
        });
    }

    @Test
    void aMessageIsNotAcknowledgedBeforeItsHandlerReturnedSoTheBrokerSendsItAgain() throws Exception {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b"), true, List.of()));
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> deliveries = new CopyOnWriteArrayList<>();
        Uplink up = uplink(options(broker.url(), "site.durable"), Duration.ofMinutes(5));
        up.subscribe("t/durable", (topic, payload, retained) -> {
            deliveries.add(new String(payload, StandardCharsets.UTF_8));
            if (deliveries.size() == 1) {
                inHandler.countDown();
                try {
                    release.await(); // the message is still being made durable when the connection goes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        try (MqttProbe probe = MqttProbe.connect(broker.url())) {
            probe.publish("t/durable", "keep me", false);
        }
        assertThat(inHandler.await(15, TimeUnit.SECONDS)).isTrue();
        broker.stop(); // saves our session with the message it has no PUBACK for
        release.countDown();
        broker.restart();
        await().atMost(WAIT).until(() -> deliveries.size() == 2);
        assertThat(deliveries).containsExactly("keep me", "keep me");
    }

    @Test
    void aPublishInFlightWhenTheConnectionDropsIsReportedFailedAndFreesItsPermit() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        Uplink up = uplink(options(broker.url(), "site.drop").withMaxInFlight(1), Duration.ofMinutes(5));
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        List<Boolean> outcomes = new CopyOnWriteArrayList<>();
        broker.freeze();
        assertThat(up.publish(Outgoing.of("t/a", utf8("1")), outcomes::add)).isTrue();
        assertThat(up.inFlight()).isEqualTo(1);
        broker.kill();
        await().atMost(WAIT).until(() -> outcomes.size() == 1);
        assertThat(outcomes).containsExactly(false);
        assertThat(up.inFlight()).isZero();
        assertThat(up.stats().publishFailures()).isEqualTo(1);
    }

    @Test
    void aBrokerThatStopsAnsweringIsDroppedAfterTheKeepAliveAndReconnectedWhenItWakes() {
        MosquittoBroker broker = closing(MosquittoBroker.start(dir.resolve("b")));
        AtomicInteger lost = new AtomicInteger();
        Uplink up = uplink(options(broker.url(), "site.silent").withKeepAlive(Duration.ofSeconds(2)), Duration.ofMinutes(5));
        up.addListener(new Uplink.ConnectionListener() {
            @Override
            public void connected() {
            }

            @Override
            public void disconnected(String cause) {
                lost.incrementAndGet();
            }
        });
        up.start();
        await().atMost(WAIT).until(up::isConnected);
        broker.freeze(); // the socket stays open, nothing answers
        await().atMost(WAIT).until(() -> lost.get() == 1);
        assertThat(up.isConnected()).isFalse();
        broker.thaw();
        await().atMost(WAIT).until(up::isConnected);
        assertThat(up.stats().connects()).isEqualTo(2);
    }

    @Test
    void aCaFileWithAPlainBrokerUrlIsRefusedWithWhatToDo() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> create(
                        options("tcp://127.0.0.1:1883", "site.ca").withCaFile(dir.resolve("ca.pem")),
                        ReconnectBackoff.upTo(Duration.ofSeconds(1), Math::random)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ca.pem").hasMessageContaining("ssl://");
    }
}
