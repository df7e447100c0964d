package io.waypoint.drivers.flow;

import com.pi4j.context.Context;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.HallFlowMeter;
import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process that counts water on a simulated meter until it is killed: the child JVM of
 * {@link PulseFlowMeterKillTest}. Prints {@code FLOW} lines: the total it started from, then about
 * every 20 ms the pulses the emulated meter has produced since the driver opened the pin.
 *
 * <p>Arguments: total file, L/min, seconds of simulated flow, simulation speed.
 */
public final class FlowMeterChild {
    private FlowMeterChild() {}

    public static void main(String[] args) throws Exception {
        Path totalFile = Path.of(args[0]);
        double lpm = Double.parseDouble(args[1]);
        long flowSeconds = Long.parseLong(args[2]);
        double speed = Double.parseDouble(args[3]);
        Scheduler time = Scheduler.scaled(Instant.parse("2025-03-01T06:00:00Z"), speed, "child-sim");
        // the water starts once the meter is open, however long the JVM took to get there
        AtomicReference<Instant> flowStart = new AtomicReference<>(Instant.MAX);
        HallFlowMeter source = HallFlowMeter.builder(t -> t.isAfter(flowStart.get())
                && t.isBefore(flowStart.get().plusSeconds(flowSeconds)) ? lpm : 0.0)
                .curve(HallFlowMeter.Curve.constant(450)).build();
        SimBoard board = SimBoard.builder(time).input(17, source).build();
        Context pi4j = SimBoards.pi4jContext(board);
        PulseFlowMeter meter = PulseFlowMeter.open(pi4j, 17, PulseFlowMeter.Config.defaults(KFactor.of(450)),
                totalFile, time.clock());
        long before = source.truePulses();
        flowStart.set(time.now().plusSeconds(1));
        Instant flowEnd = flowStart.get().plusSeconds(flowSeconds);
        System.out.println("FLOW start total=" + meter.totalLitres());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            meter.close();
            System.out.println("FLOW closed total=" + meter.totalLitres());
            System.out.flush();
        }));
        boolean stopped = false;
        while (true) {
            long produced = source.truePulses() - before;
            System.out.println("FLOW produced=" + produced + " total=" + meter.totalLitres());
            if (!stopped && time.now().isAfter(flowEnd.plusSeconds(1))) {
                stopped = true;
                System.out.println("FLOW stopped produced=" + produced);
            }
            System.out.flush();
            Thread.sleep(Duration.ofMillis(20).toMillis());
        }
    }
}
