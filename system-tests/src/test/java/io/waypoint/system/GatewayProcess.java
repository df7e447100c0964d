package io.waypoint.system;

import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.GatewayMain;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.testkit.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The gateway as its own process, exactly as {@code scripts/gateway} runs it, for tests that kill things. */
final class GatewayProcess implements AutoCloseable {
    private final String id;
    private final Path dir;
    private final String brokerUrl;
    private final Path output;
    private final String extraConfig;
    private Process process;

    GatewayProcess(Path dir, String brokerUrl) {
        this(dir, brokerUrl, "");
    }

    /** With further lines for its config file (sections and keys, e.g. {@code [broker]}, {@code reconnect_max = 1s}). */
    GatewayProcess(Path dir, String brokerUrl, List<String> extraConfig) {
        this(dir, brokerUrl, String.join("\n", extraConfig) + "\n");
    }

    /** @param extraConfig further sections of gateway.conf, e.g. the [broker] login scripts/install writes */
    GatewayProcess(Path dir, String brokerUrl, String extraConfig) {
        this("gw-sys", dir, brokerUrl, extraConfig);
    }

    /** One of several gateways: each has its own id (its MQTT client id and its topics). */
    GatewayProcess(String id, Path dir, String brokerUrl, List<String> extraConfig) {
        this(id, dir, brokerUrl, String.join("\n", extraConfig) + "\n");
    }

    private GatewayProcess(String id, Path dir, String brokerUrl, String extraConfig) {
        this.id = id;
        this.dir = dir;
        this.brokerUrl = brokerUrl;
        this.output = dir.resolve("gateway.out");
        this.extraConfig = extraConfig;
    }

    /** Starts it and waits until its uplink is subscribed: what nodes publish from then on reaches it. */
    GatewayProcess start() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("gateway.conf");
            Files.writeString(conf, """
                    [gateway]
                    id = %s
                    [alerts]
                    tick = 1s
                    [stats]
                    interval = 1s
                    """.formatted(id) + extraConfig);
            long before = Files.exists(output) ? Files.readAllLines(output).size() : 0;
            process = JavaProcess.start(GatewayMain.class, output, List.of(),
                    "--config", conf.toString(), "--broker", brokerUrl, "--data", dir.resolve("data").toString());
            await("gateway subscribed").atMost(Duration.ofSeconds(30)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("gateway exited with " + process.exitValue() + ": " + Files.readString(output));
                }
                List<String> lines = Files.readAllLines(output);
                return lines.stream().skip(before).anyMatch(l -> l.contains("uplink gateway." + id + ": subscribed"));
            });
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path outputFile() {
        return output;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** The telemetry seqs stored for one node, per boot, in seq order: read from its store once it is stopped. */
    Map<Long, List<Long>> storedTelemetrySeqs(String site, String node) {
        return storedTelemetrySeqs(dataDir(), site, node);
    }

    /** The telemetry seqs a gateway with data dir {@code gatewayData} stored for one node, per boot, in seq order. */
    static Map<Long, List<Long>> storedTelemetrySeqs(Path gatewayData, String site, String node) {
        try (GatewayStore store = GatewayStore.sqlite(gatewayData)) {
            return store.messages(site, node, "telemetry").stream().collect(Collectors.groupingBy(
                    GatewayStore.StoredMessage::boot, TreeMap::new,
                    Collectors.mapping(GatewayStore.StoredMessage::seq, Collectors.toList())));
        }
    }

    /** Every seq stored for one node, telemetry and events together (they share a boot's seqs), per boot, in order. */
    Map<Long, List<Long>> storedSeqs(String site, String node) {
        try (GatewayStore store = GatewayStore.sqlite(dataDir())) {
            return java.util.stream.Stream.of("telemetry", "event").flatMap(kind -> store.messages(site, node, kind).stream())
                    .collect(Collectors.groupingBy(GatewayStore.StoredMessage::boot, TreeMap::new,
                            Collectors.mapping(GatewayStore.StoredMessage::seq, Collectors.collectingAndThen(Collectors.toList(),
                                    seqs -> seqs.stream().sorted().toList()))));
        }
    }

    /** Every alert transition of a site, oldest first: read from its store once it is stopped. */
    List<GatewayStore.AlertRecord> alertHistory(String site) {
        try (GatewayStore store = GatewayStore.sqlite(dataDir())) {
            return store.alertHistory(site);
        }
    }

    /** Whether the process is running. */
    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGTERM; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
