package io.waypoint.gateway;

import io.waypoint.config.ConfigException;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.logging.LogSetup;
import io.waypoint.process.ServiceWatchdog;
import io.waypoint.process.Termination;
import io.waypoint.time.Scheduler;
import java.io.IOException;

/** {@code scripts/gateway --broker tcp://HOST:PORT [--config FILE] [--data DIR]}. */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) throws IOException {
        GatewayConfig config;
        try {
            config = GatewayConfig.from(GatewayConfig.COMMAND_LINE.parse(args));
        } catch (ConfigException e) {
            Termination.configError("gateway", e.getMessage());
            return;
        }
        LogSetup.init("gateway", config.dataDir().resolve("logs"), config.logLevel());
        Scheduler scheduler = Scheduler.system("gateway");
        Gateway gateway;
        try {
            gateway = Gateway.start(config, scheduler);
        } catch (ConfigException e) {
            Termination.configError("gateway", e.getMessage());
            return;
        } catch (StoreException e) {
            // the database cannot be opened or reached: one line saying which and what to check; systemd starts us again
            org.tinylog.Logger.error("{}", e.getMessage()); // on stderr and in the log file
            scheduler.close();
            System.exit(1);
            return;
        }
        // under systemd with WatchdogSec=: alive while the gateway's scheduler runs its tasks
        AutoCloseable watchdog = ServiceWatchdog.fromEnvironment(System.getenv(), ProcessHandle.current().pid(), scheduler, "gateway");
        Termination.awaitSignal("gateway", () -> {
            try {
                watchdog.close();
            } catch (Exception e) {
                org.tinylog.Logger.warn("closing the watchdog: {}", e.getMessage());
            }
            gateway.close();
            scheduler.close();
        });
    }
}
