package io.waypoint.node;

import io.waypoint.config.CommandLine;
import io.waypoint.config.ConfigException;
import io.waypoint.config.Settings;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.wire.NodeRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What every node's configuration has, whatever the node does: its identity, its broker, its data
 * dir, board or simulator, its telemetry interval, its consoles and its log level.
 *
 * <pre>
 * site = la-gloria                    # --site
 * node = kiosk-01                     # --node
 * [broker]
 * url = tcp://192.168.4.1:1883        # --broker
 * username = kiosk-01                 # optional; password optional, never logged
 * ca_file = /etc/waypoint/ca.pem      # for ssl:// urls
 * client = direct                     # direct: waypoint's own MQTT client (half the CPU a message of Paho's);
 *                                     # paho: Eclipse Paho, should a broker ever disagree with ours
 * [data]
 * dir = /var/lib/waypoint/kiosk-01    # --data
 * [outbox]
 * max_size = 64MiB                    # messages held for the gateway, at most; beyond it the oldest are dropped
 *                                     # (counted in outbox_dropped and first_seq). 64 MiB is months of telemetry
 * [hal]
 * mode = board                        # --hal: board, or sim (the hardware simulator; never on a board)
 * [sim]
 * scenario = busy-kiosk               # --scenario: a bundled scenario or a scenario file
 * speed = 60                          # --speed: simulated seconds per wall second
 * start = 2026-11-20T06:00:00Z        # optional: where simulated time starts (reproducible runs)
 * [telemetry]
 * interval = 60s
 * [console]
 * serial_port = /dev/ttyAMA0          # optional: the technician console on a serial port
 * serial_baud = 115200
 * stdin = true
 * [log]
 * level = info
 * </pre>
 */
public record NodeSettings(String site, String id, URI broker, String username, char[] password, Path caFile, Path dataDir,
                           boolean sim, String scenario, double speed, Instant simStart, Duration telemetryInterval,
                           String consolePort, int consoleBaud, boolean consoleStdin, String logLevel, long outboxBytes,
                           boolean pahoClient) {

    /** The options every node's entry point takes; each maps to the key it overrides. */
    public static final CommandLine COMMAND_LINE = new CommandLine(Map.of(
            "--broker", "broker.url",
            "--site", "site",
            "--node", "node",
            "--data", "data.dir",
            "--hal", "hal.mode",
            "--scenario", "sim.scenario",
            "--speed", "sim.speed"));

    /** Reads the common keys; the caller reads its own and then calls {@link Settings#rejectUnknownKeys()}. */
    public static NodeSettings from(Settings s, String defaultScenario) {
        String site = s.id("site");
        String node = s.id("node");
        URI broker = s.brokerUri("broker.url", null);
        String user = s.optional("broker.username").orElse(null);
        char[] pass = s.optional("broker.password").map(String::toCharArray).orElse(null);
        Path ca = s.path("broker.ca_file", null);
        boolean paho = s.choice("broker.client", "direct", "direct", "paho").equals("paho");
        Path data = s.path("data.dir", Path.of("data", node));
        boolean sim = s.choice("hal.mode", "board", "board", "sim").equals("sim");
        String scenario = s.string("sim.scenario", defaultScenario);
        double speed = s.number("sim.speed", 1, 0.01, 100_000);
        Instant start = s.optional("sim.start").map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new ConfigException("configuration", "sim.start", v,
                        "an ISO-8601 UTC instant such as 2026-11-20T06:00:00Z (where simulated time starts)");
            }
        }).orElse(null);
        Duration telemetry = s.duration("telemetry.interval", Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofHours(1));
        String consolePort = s.optional("console.serial_port").orElse(null);
        int consoleBaud = (int) s.integer("console.serial_baud", 115_200, 1200, 921_600);
        boolean stdin = s.bool("console.stdin", true);
        String level = s.choice("log.level", "info", "trace", "debug", "info", "warn", "error");
        long outbox = s.bytes("outbox.max_size", OutboxOptions.defaults().maxBytes(), OutboxOptions.MIN_BYTES, 1L << 40);
        return new NodeSettings(site, node, broker, user, pass, ca, data, sim, scenario, speed, start, telemetry, consolePort,
                consoleBaud, stdin, level, outbox, paho);
    }

    /**
     * The Pi4J context properties that make the hardware simulator simulate {@code board} for this
     * node ({@code well}, {@code kiosk}), sharing its simulated time: start, speed and the
     * {@code anchorNanos} of {@link System#nanoTime} the node's own scheduler uses.
     */
    public Map<String, String> simProperties(String board, long anchorNanos) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("waypoint.sim.board", board);
        p.put("waypoint.sim.scenario", scenario);
        p.put("waypoint.sim.speed", Double.toString(speed));
        p.put("waypoint.sim.anchor-nanos", Long.toString(anchorNanos));
        p.put("waypoint.sim.site-id", id);
        if (simStart != null) {
            p.put("waypoint.sim.start", simStart.toString());
        }
        return p;
    }

    public NodeRef ref() {
        return new NodeRef(site, id);
    }

    /** The node link's options: this node's identity, broker and credentials, its messages stamped by {@code messageClock}. */
    public NodeLinkOptions linkOptions(Clock messageClock, Map<String, ?> birthExtra) {
        return NodeLinkOptions.of(ref(), dataDir, broker)
                .withOutbox(OutboxOptions.defaults().withMaxBytes(outboxBytes))
                .withCredentials(username, password, caFile)
                .withMessageClock(messageClock)
                .withBirthExtra(birthExtra)
                .withPahoClient(pahoClient);
    }

    @Override
    public String toString() {
        return site + "/" + id + ", broker=" + broker + ", hal=" + (sim ? "sim " + scenario + " x" + speed : "board");
    }
}
