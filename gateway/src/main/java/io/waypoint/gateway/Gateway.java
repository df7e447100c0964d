package io.waypoint.gateway;

import io.waypoint.config.ConfigException;
import io.waypoint.gateway.alerts.RuleBook;
import io.waypoint.gateway.ingest.GatewayIngest;
import io.waypoint.gateway.report.ReportCommand;
import io.waypoint.gateway.homeassistant.HomeAssistantDiscovery;
import io.waypoint.gateway.sms.SmsFallback;
import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.status.StatusServer;
import io.waypoint.gateway.store.SharedGatewayStore;
import io.waypoint.time.Scheduler;
import io.waypoint.uplink.Uplink;
import io.waypoint.uplink.UplinkOptions;
import io.waypoint.wire.AlertAck;
import io.waypoint.wire.AlertAckTopic;
import io.waypoint.wire.GatewayStats;
import io.waypoint.wire.Topic;
import io.waypoint.wire.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * The gateway, composed: optionally an embedded broker, the store, the alert rules, an uplink that
 * subscribes to every node's state, telemetry and events and to staff acknowledgements (of its own
 * output only to the mark of how far the broker has its alert outbox, see {@code GatewayIngest}),
 * the ingest pipeline, the monthly {@code report} command ({@link ReportCommand}), and the status
 * page ({@link StatusServer}, when {@code status.bind} is set). The uplink's
 * persistent session ({@code gateway.ID}, clean session false) makes the broker queue node messages
 * while the gateway is down.
 *
 * <p>One of a group ({@code broker.shared_group}): node messages and staff acknowledgements come
 * through the shared subscriptions {@code $share/GROUP/...}, each to one gateway of the group, and
 * the store is the group's PostgreSQL. The session is clean: a persistent member's session stays in
 * the broker's round robin while it is down and would collect its share unread, whereas with a
 * clean one the broker hands everything to the members that are up, and a message lost with a
 * member that died is resent by its node, which has not had it acknowledged.
 */
public final class Gateway implements AutoCloseable {
    private final GatewayConfig config;
    private final EmbeddedBroker broker;
    private final GatewayStore store;
    private final Uplink uplink;
    private final GatewayIngest ingest;
    private final ReportCommand reports;
    private SmsFallback sms;
    private final List<Scheduler.Task> tasks = new ArrayList<>();
    private StatusServer status;

    private Gateway(GatewayConfig config, EmbeddedBroker broker, GatewayStore store, Uplink uplink, GatewayIngest ingest,
                    ReportCommand reports) {
        this.config = config;
        this.broker = broker;
        this.store = store;
        this.uplink = uplink;
        this.ingest = ingest;
        this.reports = reports;
    }

