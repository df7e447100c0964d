package io.waypoint.console;

import io.waypoint.time.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A well node's console as the sensor node will register it, with state the tests can look at. */
final class ExampleWell {
    final List<Double> turbidityPoints = new CopyOnWriteArrayList<>();
    final List<Double> bucketLitres = new CopyOnWriteArrayList<>();
    final List<StateChange> changes = new CopyOnWriteArrayList<>();
    final AtomicInteger cartridgesReplaced = new AtomicInteger();
    final AtomicInteger readingsTaken = new AtomicInteger();
    final AtomicInteger statusAsked = new AtomicInteger();
    volatile double turbidity = 0.8;
    volatile boolean sensorUnplugged;

    final ConsoleShell shell;

    ExampleWell(Scheduler scheduler) {
        shell = ConsoleShell.builder("well-01", scheduler)
                .command(Command.named("status")
                        .summary("what the node thinks is wrong, if anything")
                        .handler(args -> {
                            statusAsked.incrementAndGet();
                            return Reply.text("water: safe (" + turbidity + " NTU)\ncartridge: 1234.5 L used");
                        })
                        .build())
                .command(Command.named("readings")
                        .summary("live sensor values every 2 s")
                        .handler(args -> Reply.live("turbidity    flow", Duration.ofSeconds(2), this::reading))
                        .build())
                .command(Command.named("calibrate turbidity")
                        .summary("adds a calibration point at the current reading")
                        .arg(Arg.number("ntu", "NTU").within(0, 4000))
                        .changesState()
                        .handler(args -> {
                            turbidityPoints.add(args.number("ntu"));
                            return Reply.text("Calibration point added: " + args.number("ntu") + " NTU.");
                        })
                        .build())
                .command(Command.named("calibrate flow")
                        .summary("bucket test: the litres that ran since the last reset")
                        .arg(Arg.number("litres", "L", "litres", "liters", "l").within(0.5, 1000))
                        .changesState()
                        .handler(args -> {
                            bucketLitres.add(args.number("litres"));
                            return Reply.text("Flow calibrated with " + args.number("litres") + " L.");
                        })
                        .build())
                .command(Command.named("cartridge replaced")
                        .summary("starts counting the new cartridge's litres from zero")
                        .changesState()
                        .handler(args -> {
                            cartridgesReplaced.incrementAndGet();
                            return Reply.text("Cartridge counter set to 0 L.");
                        })
                        .build())
                .command(Command.named("selftest")
                        .summary("checks every sensor and the indicator")
                        .arg(Arg.choice("part", "all", "turbidity", "flow", "led"))
                        .handler(args -> {
                            if (sensorUnplugged) {
                                throw new ConsoleError("turbidity sensor", "reads 4.6 V, above its range",
                                        "check the sensor cable at the ADC, then type selftest all");
                            }
                            if (args.choice("part").equals("led")) {
                                throw new IllegalStateException("GPIO 17 is not exported");
                            }
                            return Reply.text("selftest " + args.choice("part") + ": ok");
                        })
                        .build())
                .command(Command.named("note")
                        .summary("writes a word into the log")
                        .arg(Arg.word("text"))
                        .handler(args -> Reply.text("noted: [" + args.word("text") + "]"))
                        .build())
                .onStateChange(changes::add)
                .build();
    }

    private String reading() {
        if (sensorUnplugged) {
            throw new ConsoleError("turbidity sensor", "no answer", "check the sensor cable");
        }
        return "turbidity " + turbidity + " NTU  flow 12.0 L/min  #" + readingsTaken.incrementAndGet();
    }
}
