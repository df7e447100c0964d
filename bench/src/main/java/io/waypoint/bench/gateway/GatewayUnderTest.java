package io.waypoint.bench.gateway;

import io.waypoint.gateway.GatewayMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway as its own process, started as {@code scripts/gateway} starts it (same JVM options:
 * serial GC, small stacks, full JIT), on this JVM's class path. Extra JVM options for the gateway
 * (a flight recording, say) come from the environment variable {@code WAYPOINT_BENCH_GATEWAY_OPTS}.
 */
final class GatewayUnderTest implements AutoCloseable {
    static final String ID = "gw-bench";
    private static final String CONNECTED = "uplink gateway." + ID + ": connected";

    private final Path dir;
    private final Process process;

    private GatewayUnderTest(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Starts a gateway with a fresh data dir in {@code dir} and returns once its uplink is connected. */
    static GatewayUnderTest start(Path dir, String brokerUrl) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("gateway.conf");
            Files.writeString(conf, "[gateway]\nid = " + ID + "\n");
            Path output = dir.resolve("gateway.out");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of("-Xss512k", "-XX:+UseSerialGC"));
            String extra = System.getenv("WAYPOINT_BENCH_GATEWAY_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GatewayMain.class.getName(),
                    "--config", conf.toString(), "--broker", brokerUrl, "--data", dir.resolve("data").toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            GatewayUnderTest g = new GatewayUnderTest(dir, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(output).contains(CONNECTED)) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the gateway exited with " + p.exitValue() + ": see " + output);
                }
                if (System.nanoTime() > deadline) {
                    g.close();
                    throw new IllegalStateException("the gateway did not connect to " + brokerUrl + " within 30 s: see " + output);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU time the gateway process has used so far (all its threads), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("this OS does not report the gateway's CPU time"));
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    /** SIGTERM and wait: the gateway flushes and closes its store, so the data dir can be read afterwards. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
