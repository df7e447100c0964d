package io.waypoint.fuzz;

import io.waypoint.console.ConsoleTarget;
import io.waypoint.drivers.modbus.ModbusReplyTarget;
import io.waypoint.drivers.modem.AtLinesTarget;
import io.waypoint.drivers.opennds.NdsctlOutputTarget;
import io.waypoint.drivers.vedirect.VeDirectTarget;
import io.waypoint.gateway.alerts.RuleFileTarget;
import io.waypoint.gateway.ingest.GatewayIngestTarget;
import io.waypoint.gateway.report.ReportRequestTarget;
import io.waypoint.gateway.status.AckFormTarget;
import java.util.List;
import java.util.Optional;

/** Every fuzz target, by name, in the order a full run takes them. */
public final class TargetCatalog {
    private TargetCatalog() {
    }

    /** Fresh targets: a target may hold state between inputs of one run (a validator), never between runs. */
    public static List<FuzzTarget> all() {
        return List.of(
                new ModbusReplyTarget(ModbusReplyTarget.Probe.SEN0710),
                new ModbusReplyTarget(ModbusReplyTarget.Probe.Y511),
                new AtLinesTarget(),
                new VeDirectTarget(),
                new NdsctlOutputTarget(),
                new WireMessageTarget(),
                new GatewayIngestTarget(),
                new ConfigFileTarget(),
                new CommandLineTarget(),
                new RuleFileTarget(),
                new ReportRequestTarget(),
                new AckFormTarget(),
                new SmsCommandTarget(),
                new ConsoleTarget());
    }

    public static Optional<FuzzTarget> named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(FuzzTarget::name).toList();
    }
}
