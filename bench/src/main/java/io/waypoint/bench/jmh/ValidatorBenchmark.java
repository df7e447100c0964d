package io.waypoint.bench.jmh;

import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The gateway's validator on a kiosk's telemetry (the largest body), a well's, and on a message it refuses
 * with several reasons (a wrong site, a negative reading, a phone-number-like value): a flood of bad
 * messages must not cost much more than good ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidatorBenchmark {
    private final MessageValidator validator = new MessageValidator();
    private final Instant now = Telemetry.T0.plusSeconds(86_400);
    private byte[] kiosk;
    private byte[] well;
    private byte[] refused;

    @Setup
    public void setUp() {
        kiosk = Telemetry.kioskBytes(7);
        well = Telemetry.wellBytes(7);
        String well = new String(Telemetry.wellBytes(7), StandardCharsets.UTF_8);
        refused = well.replace("\"site\":\"la-gloria\"", "\"site\":\"elsewhere\"")
                .replace("\"litres\":12.5", "\"litres\":-12.5,\"note\":\"call +52 55 1234 5678\"").getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Validation kioskTelemetry() {
        Validation v = validator.validate(Telemetry.KIOSK_TOPIC, kiosk, now);
        if (!(v instanceof Validation.Valid)) {
            throw new IllegalStateException("the benchmark's kiosk telemetry is invalid: " + v);
        }
        return v;
    }

    /** What the gateway's ingest figure loads it with. */
    @Benchmark
    public Validation wellTelemetry() {
        Validation v = validator.validate(Telemetry.WELL_TOPIC, well, now);
        if (!(v instanceof Validation.Valid)) {
            throw new IllegalStateException("the benchmark's well telemetry is invalid: " + v);
        }
        return v;
    }

    @Benchmark
    public Validation refusedMessage() {
        Validation v = validator.validate(Telemetry.WELL_TOPIC, refused, now);
        if (!(v instanceof Validation.Invalid)) {
            throw new IllegalStateException("the benchmark's bad message was accepted");
        }
        return v;
    }
}
