package io.waypoint.kiosk;

import io.waypoint.config.ConfigException;
import io.waypoint.console.ConsoleShell;
import io.waypoint.logging.LogSetup;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.process.ServiceWatchdog;
import io.waypoint.process.Termination;
import io.waypoint.time.Scheduler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.tinylog.Logger;

/**
 * {@code scripts/kiosk --broker tcp://HOST:PORT --site S --node N [--config FILE] [--data DIR]
 * [--hal sim --scenario NAME --speed F]}: the kiosk.
 */
public final class KioskMain {
    private KioskMain() {}

    public static void main(String[] args) throws Exception {
        KioskConfig c;
        try {
            c = KioskConfig.from(KioskConfig.COMMAND_LINE.parse(args));
        } catch (ConfigException e) {
            Termination.configError("kiosk", e.getMessage());
            return;
        }
        LogSetup.init(c.node().id(), c.node().dataDir().resolve("logs"), c.node().logLevel());
        Logger.info("starting {}", c);
        AtomicReference<Kiosk> kiosk = new AtomicReference<>();
        KioskHardware.Inputs inputs = new KioskHardware.Inputs() {
            @Override
            public void callButton(io.waypoint.drivers.button.Press press, java.time.Instant at) {
                Kiosk k = kiosk.get();
                if (k != null) {
                    k.callButton(press, at);
                }
            }

            @Override
            public void languageButton(io.waypoint.drivers.button.Press press, java.time.Instant at) {
                Kiosk k = kiosk.get();
                if (k != null) {
                    k.languageButton(press, at);
                }
            }

            @Override
            public void key(char key, io.waypoint.drivers.button.Press press, java.time.Instant at) {
                Kiosk k = kiosk.get();
                if (k != null) {
                    k.key(key, press, at);
                }
            }
        };
        KioskHardware hw;
        try {
            hw = KioskHardware.open(c, inputs);
        } catch (RuntimeException e) {
            Logger.error(e, "cannot open the kiosk's hardware");
            System.err.println("kiosk: " + e.getMessage());
            System.exit(1);
            return;
        }
        Scheduler network = Scheduler.system("network");
        NodeLinkOptions o = c.node().linkOptions(hw.world.clock(), Map.of("kind", "kiosk", "hal", c.node().sim() ? "sim" : "board", "ports", (long) c.ports()));
        NodeLink link = NodeLink.open(o, network);
        Kiosk k = new Kiosk(c, hw, link, network);
        kiosk.set(k);
        ConsoleShell shell = KioskConsole.shell(k, c, hw.world, change ->
                Logger.info("console {}: {} {}", change.console(), change.command(), String.join(" ", change.arguments())));
        AutoCloseable consoles = shell.startConsoles(hw.world, c.node().consoleStdin(), c.node().consolePort(), c.node().consoleBaud());
        link.start();
        k.start();
        // under systemd with WatchdogSec=: alive while the scheduler that runs the ports, calls and panel runs
        AutoCloseable watchdog = ServiceWatchdog.fromEnvironment(System.getenv(), ProcessHandle.current().pid(), hw.world, c.node().id());
        Termination.awaitSignal("kiosk", () -> {
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
            k.close();
            hw.close();   // relays off
            link.close(); // outbox committed, death published
            network.close();
        });
    }
}
