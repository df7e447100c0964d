package io.waypoint.wire;

import java.nio.charset.StandardCharsets;

/**
 * Throughput of {@link MessageValidator} on the example well and kiosk telemetry, one thread.
 * Not a unit test (surefire runs {@code *Test} only): run its {@code main} from scripts/bench or an
 * IDE. The gateway's budget is 20,000 messages/s validated and stored on 2 cores.
 */
public final class MessageValidatorBench {
    private static volatile Object sink;

    private MessageValidatorBench() {
    }

    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        byte[][] payloads = new byte[1000][];
        String[] topics = new String[1000];
        for (int i = 0; i < payloads.length; i++) {
            boolean kiosk = i % 2 == 0;
            Body body = kiosk ? Examples.kioskTelemetry() : Examples.wellTelemetry();
            NodeRef node = kiosk ? Examples.KIOSK : Examples.WELL;
            payloads[i] = WireCodec.encode(Examples.envelope(node, i + 1), body).getBytes(StandardCharsets.UTF_8);
            topics[i] = kiosk ? Examples.KIOSK_TELEMETRY : Examples.WELL_TELEMETRY;
        }
        MessageValidator validator = new MessageValidator();
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                sink = validator.validate(topics[i % 1000], payloads[i % 1000], Examples.NOW);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d: %.2f µs/message, %.0f messages/s on one thread%n", round,
                    seconds * 1e6 / messages, messages / seconds);
        }
    }
}
