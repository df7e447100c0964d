package io.waypoint.bench.jmh;

import io.waypoint.wire.Envelope;
import io.waypoint.wire.MessageValidator;
import io.waypoint.wire.Validation;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
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
 * The wire codec on a well's telemetry: what a node does per message (encode) and what the gateway
 * does per message to read it (decode: the validator is the only reader of node telemetry, it parses
 * the JSON and builds the typed body, so decoding is validating).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {
    private Envelope envelope;
    private WellTelemetry body;
    private byte[] payload;
    private final MessageValidator validator = new MessageValidator();
    private final Instant now = Telemetry.T0.plusSeconds(86_400);

    @Setup
    public void setUp() {
        envelope = Telemetry.envelope(Telemetry.WELL, 42);
        body = Telemetry.well(42);
        payload = Telemetry.wellBytes(42);
    }

    @Benchmark
    public String encodeWellTelemetry() {
        return WireCodec.encode(envelope, body);
    }

    @Benchmark
    public Validation decodeWellTelemetry() {
        Validation v = validator.validate(Telemetry.WELL_TOPIC, payload, now);
        if (!(v instanceof Validation.Valid)) {
            throw new IllegalStateException("the benchmark's telemetry is invalid: " + v);
        }
        return v;
    }
}
