package io.waypoint.gateway.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.gateway.store.StoreException;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.AlertAck;
import io.waypoint.wire.NodeTopic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The gateway's status page over HTTP (the JDK's own server, no framework): {@code GET /} shows every
 * site the gateway knows (services now, open alerts with their age, the last day's turbidity and
 * flow, the nodes' last contact); {@code POST /ack} acknowledges an open alert in the name staff type
 * into its form. Each page reads the store afresh, on a connection of its own (SQLite read-only
 * beside the gateway's writer, as reports do), so it never waits on nor delays ingest.
 *
 * <p>An acknowledgement from the page is handed to the gateway exactly as one on
 * {@code wp/v1/{site}/alerts/ack} is ({@link StaffAcks}), so staff far away hear of it on
 * {@code alerts/events} like any other. Requests from other web sites are refused ({@link RequestGuard}).
 */
public final class StatusServer implements AutoCloseable {
    /** Where an acknowledgement from the page goes: the same path an MQTT acknowledgement takes. */
    @FunctionalInterface
    public interface StaffAcks {
        /**
         * Hands {@code ack} of {@code site} to the gateway; returns once the gateway has handled it (or
         * gave up waiting), so the page shown next shows it. Must not throw for an unknown key: the
         * gateway ignores an acknowledgement of an alert that is not open.
         */
        void acknowledge(String site, AlertAck ack);
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String gatewayId;
    private final Supplier<GatewayStore> reader;
    private final StaffAcks acks;
    private final Scheduler scheduler;
    private final ZoneId zone;
    private final RequestGuard guard;

    private StatusServer(HttpServer server, ExecutorService threads, String gatewayId, Supplier<GatewayStore> reader, StaffAcks acks,
                         Scheduler scheduler, ZoneId zone, RequestGuard guard) {
        this.server = server;
        this.threads = threads;
        this.gatewayId = gatewayId;
        this.reader = reader;
        this.acks = acks;
        this.scheduler = scheduler;
        this.zone = zone;
        this.guard = guard;
    }

    /**
     * Starts serving on {@code bind}.
     *
     * @param hosts  host names the page may be opened by, besides IP addresses and {@code localhost}
     * @param reader opens the store for reading; each page opens one and closes it
     * @param zone   the zone the page's clock times are shown in
     * @throws IOException when the address cannot be bound (in use, or not this machine's)
     */
    public static StatusServer start(InetSocketAddress bind, Set<String> hosts, String gatewayId, Supplier<GatewayStore> reader,
                                     StaffAcks acks, Scheduler scheduler, ZoneId zone) throws IOException {
        HttpServer server = HttpServer.create(bind, 16);
        AtomicInteger n = new AtomicInteger();
        // two threads: a page being built never stops an acknowledgement, and a phone cannot make the gateway start many
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "status-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StatusServer s = new StatusServer(server, threads, gatewayId, reader, acks, scheduler, zone,
                new RequestGuard(hosts, new SecureRandom()));
        server.setExecutor(threads);
        server.createContext("/", s::handle);
        server.start();
        Logger.info("status page on http://{}:{}/", bind.getHostString(), server.getAddress().getPort());
        return s;
    }

    /** The address it listens on (its port when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Optional<String> badHost = guard.refuseHost(ex.getRequestHeaders().getFirst("Host"));
            if (badHost.isPresent()) {
                text(ex, 421, badHost.get());
            } else if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
                page(ex);
            } else if (path.equals("/ack") && method.equals("POST")) {
                ack(ex);
            } else if (path.equals("/") || path.equals("/ack")) {
                ex.getResponseHeaders().set("Allow", path.equals("/") ? "GET, HEAD" : "POST");
                text(ex, 405, method + " is not served here: the page is GET /, an acknowledgement POST /ack");
            } else {
                text(ex, 404, "nothing at this address: the status page is at /");
            }
        } catch (RuntimeException e) {
            Logger.error(e, "status page: a request failed");
        }
    }

    private void page(HttpExchange ex) throws IOException {
        Map<String, String> query = AckForm.fields(ex.getRequestURI().getRawQuery());
        Lang lang = Lang.choose(query.get("lang"), ex.getRequestHeaders().getFirst("Accept-Language"));
        Instant now = scheduler.now();
        List<SitePage> pages = new ArrayList<>();
        try (GatewayStore store = reader.get()) {
            List<NodeState> nodes = store.nodes();
            for (String site : SitePages.sites(nodes)) {
                SitePages.Window w = SitePages.window(site, nodes, now);
                List<StoredMessage> telemetry = new ArrayList<>();
                store.forEachFiled(site, NodeTopic.Kind.TELEMETRY.segment(), w.from(), w.to().plusMillis(1), telemetry::add);
                pages.add(SitePages.build(site, now, nodes, w, telemetry, store.alertHistory(site)));
            }
        } catch (StoreException e) {
            Logger.warn("status page: {}", e.getMessage());
            text(ex, 503, "the gateway's store cannot be read now (" + e.getMessage() + "); reload in a minute");
            return;
        }
        String acked = query.get("acked");
        String notice = acked != null && isKey(acked) ? lang.t("done", acked) : null;
        byte[] body = StatusHtml.render(gatewayId, now, pages, lang, zone, guard.token(), notice).getBytes(StandardCharsets.UTF_8);
        headers(ex, "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Content-Security-Policy", StatusHtml.CONTENT_SECURITY_POLICY);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void ack(HttpExchange ex) throws IOException {
        byte[] raw;
        try (InputStream in = ex.getRequestBody()) {
            raw = in.readNBytes(AckForm.MAX_BYTES + 1);
        }
        AckForm.Decision d = AckForm.decide(guard, ex.getRequestHeaders().getFirst("Host"), ex.getRequestHeaders().getFirst("Origin"), raw);
        if (d instanceof AckForm.Refused r) {
            if (r.status() == 403) {
                Logger.warn("status page: an acknowledgement was refused: {}", r.reason());
            }
            text(ex, r.status(), r.reason());
            return;
        }
        AckForm.Accepted a = (AckForm.Accepted) d;
        acks.acknowledge(a.site(), a.ack());
        Logger.info("status page: alert {} at {} acknowledged from the page", a.ack().key(), a.site()); // never who: that goes to staff only
        ex.getResponseHeaders().set("Location", "/?lang=" + a.lang().tag() + "&acked="
                + URLEncoder.encode(a.ack().key(), StandardCharsets.UTF_8));
        headers(ex, "text/plain; charset=utf-8");
        ex.sendResponseHeaders(303, -1);
    }

    private static boolean isKey(String s) {
        try {
            new AlertAck(s, "x");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void headers(HttpExchange ex, String type) {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the page's own form posts,
        // which the origin check must refuse (found by StatusPageTest in chromium)
        ex.getResponseHeaders().set("Referrer-Policy", "same-origin");
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        headers(ex, "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
