package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.testkit.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes of one group sharing the load of four streaming nodes through Mosquitto's
 * shared subscription, with one PostgreSQL store, all real; the gateway holding the alert lead is
 * SIGKILLed mid-stream, with an alert open, and the other carries on alone.
 */
class GatewayGroupKillTest {
    private static final Duration LONG = Duration.ofSeconds(120);
    private static final String SITE = "la-gloria";
    private static final String EVENTS = "wp/v1/" + SITE + "/alerts/events";
    private static final Pattern COUNTER = Pattern.compile("\"([a-z_]+)\":([0-9]+)");

    @TempDir
    Path dir;

    private static long counter(String json, String name) {
        Matcher m = COUNTER.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new AssertionError("no counter " + name + " in " + json);
    }

    /** Each gateway's latest retained stats, by gateway id. */
    private static Map<String, String> latestStats(MqttProbe probe) {
        Map<String, String> out = new LinkedHashMap<>();
        for (MqttProbe.Received r : probe.received(r -> r.topic().endsWith("/stats"))) {
            out.put(r.topic().split("/")[3], r.payload());
        }
        return out;
    }

    private static Predicate<MqttProbe.Received> alertEvent(String key, String state) {
        return m -> m.topic().equals(EVENTS) && m.payload().contains("\"key\":\"" + key + "\"")
                && m.payload().contains("\"state\":\"" + state + "\"");
    }

    @Test
    void twoGatewaysSplitTheLoadAndWhenTheLeadIsKilledTheOtherCarriesOnLosingAndRepeatingNothing() throws Exception {
        int nodes = 4;
        int count = 400; // a summary every 5 simulated seconds at 120x: 33 simulated minutes, 17 s of wall time
        String unsafe = "turbidity_unsafe.well-01";
        String high = "turbidity_high.well-01";
        long t0 = System.nanoTime();
        List<NodeProcess> streams = new ArrayList<>();
        Map<String, Long> shareAtKill;
        String killed;
        long killedAt;
        List<MqttProbe.Received> events;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             PostgresServer postgres = PostgresServer.start(dir.resolve("pg"))) {
            List<String> group = List.of("[broker]", "shared_group = gateways", "reconnect_max = 1s", "[store]",
                    "url = " + postgres.url(), "user = " + PostgresServer.USER, "password = " + PostgresServer.PASSWORD);
            try (GatewayProcess a = new GatewayProcess("gw-a", dir.resolve("gw-a"), broker.url(), group).start();
                 GatewayProcess b = new GatewayProcess("gw-b", dir.resolve("gw-b"), broker.url(), group).start();
                 MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/" + SITE + "/alerts/#", "wp/v1/_gateway/+/stats")) {
                Map<String, GatewayProcess> gateways = Map.of("gw-a", a, "gw-b", b);
                try {
                    for (int n = 1; n <= nodes; n++) {
                        // well-01: 7 NTU from minute 5 to minute 17 raises turbidity_unsafe (above 5 NTU for 2 min) and
                        // turbidity_high (above 1 NTU for 10 min); clear water for 5 min resolves both
                        List<String> options = new ArrayList<>(List.of("--speed", "120", "--reconnect-max-ms", "1000"));
                        if (n == 1) {
                            options.addAll(List.of("--unsafe", "60-204"));
                        }
                        streams.add(NodeProcess.start(dir.resolve("node-" + n), broker.url(), SITE, "well-0" + n, count, 24, 1000,
                                options.toArray(String[]::new)));
                    }
                    // mid-stream, with turbidity_unsafe open: the lead (whichever that is) dies
                    probe.await(LONG, alertEvent(unsafe, "raised"));
                    await("both gateways' stats say who leads").atMost(LONG).until(() -> latestStats(probe).size() == 2
                            && latestStats(probe).values().stream().mapToLong(s -> counter(s, "leading")).sum() == 1);
                    killed = latestStats(probe).entrySet().stream().filter(e -> counter(e.getValue(), "leading") == 1)
                            .findFirst().orElseThrow().getKey();
                    assertThat(streams).as("mid-stream: no node has sent everything yet").noneMatch(NodeProcess::sentAll);
                    gateways.get(killed).kill();
                    killedAt = streams.stream().mapToLong(NodeProcess::lastCommitted).min().orElseThrow();
                    shareAtKill = latestStats(probe).entrySet().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, e -> counter(e.getValue(), "stored")));
                    await("every node's outbox acknowledged to its last message").atMost(LONG)
                            .until(() -> streams.stream().allMatch(NodeProcess::done));
                    probe.await(LONG, alertEvent(unsafe, "resolved"));
                    probe.await(LONG, alertEvent(high, "resolved"));
                } finally {
                    for (NodeProcess s : streams) {
                        s.close();
                    }
                }
                String survivor = killed.equals("gw-a") ? "gw-b" : "gw-a";
                assertThat(gateways.get(survivor).stop()).as("exit code of the SIGTERMed survivor").isZero();
                Thread.sleep(300); // its last stats, published at its stop
                String last = latestStats(probe).get(survivor);
                assertThat(counter(last, "leading")).as("the survivor took the lead").isEqualTo(1);
                assertThat(counter(last, "alerts_active")).as("open alerts at the end").isZero();
                assertThat(gateways.get(survivor).output()).contains("took the alert lead");
                events = probe.received(m -> m.topic().equals(EVENTS));
            }
            try (GatewayStore store = GatewayStore.postgres(postgres.url(), PostgresServer.USER, PostgresServer.PASSWORD.toCharArray())) {
                for (int n = 1; n <= nodes; n++) {
                    List<GatewayStore.StoredMessage> stored = store.messages(SITE, "well-0" + n, "telemetry");
                    assertThat(stored).extracting(GatewayStore.StoredMessage::boot).as("well-0%d: one boot", n).containsOnly(1L);
                    assertThat(stored).extracting(GatewayStore.StoredMessage::seq).as("well-0%d: every seq once", n)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
                }
                for (String key : List.of(unsafe, high)) {
                    assertThat(store.alertHistory(SITE).stream().filter(r -> r.key().equals(key)).map(GatewayStore.AlertRecord::state))
                            .as("%s in the alert history", key).containsExactly("raised", "resolved");
                }
                assertThat(store.pendingPublications()).as("alert publications never confirmed").isEmpty();
            }
        }
        for (String key : List.of(unsafe, high)) {
            assertThat(events.stream().filter(m -> m.payload().contains("\"key\":\"" + key + "\""))
                    .map(m -> m.payload().replaceAll(".*\"state\":\"([a-z]+)\".*", "$1")).toList())
                    .as("%s events staff received", key).containsExactly("raised", "resolved");
        }
        assertThat(events).as("no other alert").hasSize(4);
        assertThat(shareAtKill.values()).as("each gateway's share of the messages stored before the kill").allMatch(n -> n > 0);
        System.out.printf("two gateways, %d nodes x %d messages: shares before the kill %s; the lead %s SIGKILLed at message %d "
                        + "with %s open; every message stored once, every node acknowledged, alerts %s, in %d s%n",
                nodes, count, shareAtKill, killed, killedAt, unsafe, events.stream().map(m -> m.payload().replaceAll(
                        ".*\"key\":\"([a-z_.0-9-]+)\".*\"state\":\"([a-z]+)\".*", "$1 $2")).toList(),
                (System.nanoTime() - t0) / 1_000_000_000L);
    }
}
