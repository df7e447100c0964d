package io.waypoint.gateway;

import io.waypoint.config.CommandLine;
import io.waypoint.config.Settings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's configuration: {@code scripts/gateway --broker tcp://HOST:PORT [--config FILE] [--data DIR]}.
 *
 * <pre>
 * [gateway]
 * id = gw-1                      # names its stats and rejects topics, and its MQTT client id
 * [broker]
 * url = tcp://127.0.0.1:1883     # --broker
 * embedded = false               # true: run Moquette in-process, listening on url's host and port
 * username = gateway             # optional
 * password = ...                 # optional; never logged
 * ca_file = /etc/waypoint/ca.pem # for ssl:// urls
 * reconnect_max = 60s            # the longest wait between attempts to reach a lost broker (1s..10m)
 * client = direct                # direct: waypoint's own MQTT client (one thread, acknowledgements in bulk: about
 *                                # half the CPU a message); paho: Eclipse Paho, as the nodes use, to fall back to
 * shared_group = gateways        # optional: one of several gateways sharing the load through the shared
 *                                # subscription $share/GROUP/wp/v1/...; needs store.url (a shared store);
 *                                # the group's name must differ from every gateway's id
 * [store]
 * url = postgresql://db.example:5432/waypoint  # optional: PostgreSQL instead of SQLite in data.dir
 * user = waypoint                # optional
 * password = ...                 # optional; never logged
 * [data]
 * dir = /var/lib/waypoint/gateway  # --data
 * [rules]
 * file = /etc/waypoint/rules.conf  # optional; the shipped defaults otherwise
 * [alerts]
 * tick = 5s                      # how often staleness and escalation are checked
 * [stats]
 * interval = 10s
 * [sms]                          # optional: critical alerts by SMS while the site's uplink to head office is down
 * kiosks = la-gloria/kiosk-01    # SITE/NODE, one kiosk per site, whose modem sends them (its config holds the numbers)
 * to = staff                     # the recipient list in the kiosk's [sms] section
 * uplink_state = $SYS/broker/connection/head-office/state  # the bridge's notification topic (retained 1/0)
 * per_hour = 5                   # SMS to each number at most in any hour, the summary of those left out included
 * [homeassistant]
 * discovery = false              # true: announce each node's sensors and alerts to Home Assistant (MQTT discovery)
 * prefix = homeassistant         # Home Assistant's discovery prefix
 * [log]
 * level = info
 * follow = false                 # --follow: print a readable line per telemetry summary and alert on stdout
 * [status]
 * bind = 192.168.4.1:8080        # --status: serve the status page on this address and port (IPv4 or [IPv6]);
 *                                # off when absent. Anyone who reaches it can read it and acknowledge alerts:
 *                                # bind it to the site's own network (127.0.0.1 for this machine only)
 * hosts = gw.la-gloria.lan       # optional: names the page may be opened by, besides IP addresses and localhost
 *                                # (any other name is refused, against DNS rebinding)
 * </pre>
 */
