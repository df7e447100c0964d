package io.waypoint.system;

import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.GatewayMain;
import io.waypoint.testkit.JavaProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The gateway as its own process, exactly as {@code scripts/gateway} runs it, for tests that kill things. */
final class GatewayProcess implements AutoCloseable {
    private final Path dir;
    private final String brokerUrl;
    private final Path output;
    private final String extraConfig;
    private Process process;

    GatewayProcess(Path dir, String brokerUrl) {
        this(dir, brokerUrl, "");
    }

    /** @param extraConfig further sections of gateway.conf, e.g. the [broker] login scripts/install writes */
    GatewayProcess(Path dir, String brokerUrl, String extraConfig) {
        this.dir = dir;
        this.brokerUrl = brokerUrl;
        this.output = dir.resolve("gateway.out");
        this.extraConfig = extraConfig;
    }

    /** Starts it and waits until its uplink is connected. */
    GatewayProcess start() {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("gateway.conf");
            Files.writeString(conf, """
                    [gateway]
                    id = gw-sys
                    [alerts]
                    tick = 1s
                    [stats]
                    interval = 1s
                    """ + extraConfig);
            long before = Files.exists(output) ? Files.readAllLines(output).size() : 0;
            process = JavaProcess.start(GatewayMain.class, output, List.of(),
                    "--config", conf.toString(), "--broker", brokerUrl, "--data", dir.resolve("data").toString());
            await("gateway connected").atMost(Duration.ofSeconds(30)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("gateway exited with " + process.exitValue() + ": " + Files.readString(output));
                }
                List<String> lines = Files.readAllLines(output);
                return lines.stream().skip(before).anyMatch(l -> l.contains("uplink gateway.gw-sys: connected"));
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
