package io.waypoint.bench.gateway;

import io.waypoint.bench.LaunchedJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway as its own process, started exactly as {@code scripts/gateway} starts it: its runnable
 * jar with the flags of {@code scripts/jvm-flags gateway} (and so its class data sharing archive when
 * {@code scripts/cds gateway} has built one, as {@code scripts/install} does). Extra JVM options for the
 * gateway (a flight recording, say) come from the environment variable {@code WAYPOINT_BENCH_GATEWAY_OPTS}.
 */
final class GatewayUnderTest implements AutoCloseable {
    static final String ID = "gw-bench";
    /** Logged once the broker granted the subscriptions of a connection: "connected" came before the SUBSCRIBEs went. */
    private static final String SUBSCRIBED = "uplink gateway." + ID + ": subscribed";

    private final LaunchedJvm jvm;

    private GatewayUnderTest(LaunchedJvm jvm) {
        this.jvm = jvm;
    }

    /**
     * Starts a gateway with a fresh data dir in {@code dir} and returns once its subscriptions are granted: a node
     * that published before would lose its first messages to a broker without the gateway's session, and wait out
     * its ack timeout (30 s) for the hole they leave.
     */
    static GatewayUnderTest start(Path dir, String brokerUrl) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("gateway.conf");
            Files.writeString(conf, "[gateway]\nid = " + ID + "\n");
            Path output = dir.resolve("gateway.out");
            String extra = System.getenv("WAYPOINT_BENCH_GATEWAY_OPTS");
            List<String> extraJvm = extra == null || extra.isBlank() ? List.of() : Arrays.asList(extra.trim().split("\\s+"));
            LaunchedJvm jvm = LaunchedJvm.start("gateway", extraJvm,
                    List.of("--config", conf.toString(), "--broker", brokerUrl, "--data", dir.resolve("data").toString()), output);
            GatewayUnderTest g = new GatewayUnderTest(jvm);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!jvm.output().contains(SUBSCRIBED)) {
                if (!jvm.isAlive()) {
                    throw new IllegalStateException("the gateway exited: see " + output + " (" + jvm.tail() + ")");
                }
                if (System.nanoTime() > deadline) {
                    g.close();
                    throw new IllegalStateException("the gateway did not connect and subscribe to " + brokerUrl + " within 30 s: see " + output);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return jvm.pid();
    }

    /** SIGTERM and wait: the gateway flushes and closes its store, so the data dir can be read afterwards. */
    @Override
    public void close() {
        try {
            jvm.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
