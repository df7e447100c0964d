package io.waypoint.well;

import io.waypoint.console.Arg;
import io.waypoint.console.Command;
import io.waypoint.console.ConsoleShell;
import io.waypoint.console.Reply;
import io.waypoint.console.StateChange;
import io.waypoint.time.Scheduler;
import java.time.Duration;

/** The technician's commands at a well: what they read and change on site, offline. */
final class WellConsole {
    private WellConsole() {}

    static ConsoleShell shell(WellNode well, String node, Scheduler scheduler, StateChange.Listener changes) {
        return ConsoleShell.builder(node, scheduler)
                .greeting(() -> well.lightOn() ? "WARNING: the do-not-drink light is ON" : "")
                .command(Command.named("status")
                        .summary("what the node thinks: water, sensors, cartridge, uplink")
                        .handler(args -> Reply.text(well.status())).build())
                .command(Command.named("readings")
                        .summary("live turbidity and flow every 5 s; press Enter to stop")
                        .handler(args -> Reply.live("turbidity and flow, every 5 s (Enter stops)", Duration.ofSeconds(5),
                                well::readingsLine)).build())
                .command(Command.named("calibrate turbidity")
                        .summary("adds a calibration point: the sensor is in a standard of this many NTU")
                        .arg(Arg.number("standard", "NTU").within(0, 4000))
                        .example("calibrate turbidity 10")
                        .changesState()
                        .handler(args -> Reply.text(well.calibrateTurbidity(args.number("standard")))).build())
                .command(Command.named("calibrate flow")
                        .summary("bucket test: the last draw filled a bucket of this many litres")
                        .arg(Arg.number("bucket", "L", "litres", "l").within(1, 1000))
                        .example("calibrate flow 20 L")
                        .changesState()
                        .handler(args -> Reply.text(well.calibrateFlow(args.number("bucket")))).build())
                .command(Command.named("cartridge replaced")
                        .summary("a new filter cartridge was fitted: its litres count from 0")
                        .changesState()
                        .handler(args -> Reply.text(well.cartridgeReplaced())).build())
                .command(Command.named("selftest")
                        .summary("checks each part and says what to do about any that fails")
                        .handler(args -> Reply.text(well.selftest())).build())
                .onStateChange(changes)
                .build();
    }
}