record GatewayConfig(String id, URI broker, boolean embedded, String username, char[] password, Path caFile,
                     Path dataDir, Path rulesFile, Duration tick, Duration statsInterval, String logLevel, boolean follow,
                     Duration reconnectMax, String sharedGroup, String storeUrl, String storeUser, char[] storePassword,
                     boolean pahoClient, InetSocketAddress statusBind, Set<String> statusHosts,
                     io.waypoint.gateway.sms.SmsSettings sms, String homeAssistantPrefix) {
    /** {@code postgresql://HOST[:PORT]/DATABASE}, no login in it (store.user and store.password say that). */
    private static final java.util.regex.Pattern STORE_URL =
            java.util.regex.Pattern.compile("postgresql://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+(\\?[^@\\s]*)?");

    GatewayConfig(String id, URI broker, boolean embedded, String username, char[] password, Path caFile, Path dataDir,
                  Path rulesFile, Duration tick, Duration statsInterval, String logLevel, boolean follow, Duration reconnectMax) {
        this(id, broker, embedded, username, password, caFile, dataDir, rulesFile, tick, statsInterval, logLevel, follow,
                reconnectMax, null, null, null, null, false);
    }

    /** Without a status page, SMS or Home Assistant. */
    GatewayConfig(String id, URI broker, boolean embedded, String username, char[] password, Path caFile, Path dataDir,
                  Path rulesFile, Duration tick, Duration statsInterval, String logLevel, boolean follow, Duration reconnectMax,
                  String sharedGroup, String storeUrl, String storeUser, char[] storePassword, boolean pahoClient) {
        this(id, broker, embedded, username, password, caFile, dataDir, rulesFile, tick, statsInterval, logLevel, follow,
                reconnectMax, sharedGroup, storeUrl, storeUser, storePassword, pahoClient, null, Set.of(), null, null);
    }

    static final CommandLine COMMAND_LINE = new CommandLine(Map.of(
            "--broker", "broker.url",
            "--data", "data.dir",
            "--embedded", "broker.embedded",
            "--id", "gateway.id",
            "--follow", "log.follow",
            "--status", "status.bind"));

    static GatewayConfig from(Settings s) {
        String id = s.has("gateway.id") ? s.id("gateway.id") : "gw-1";
        URI broker = s.brokerUri("broker.url", null);
        boolean embedded = s.bool("broker.embedded", false);
        String user = s.optional("broker.username").orElse(null);
        char[] pass = s.optional("broker.password").map(String::toCharArray).orElse(null);
        Path ca = s.path("broker.ca_file", null);
        Duration reconnectMax = s.duration("broker.reconnect_max", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10));
        StoreLocation store = StoreLocation.from(s);
        Path rules = s.path("rules.file", null);
        Duration tick = s.duration("alerts.tick", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5));
        Duration stats = s.duration("stats.interval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1));
        String level = s.choice("log.level", "info", "trace", "debug", "info", "warn", "error");
        boolean follow = s.bool("log.follow", false);
        String storeUrl = store.url();
        String group = null;
        if (s.has("broker.shared_group")) {
            group = s.id("broker.shared_group");
            if (storeUrl == null) {
                throw s.invalid("broker.shared_group", "a group only with a store its gateways share: set store.url to their "
                        + "PostgreSQL database, or leave shared_group out for a gateway of its own");
            }
            if (group.equals(id)) {
                throw s.invalid("broker.shared_group", "a name other than this gateway's id (" + id + "): both name topics under "
                        + "wp/v1/_gateway/");
            }
            if (embedded) {
                throw s.invalid("broker.shared_group", "no group with broker.embedded = true: the gateways of a group share one "
                        + "broker outside them");
            }
        }
        boolean paho = s.choice("broker.client", "direct", "direct", "paho").equals("paho");
        InetSocketAddress statusBind = s.has("status.bind") ? statusBind(s) : null;
        Set<String> hosts = new LinkedHashSet<>();
        for (String h : s.words("status.hosts", List.of())) {
            if (!HOST_NAME.matcher(h).matches()) {
                throw s.invalid("status.hosts", "host names separated by commas, like gw.la-gloria.lan (IP addresses are always "
                        + "allowed and need not be listed)");
            }
            hosts.add(h.toLowerCase(Locale.ROOT));
        }
        io.waypoint.gateway.sms.SmsSettings sms = sms(s);
        boolean discovery = s.bool("homeassistant.discovery", false);
        String prefix = s.string("homeassistant.prefix", "homeassistant");
        if (!prefix.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
            throw s.invalid("homeassistant.prefix", "Home Assistant's discovery prefix, letters, digits, '_' and '-' in levels "
                    + "separated by '/', e.g. homeassistant");
        }
        s.rejectUnknownKeys();
        return new GatewayConfig(id, broker, embedded, user, pass, ca, store.dataDir(), rules, tick, stats, level, follow, reconnectMax,
                group, storeUrl, store.user(), store.password(), paho, statusBind, Set.copyOf(hosts), sms, discovery ? prefix : null);
    }

    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9\\-]{0,61}[a-z0-9])?)*");
    private static final java.util.regex.Pattern BIND = java.util.regex.Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+\\]|[0-9]{1,3}(\\.[0-9]{1,3}){3}|localhost):([0-9]{1,5})");

    /** {@code HOST:PORT} with an IP address (IPv6 in brackets) or localhost: the page is bound to an address, not a name. */
    private static InetSocketAddress statusBind(Settings s) {
        String v = s.optional("status.bind").orElseThrow().strip();
        String expected = "an address and port of this machine like 127.0.0.1:8080, 192.168.4.1:8080, 0.0.0.0:8080 or [::1]:8080";
        java.util.regex.Matcher m = BIND.matcher(v);
        if (!m.matches()) {
            throw s.invalid("status.bind", expected);
        }
        if (m.group(2) != null && java.util.Arrays.stream(m.group(1).split("\\.")).anyMatch(o -> Integer.parseInt(o) > 255)) {
            throw s.invalid("status.bind", expected);
        }
        int port = Integer.parseInt(m.group(3));
        if (port < 1 || port > 65535) {
            throw s.invalid("status.bind", expected + " (ports 1 to 65535)");
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        try {
            // a literal address: no name is looked up
            return new InetSocketAddress(java.net.InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw s.invalid("status.bind", expected);
        }
    }

    /** The {@code [sms]} section, or null without {@code sms.kiosks}. */
    private static io.waypoint.gateway.sms.SmsSettings sms(Settings s) {
        java.util.List<String> kiosks = s.words("sms.kiosks", java.util.List.of());
        String to = s.has("sms.to") ? s.id("sms.to") : "staff";
        String state = s.string("sms.uplink_state", io.waypoint.gateway.sms.SmsSettings.DEFAULT_UPLINK_STATE);
        int perHour = (int) s.integer("sms.per_hour", 5, 1, 60);
        if (state.isBlank() || state.contains("+") || state.contains("#")) {
            throw s.invalid("sms.uplink_state", "one topic without wildcards, the bridge's notification topic, e.g. "
                    + io.waypoint.gateway.sms.SmsSettings.DEFAULT_UPLINK_STATE);
        }
        if (kiosks.isEmpty()) {
            return null;
        }
        java.util.List<io.waypoint.wire.NodeRef> refs = new java.util.ArrayList<>();
        java.util.Set<String> sites = new java.util.HashSet<>();
        for (String k : kiosks) {
            int slash = k.indexOf('/');
            io.waypoint.wire.NodeRef ref;
            try {
                ref = new io.waypoint.wire.NodeRef(slash < 0 ? "" : k.substring(0, slash), k.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw s.invalid("sms.kiosks", "SITE/NODE of a kiosk for each site, e.g. la-gloria/kiosk-01 ('" + k + "' is not)");
            }
            if (!sites.add(ref.site())) {
                throw s.invalid("sms.kiosks", "one kiosk per site (" + ref.site() + " is named twice)");
            }
            refs.add(ref);
        }
        return new io.waypoint.gateway.sms.SmsSettings(refs, to, state, perHour);
    }

    /**
     * Where the gateway's store is, from the keys the gateway reads ({@code data.dir}, {@code store.url},
     * {@code store.user}, {@code store.password}): what the gateway and {@code scripts/report} both open.
     *
     * @param url PostgreSQL's, or null for SQLite in {@code dataDir}
     */
    record StoreLocation(Path dataDir, String url, String user, char[] password) {
        static StoreLocation from(Settings s) {
            Path data = s.path("data.dir", Path.of("data", "gateway"));
            String url = s.optional("store.url").orElse(null);
            if (url != null && (!STORE_URL.matcher(url).matches() || url.toLowerCase(java.util.Locale.ROOT).contains("password"))) {
                throw s.invalid("store.url", "a PostgreSQL database like postgresql://db.example:5432/waypoint (the login goes in "
                        + "store.user and store.password); leave it out for SQLite in data.dir");
            }
            String user = s.optional("store.user").orElse(null);
            char[] password = s.optional("store.password").map(String::toCharArray).orElse(null);
            return new StoreLocation(data, url, user, password);
        }

        /**
         * The store opened for reading beside a gateway that may be running: SQLite read-only (nothing
         * in the file changes), or the PostgreSQL database.
         *
         * @throws io.waypoint.gateway.store.StoreException when it is not there or cannot be reached
         */
        io.waypoint.gateway.store.GatewayStore openForReading() {
            return url == null ? io.waypoint.gateway.store.GatewayStore.sqliteReadOnly(dataDir)
                    : io.waypoint.gateway.store.GatewayStore.postgres(url, user, password);
        }

        @Override
        public String toString() {
            return "StoreLocation[" + (url == null ? dataDir : url + (user == null ? "" : " as " + user)) + "]";
        }
    }

    /** Where its store is. */
    StoreLocation storeLocation() {
        return new StoreLocation(dataDir, storeUrl, storeUser, storePassword);
    }

    @Override
    public String toString() {
        return "GatewayConfig[id=" + id + ", broker=" + broker + ", embedded=" + embedded + ", data=" + dataDir
                + (storeUrl == null ? "" : ", store=" + storeUrl + (storeUser == null ? "" : " as " + storeUser))
                + (sharedGroup == null ? "" : ", shared_group=" + sharedGroup) + "]";
    }
}
