package io.waypoint.gateway;

import io.moquette.broker.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.tinylog.Logger;

/**
 * Moquette in the gateway's own process: the zero-setup broker for the demo and for a single-box
 * site. A site with several boxes, or one exposed beyond localhost, runs Mosquitto with the
 * configuration {@code scripts/install} writes (passwords, ACL, TLS) instead.
 *
 * <p>Moquette's usage telemetry (it phones home by default) is switched off: a humanitarian site's
 * box must not contact anyone it was not told to.
 */
final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();
    private final String host;
    private final int port;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Starts a broker on {@code host:port} that keeps sessions and queues in {@code dataDir}. */
    static EmbeddedBroker start(String host, int port, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("host", host);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "true");
        p.setProperty("data_path", dataDir.toAbsolutePath().toString());
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(256 * 1024));
        EmbeddedBroker b = new EmbeddedBroker(host, port);
        b.server.startServer(p);
        Logger.info("embedded broker (Moquette) listening on {}:{}, data in {}", host, port, dataDir);
        return b;
    }

    String url() {
        String h = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        return "tcp://" + h + ":" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
