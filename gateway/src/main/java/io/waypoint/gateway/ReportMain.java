package io.waypoint.gateway;

import io.waypoint.config.CommandLine;
import io.waypoint.config.ConfigException;
import io.waypoint.config.Settings;
import io.waypoint.gateway.report.ReportRequest;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.logging.LogSetup;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code scripts/report --site S --month YYYY-MM [--format csv|json|text] [--zone ZONE] [--config FILE] [--data DIR]}:
 * a site's monthly figures from a gateway's store, on stdout. It reads the store the gateway's config
 * names (the same {@code --config} file, or {@code --data}), read-only, so it can run beside the gateway.
 * Exit codes: 0 printed; 2 a bad argument or config value (one line naming it); 1 the store cannot be read.
 */
public final class ReportMain {
    private ReportMain() {}

    static final CommandLine COMMAND_LINE = new CommandLine(Map.of(
            "--site", "report.site",
            "--month", "report.month",
            "--format", "report.format",
            "--zone", "report.zone",
            "--data", "data.dir"));

    public static void main(String[] args) {
        LogSetup.stderrOnly();
        System.exit(run(args, Clock.systemUTC(), System.out, System.err));
    }

    /** The whole command, its streams and clock given; returns the exit code. */
    static int run(String[] args, Clock clock, PrintStream out, PrintStream err) {
        ReportRequest request;
        GatewayConfig.StoreLocation location;
        try {
            Settings s = COMMAND_LINE.parse(args);
            location = GatewayConfig.StoreLocation.from(s);
            request = ReportRequest.of(s.optional("report.site").orElse(null), s.optional("report.month").orElse(null),
                    s.optional("report.zone").orElse(null), s.optional("report.format").orElse(null));
        } catch (ConfigException e) {
            err.println("report: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("report: command line: " + e.getMessage());
            return 2;
        }
        try (GatewayStore store = location.openForReading()) {
            out.print(request.answer(store, clock.instant()));
            out.flush();
            return 0;
        } catch (StoreException e) {
            err.println("report: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) { // a month that has not begun
            err.println("report: command line: " + e.getMessage());
            return 2;
        }
    }
}
