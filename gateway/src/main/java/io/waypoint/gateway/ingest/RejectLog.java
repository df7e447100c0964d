package io.waypoint.gateway.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs each kind of rejection at most once a minute, with how many were suppressed, so a node
 * sending garbage every second (or someone probing the broker) cannot fill the SD card with logs.
 * A reason's kind is its text with digits removed: "seq = 0: expected..." and "seq = 7: expected..."
 * are one kind.
 */
final class RejectLog {
    private static final int MAX_KINDS = 1_000;
    private final Duration interval;
    private final Map<String, long[]> kinds = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_KINDS;
        }
    };

    RejectLog(Duration interval) {
        this.interval = interval;
    }

    /**
     * Whether to log this reason now; when it returns a value above 0 that many like it were
     * suppressed since the last line.
     *
     * @return -1: do not log; otherwise the number suppressed since it was last logged
     */
    long admit(String reason, Instant now) {
        String kind = reason.replaceAll("[0-9]+", "#");
        long[] e = kinds.get(kind); // [last logged epoch ms, suppressed]
        long t = now.toEpochMilli();
        if (e == null) {
            kinds.put(kind, new long[] {t, 0});
            return 0;
        }
        if (t - e[0] >= interval.toMillis() || t < e[0]) {
            long suppressed = e[1];
            e[0] = t;
            e[1] = 0;
            return suppressed;
        }
        e[1]++;
        return -1;
    }
}
