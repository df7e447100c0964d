package io.waypoint.bench.jmh;

import io.waypoint.gateway.alerts.AlertEngine;
import io.waypoint.gateway.alerts.Observation;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.wire.Alert;
import io.waypoint.wire.FlatMetrics;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The shipped alert rules judging one well reading (threshold, stuck, label, baseline with its
 * hourly history, cartridge ratio...), for 40 wells in turn, each reading a minute after the last.
 * The engine starts each iteration with a week of history behind it, so the baseline rule really
 * compares.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RuleBenchmark {
    private static final int WELLS = 40;
    private static final int DISTINCT = 1_000;

    private FlatMetrics[] readings;
    private AlertEngine engine;
    private Instant t;
    private long n;

    @Setup(Level.Iteration)
    public void setUp() {
        MessageValidator validator = new MessageValidator();
        readings = new FlatMetrics[DISTINCT];
        for (int i = 0; i < DISTINCT; i++) {
            Validation v = validator.validate(Telemetry.WELL_TOPIC, Telemetry.wellBytes(i + 1), Telemetry.T0.plus(Duration.ofDays(30)));
            readings[i] = ((Validation.Valid) v).metrics();
        }
        engine = new AlertEngine(RuleBook.defaults());
        t = Telemetry.T0;
        n = 0;
        for (int minute = 0; minute < 7 * 24 * 60; minute += 10) {
            observe();
        }
    }

    private List<Alert> observe() {
        FlatMetrics m = readings[(int) (n % DISTINCT)];
        String node = "well-" + (n % WELLS);
        if (n % WELLS == 0) {
            t = t.plusSeconds(60);
        }
        n++;
        return engine.observe(Observation.of("la-gloria", node, t, t, m));
    }

    @Benchmark
    public List<Alert> judgeOneReading() {
        return observe();
    }
}
