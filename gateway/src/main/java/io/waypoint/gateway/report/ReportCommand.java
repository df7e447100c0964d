package io.waypoint.gateway.report;

import com.github.cliftonlabs.json_simple.JsonException;
import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Outgoing;
import io.waypoint.uplink.Uplink;
import io.waypoint.wire.PrivacyGuard;
import io.waypoint.wire.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The gateway's {@code report} command over MQTT, the same report as {@code scripts/report}. Under
 * the gateway's own namespace, in the command pattern of the wire contract:
 * <pre>
 * wp/v1/_gateway/{gateway id}/cmd/report          {"id":"r-1","site":"la-gloria","month":"2026-10","format":"json","zone":"UTC"}
 * wp/v1/_gateway/{gateway id}/cmd/report/result   {"id":"r-1","ok":true,"format":"json","report":{...figures...}}
 *                                                 {"id":"r-1","ok":false,"error":"month '2026-13': expected YYYY-MM from 1970-01 on, e.g. 2026-10"}
 * </pre>
 * {@code id} (optional: 1 to 64 of letters, digits, '-', '_' and '.', not shaped like a phone number)
 * is given back so the asker can tell its answer from others'; {@code format} defaults to json,
 * {@code zone} to UTC. A json report is the figures object itself; csv and text are a string. Both
 * QoS 1, not retained; a retained request is ignored (it would run again at every connect). No
 * answer repeats a value from the request that may identify a person.
 *
 * <p>Reports run one at a time on a thread of their own, never on the uplink's (which hands node
 * messages to ingest), each on a store connection of its own; up to {@value #QUEUED} wait, more are
 * answered "busy".
 */
public final class ReportCommand implements AutoCloseable {
    static final int QUEUED = 4;
    private static final int MAX_REQUEST_BYTES = 4096;
    private static final int PUBLISH_ATTEMPTS = 10;

    private final String requestTopic;
    private final String resultTopic;
    private final Supplier<GatewayStore> reader;
    private final Uplink uplink;
    private final Scheduler scheduler;
    private final ThreadPoolExecutor worker;

    /**
     * @param reader opens the store for one report, closed after it: a connection of its own, so a
     *               report never holds the ingest's (SQLite read-only beside the writer, through WAL)
     */
    public ReportCommand(String gatewayId, Supplier<GatewayStore> reader, Uplink uplink, Scheduler scheduler) {
        this.requestTopic = requestTopic(gatewayId);
        this.resultTopic = requestTopic + "/result";
        this.reader = reader;
        this.uplink = uplink;
        this.scheduler = scheduler;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
            Thread t = new Thread(r, "report");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code wp/v1/_gateway/{gatewayId}/cmd/report}; the answer is on this plus {@code /result}. */
    public static String requestTopic(String gatewayId) {
        return Topic.ROOT + Topic.GATEWAY_SITE + "/" + gatewayId + "/cmd/report";
    }

    /** Subscribes to the request topic (again after every connect: the uplink does that). */
    public void start() {
        uplink.subscribe(requestTopic, (topic, payload, retained) -> {
            if (retained) {
                return;
            }
            try {
                worker.execute(() -> publish(answer(payload), 1));
            } catch (RejectedExecutionException e) {
                publish(error(idOf(payload), "the gateway is busy with " + QUEUED + " other reports: ask again in a minute"), 1);
            }
        });
    }

    private String answer(byte[] payload) {
        try (GatewayStore store = reader.get()) {
            return answer(payload, store, scheduler.now());
        } catch (StoreException e) {
            Logger.warn("report command: {}", e.getMessage());
            return error(idOf(payload), "the gateway cannot read its store now: " + e.getMessage());
        }
    }

    /** What a request's bytes asked for: a report, or nothing that can be answered but with why. */
    sealed interface Asked {
        /** The request's well-formed {@code id}, or null. */
        String id();
    }

    /** A request that names a report. */
    record Valid(String id, ReportRequest request) implements Asked {}

    /** A request that cannot be run; {@code reason} names the part, its value and what is expected. */
    record Refused(String id, String reason) implements Asked {}

    /** Reads a request's bytes from outside: never throws. */
    static Asked read(byte[] payload) {
        String id = idOf(payload);
        JsonObject request = parse(payload);
        if (request == null) {
            return new Refused(id, "the request must be a JSON object of at most " + MAX_REQUEST_BYTES
                    + " bytes like {\"site\":\"la-gloria\",\"month\":\"2026-10\"}");
        }
        if (request.get("id") != null && id == null) {
            return new Refused(null, "id must be 1 to 64 of letters, digits, '-', '_' and '.', not shaped like a phone number");
        }
        try {
            return new Valid(id, ReportRequest.of(text(request, "site"), text(request, "month"), text(request, "zone"),
                    request.get("format") == null ? ReportFormat.JSON.wire() : text(request, "format")));
        } catch (IllegalArgumentException e) {
            return new Refused(id, e.getMessage());
        }
    }

    /**
     * The answer to one request: pure apart from reading {@code store}.
     *
     * @param now the gateway's time: a month still running is reported up to it
     */
    static String answer(byte[] payload, GatewayStore store, Instant now) {
        Asked asked = read(payload);
        if (asked instanceof Refused refused) {
            return error(refused.id(), refused.reason());
        }
        ReportRequest r = ((Valid) asked).request();
        String id = asked.id();
        try {
            MonthlyReport report = r.run(store, now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("ok", true);
            out.put("format", r.format().wire());
            out.put("report", r.format() == ReportFormat.JSON ? report.figures() : r.format().render(report));
            return Jsoner.serialize(out);
        } catch (IllegalArgumentException e) { // a month not begun
            return error(id, e.getMessage());
        } catch (StoreException e) {
            Logger.warn("report command: {}", e.getMessage());
            return error(id, "the gateway cannot read its store now: " + e.getMessage());
        } catch (RuntimeException e) {
            // not expected: every bad request has its own answer above; the asker still gets one
            Logger.warn(e, "report command: a request failed unexpectedly");
            return error(id, "the report failed (" + e.getClass().getSimpleName() + "); the gateway's log has the details");
        }
    }

    private static JsonObject parse(byte[] payload) {
        if (payload.length > MAX_REQUEST_BYTES) {
            return null;
        }
        try {
            return Jsoner.deserialize(new String(payload, StandardCharsets.UTF_8)) instanceof JsonObject o ? o : null;
        } catch (JsonException | RuntimeException e) {
            return null;
        }
    }

    /** A member that must be a string if present. */
    private static String text(JsonObject o, String key) {
        Object v = o.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        // its kind, never its value: a number here may be a phone number
        String kind = v instanceof Number ? "a number" : v instanceof Boolean ? "true or false" : v instanceof java.util.List ? "an array"
                : "an object";
        throw new IllegalArgumentException(key + " must be a string, was " + kind);
    }

    /** The request's id when it has a well-formed one, else null. */
    private static String idOf(byte[] payload) {
        JsonObject o = parse(payload);
        Object id = o == null ? null : o.get("id");
        if (!(id instanceof String s) || s.isEmpty() || s.length() > 64 || PrivacyGuard.identifyingValue(s)) {
            return null; // an id shaped like a phone number is not sent back on a topic others may read
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '-' && c != '_' && c != '.') {
                return null;
            }
        }
        return s;
    }

    private static String error(String id, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("ok", false);
        out.put("error", message);
        return Jsoner.serialize(out);
    }

    /** Publishes the answer; the uplink refuses when not connected or full, so it tries again a few times. */
    private void publish(String answer, int attempt) {
        if (uplink.publish(Outgoing.of(resultTopic, answer.getBytes(StandardCharsets.UTF_8)), null)) {
            return;
        }
        if (attempt >= PUBLISH_ATTEMPTS) {
            Logger.warn("report command: the answer could not be published on {} after {} attempts (broker unreachable?): ask again",
                    resultTopic, attempt);
            return;
        }
        scheduler.schedule(Duration.ofSeconds(1), () -> publish(answer, attempt + 1));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
