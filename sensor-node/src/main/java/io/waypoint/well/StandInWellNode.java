package io.waypoint.well;

import io.waypoint.config.CommandLine;
import io.waypoint.config.ConfigException;
import io.waypoint.config.Settings;
import io.waypoint.logging.LogSetup;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.outbox.OutboxException;
import io.waypoint.process.Termination;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.tinylog.Logger;

/**
 * A test publisher standing in for a well node: scripted readings ({@link StandInScript}) sent
 * through the real node link, outbox and uplink, on a simulated clock. It is what
 * {@code scripts/demo} runs until the water issue brings the well node on the hardware simulator.
 *
 * <p>{@code StandInWellNode --broker URL --site S --node N [--data DIR] [--scenario NAME] [--speed F]}
 */
public final class StandInWellNode {
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private StandInWellNode() {}

    public static void main(String[] args) throws IOException {
        CommandLine cli = new CommandLine(Map.of("--broker", "broker.url", "--site", "site", "--node", "node",
                "--data", "data.dir", "--scenario", "scenario", "--speed", "speed"));
        NodeRef ref;
        URI broker;
        Path data;
        String scenario;
        double speed;
        try {
            Settings s = cli.parse(args);
            broker = s.brokerUri("broker.url", null);
            ref = new NodeRef(s.id("site"), s.id("node"));
            data = s.path("data.dir", Path.of("data", ref.node()));
            scenario = s.choice("scenario", "turbid-after-rain", "normal-day", "turbid-after-rain");
            speed = s.number("speed", 60, 0.01, 100_000);
            s.rejectUnknownKeys();
        } catch (ConfigException | IllegalArgumentException e) {
            Termination.configError("stand-in well node", e.getMessage());
            return;
        }
        LogSetup.init(ref.node(), data.resolve("logs"), "info");
        // the simulated day starts hours ago, so even a fast run never stamps a time in the future
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
        Scheduler world = Scheduler.scaled(start, speed, "world");
        Scheduler network = Scheduler.system("network");
        NodeLink link = NodeLink.open(NodeLinkOptions.of(ref, data, broker).withMessageClock(world.clock())
                .withBirthExtra(Map.of("kind", "well", "stand_in", true)), network).start();
        StandInScript script = new StandInScript(scenario);
        world.every(INTERVAL, INTERVAL, () -> {
            Duration t = Duration.between(start, world.now());
            try {
                link.send(script.interval(t, INTERVAL));
            } catch (OutboxException e) {
                Logger.error("the outbox refused a reading ({}); it is lost, sampling goes on", e.getMessage());
            }
        });
        Logger.info("stand-in well node {} running scenario {} at speed {}", ref, scenario, speed);
        Termination.awaitSignal("stand-in well node", () -> {
            world.close();
            link.close();
            network.close();
        });
    }
}
