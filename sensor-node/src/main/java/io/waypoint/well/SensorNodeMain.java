package io.waypoint.well;

import io.waypoint.config.ConfigException;
import io.waypoint.console.ConsoleShell;
import io.waypoint.logging.LogSetup;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.outbox.OutboxInUseException;
import io.waypoint.process.ServiceWatchdog;
import io.waypoint.process.Termination;
import io.waypoint.time.Scheduler;
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
        LogSetup.init(c.node().id(), c.node().dataDir().resolve("logs"), c.node().logLevel());
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
        NodeLinkOptions o = c.node().linkOptions(hw.world.clock(), Map.of("kind", "well", "hal", c.node().sim() ? "sim" : "board"));
        NodeLink link;
        try {
            link = NodeLink.open(o, network);
        } catch (OutboxInUseException e) {
            Termination.configError("sensor-node", e.getMessage());
            return;
        }
        WellNode well = new WellNode(c, hw, link);
        ConsoleShell shell = WellConsole.shell(well, c.node().id(), hw.world, change -> {
            Logger.info("console {}: {} {}", change.console(), change.command(), String.join(" ", change.arguments()));
        });
        AutoCloseable consoles = shell.startConsoles(hw.world, c.node().consoleStdin(), c.node().consolePort(), c.node().consoleBaud());
        link.start();
        well.start();
        // under systemd with WatchdogSec=: alive while the scheduler that samples and drives the light runs
        AutoCloseable watchdog = ServiceWatchdog.fromEnvironment(System.getenv(), ProcessHandle.current().pid(), hw.world, c.node().id());
        Termination.awaitSignal("sensor-node", () -> {
            try {
                watchdog.close();
            } catch (Exception e) {
                Logger.warn("closing the watchdog: {}", e.getMessage());
            }
            try {
                consoles.close();
            } catch (Exception e) {
                Logger.warn("closing the consoles: {}", e.getMessage());
            }
            well.close();
            hw.close();   // the flow total is saved exactly
            link.close(); // outbox committed, death published
            network.close();
        });
    }
}