    /** Starts everything; the uplink connects in the background. */
    public static Gateway start(GatewayConfig config, Scheduler scheduler) throws IOException {
        RuleBook rules = config.rulesFile() == null ? RuleBook.defaults() : RuleBook.load(config.rulesFile());
        EmbeddedBroker broker = null;
        if (config.embedded()) {
            URI b = config.broker();
            broker = EmbeddedBroker.start(b.getHost(), b.getPort(), config.dataDir().resolve("broker"));
        }
        GatewayStore store = config.storeUrl() == null ? GatewayStore.sqlite(config.dataDir())
                : GatewayStore.postgres(config.storeUrl(), config.storeUser(), config.storePassword());
        String group = config.sharedGroup();
        UplinkOptions o = UplinkOptions.of(config.broker(), "gateway." + config.id()).withReconnectMax(config.reconnectMax())
                .withCleanSession(group != null);
        if (config.username() != null) {
            o = o.withCredentials(config.username(), config.password());
        }
        if (config.caFile() != null) {
            o = o.withCaFile(config.caFile());
        }
        Uplink uplink = Uplink.of(o, scheduler, config.pahoClient());
        if (group == null) {
            // the echoes' file lives there: a gateway whose store is PostgreSQL has nothing else that makes the data dir
            java.nio.file.Files.createDirectories(config.dataDir());
        }
        GatewayIngest ingest = group == null
                ? new GatewayIngest(config.id(), store, rules, uplink, scheduler, config.dataDir().resolve("alert-echoes"))
                : new GatewayIngest(config.id(), group, (SharedGatewayStore) store, rules, uplink, scheduler);
        if (config.follow()) {
            ingest.addListener(new SiteLog(System.out, java.time.ZoneId.systemDefault()));
        }
        ReportCommand reports = new ReportCommand(config.id(), config.storeLocation()::openForReading, uplink, scheduler);
        Gateway g = new Gateway(config, broker, store, uplink, ingest, reports);
        reports.start();
        if (config.homeAssistantPrefix() != null) {
            ingest.addListener(new HomeAssistantDiscovery(config.homeAssistantPrefix(), rules.rules(), uplink));
        }
        if (config.sms() != null) {
            g.sms = new SmsFallback(config.sms(), uplink, scheduler).start();
            ingest.addListener(g.sms);
        }
        for (String filter : List.of(Topic.ALL_STATE, Topic.ALL_TELEMETRY, Topic.ALL_EVENT, Topic.ALL_ALERT_ACKS)) {
            uplink.subscribe(group == null ? filter : "$share/" + group + "/" + filter, (topic, payload, retained) -> ingest.offer(topic, payload));
        }
        ingest.start();
        g.tasks.add(scheduler.every(config.tick(), config.tick(), ingest::tick));
        g.tasks.add(scheduler.every(config.statsInterval(), config.statsInterval(), ingest::publishStats));
        uplink.start();
        if (config.statusBind() != null) {
            try {
                g.status = StatusServer.start(config.statusBind(), config.statusHosts(), config.id(),
                        config.storeLocation()::openForReading, (site, ack) -> acknowledgeFromPage(ingest, site, ack), scheduler,
                        java.time.ZoneId.systemDefault());
            } catch (IOException e) {
                g.close();
                throw new ConfigException("gateway", "status.bind", config.statusBind().getHostString() + ":"
                        + config.statusBind().getPort(), "an address of this machine with a free port (" + e.getMessage() + ")");
            }
        }
        Logger.info("gateway {} started: broker {}{}, data in {}, {} alert rule(s){}", config.id(), config.broker(),
                config.embedded() ? " (embedded)" : "", config.storeUrl() == null ? config.dataDir() : config.storeUrl(),
                rules.rules().size(), group == null ? "" : ", one of the group " + group + " (shared subscriptions)");
        return g;
    }

    /**
     * An acknowledgement from the status page takes the path of one on {@code wp/v1/{site}/alerts/ack}:
     * into the ingest queue as that message, so it is handled, recorded and told to staff in one place
     * (in a group, through the shared feed to whichever gateway leads). Waits, briefly, until the ingest
     * has handled it, so the page shown next shows it acknowledged.
     */
    private static void acknowledgeFromPage(GatewayIngest ingest, String site, AlertAck ack) {
        ingest.offer(new AlertAckTopic(site).name(), WireCodec.encode(ack).getBytes(StandardCharsets.UTF_8));
        try {
            ingest.flush(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status page's address, when it is on. */
    public java.util.Optional<java.net.InetSocketAddress> statusAddress() {
        return java.util.Optional.ofNullable(status).map(StatusServer::address);
    }

    public GatewayStats stats() {
        return ingest.stats();
    }

    public GatewayStore store() {
        return store;
    }

    public boolean isConnected() {
        return uplink.isConnected();
    }

    /** Waits until everything received so far is processed (tests, shutdown). */
    public void flush() throws InterruptedException {
        ingest.flush(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        tasks.forEach(Scheduler.Task::cancel);
        if (status != null) {
            status.close();
        }
        try {
            ingest.flush(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ingest.publishStats();
        reports.close();
        if (sms != null) {
            sms.close();
        }
        ingest.close();
        uplink.close();
        store.close();
        if (broker != null) {
            broker.close();
        }
        Logger.info("gateway {} closed", config.id());
    }
}
