package io.waypoint.well;

import io.waypoint.config.ConfigException;
import io.waypoint.console.ConsoleShell;
import io.waypoint.console.SerialConsole;
import io.waypoint.console.StdinConsole;
import io.waypoint.logging.LogSetup;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.process.Termination;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/**
 * {@code scripts/sensor-node --broker tcp://HOST:PORT --site S --node N [--config FILE] [--data DIR]
 * [--hal sim --scenario NAME --speed F]}: the well node.
 */
public final class SensorNodeMain {
    private SensorNodeMain() {}

    public static void main(String[] args) throws Exception {
        WellNodeConfig c;
        try {
            c = WellNodeConfig.from(WellNodeConfig.COMMAND_LINE.parse(args));
        } catch (ConfigException e) {
            Termination.configError("sensor-node", e.getMessage());
            return;
        }
        LogSetup.init(c.node(), c.dataDir().resolve("logs"), c.logLevel());
        Logger.info("starting {}", c);
        WellHardware hw;
        try {
            hw = WellHardware.open(c);
        } catch (RuntimeException e) {
            // a missing or miswired part: the message names it and what to check; a restart loop won't fix it
            Logger.error(e, "cannot open the well's hardware");
            System.err.println("sensor-node: " + e.getMessage());
            System.exit(1);
            return;
        }
        Scheduler network = Scheduler.system("network");
        NodeLinkOptions o = NodeLinkOptions.of(new NodeRef(c.site(), c.node()), c.dataDir(), c.broker())
                .withCredentials(c.username(), c.password(), c.caFile())
                .withMessageClock(hw.world.clock())
                .withBirthExtra(Map.of("kind", "well", "hal", c.sim() ? "sim" : "board"));
        NodeLink link = NodeLink.open(o, network);
        WellNode well = new WellNode(c, hw, link);
        ConsoleShell shell = WellConsole.shell(well, c.node(), hw.world, change -> {
            Logger.info("console {}: {} {}", change.console(), change.command(), String.join(" ", change.arguments()));
        });
        List<AutoCloseable> consoles = new ArrayList<>();
        if (c.consoleStdin()) {
            consoles.add(StdinConsole.start(shell, hw.world, System.in, System.out));
        }
        if (c.consolePort() != null) {
            consoles.add(SerialConsole.start(shell, hw.world, c.consolePort(), c.consoleBaud()));
        }
        link.start();
        well.start();
        Termination.awaitSignal("sensor-node", () -> {
            for (AutoCloseable console : consoles) {
                try {
                    console.close();
                } catch (Exception e) {
                    Logger.warn("closing a console: {}", e.getMessage());
                }
            }
            well.close();
            hw.close();   // the flow total is saved exactly
            link.close(); // outbox committed, death published
            network.close();
        });
    }
}
