package io.waypoint.outbox;

import io.waypoint.time.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Messages and scheduler the outbox tests share. */
final class TestMessages {
    static final String TOPIC = "wp/v1/la-gloria/well-01/telemetry";
    static final Instant START = Instant.parse("2025-03-01T06:00:00Z");

    private TestMessages() {
    }

    static ManualScheduler scheduler() {
        return new ManualScheduler(START);
    }

    static OutboxMessage msg(long boot, long seq) {
        return msg(boot, seq, 100);
    }

    /** A message whose payload is exactly {@code size} bytes and names its boot and seq. */
    static OutboxMessage msg(long boot, long seq, int size) {
        StringBuilder b = new StringBuilder(size).append("{\"boot\":").append(boot).append(",\"seq\":").append(seq)
                .append(",\"pad\":\"");
        while (b.length() < size - 2) {
            b.append((char) ('a' + (b.length() % 26)));
        }
        b.append("\"}");
        byte[] payload = b.toString().getBytes(StandardCharsets.US_ASCII);
        if (payload.length > size) {
            payload = java.util.Arrays.copyOf(payload, size);
        }
        return new OutboxMessage(boot, seq, TOPIC, payload);
    }

    /** Everything nextBatch hands out now, in order. */
    static List<OutboxMessage> drain(Outbox outbox) {
        List<OutboxMessage> all = new ArrayList<>();
        while (true) {
            List<OutboxMessage> batch = outbox.nextBatch(500);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    static List<Long> seqs(List<OutboxMessage> messages) {
        List<Long> seqs = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            seqs.add(m.seq());
        }
        return seqs;
    }

    static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> r = new ArrayList<>();
        for (long i = fromInclusive; i <= toInclusive; i++) {
            r.add(i);
        }
        return r;
    }
}
