package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.ListeningSockets;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.testkit.MqttProbe.Login;
import io.waypoint.testkit.MqttProbe.Received;
import io.waypoint.testkit.RecordingRelay;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site secured the way {@code scripts/install} secures it, tested against a real Mosquitto running
 * exactly the configuration the script wrote (not a line added), with a second Mosquitto as the head
 * office at the other end of the bridge, and the gateway and a well node as their own processes
 * configured with the snippets the script wrote for them.
 *
 * <p>Mosquitto answers a denied publish with a PUBACK and drops it (MQTT 3.1.1 has no way to say
 * no), and it grants any subscription and filters what it delivers. So every "cannot" here is
 * proven by absence after a positive control: a probe with the gateway's rights on {@code wp/v1/#}
 * sees the control, which the broker routes after the denied messages, and none of them.
 */
class SiteSecurityTest {
    private static final String ROOT = "wp/v1/la-gloria/";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEAD_OFFICE_STAFF_PASSWORD = "head-office-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    /** What scripts/install wrote. */
    private static Path site;
    private static Path headOfficeCa;
    private static int port;
    private static int headOfficePort;
    private static MosquittoBroker headOffice;
    private static MosquittoBroker broker;
    /** Between the site's clients and its broker, recording what an eavesdropper on the site's network sees. */
    private static RecordingRelay wire;
    private static GatewayProcess gateway;
    /** The gateway's login on {@code wp/v1/#}: whatever the site's broker routes, it sees. */
    private static MqttProbe everything;
    private static InstallScript.Outcome installed;

    @BeforeAll
    static void installAndStart() throws IOException {
        Path ho = dir.resolve("head-office");
        Files.createDirectories(ho);
        // the head office has its own CA: here a self-signed certificate for its broker
        InstallScript.tool(ho, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ho.key", "-out", "ho.crt", "-days", "2", "-subj", "/CN=head office", "-addext", "subjectAltName=IP:127.0.0.1");
        headOfficeCa = ho.resolve("ho.crt");
        port = FreePorts.next();
        headOfficePort = FreePorts.next();
        site = dir.resolve("site");
        installed = InstallScript.run(dir, "mosquitto", "--site", "la-gloria", "--nodes", "well-01,kiosk-01", "--out", site.toString(),
                "--port", Integer.toString(port), "--host", "127.0.0.1", "--broker-user", System.getProperty("user.name"),
                "--persistence", dir.resolve("persistence").toString(),
                "--bridge-to", "127.0.0.1:" + headOfficePort, "--bridge-user", "site-la-gloria", "--bridge-ca", headOfficeCa.toString(),
                "--home-assistant");
        assertThat(installed.exit()).as("scripts/install: %s", installed.stderr()).isZero();

        // head office adds what the script wrote for it to its own password file and ACL
        Path passwd = MosquittoBroker.passwordFile(ho, "ho-staff", HEAD_OFFICE_STAFF_PASSWORD);
        Files.writeString(passwd, Files.readString(site.resolve("head-office/passwd-line")), StandardOpenOption.APPEND);
        Path acl = ho.resolve("acl");
        Files.writeString(acl, Files.readString(site.resolve("head-office/acl"))
                + "\nuser ho-staff\ntopic read wp/v1/#\ntopic write wp/v1/+/alerts/ack\n");
        headOffice = MosquittoBroker.startOn(headOfficePort, ho, true, List.of("certfile " + headOfficeCa,
                "keyfile " + ho.resolve("ho.key"), "password_file " + passwd, "acl_file " + acl));

        broker = MosquittoBroker.startWithConfig(site.resolve("mosquitto.conf"), port, dir.resolve("site-broker"));
        wire = RecordingRelay.to(port);
        everything = MqttProbe.connect(url(), login("gateway"), "wp/v1/#");
        gateway = new GatewayProcess(dir.resolve("gw"), "ssl://127.0.0.1:" + wire.port(),
                Files.readString(site.resolve("clients/gateway.conf")) + "[log]\nlevel = debug\n").start();
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, everything, wire, broker, headOffice}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String url() {
        return "ssl://127.0.0.1:" + port;
    }

    private static String headOfficeUrl() {
        return "ssl://127.0.0.1:" + headOfficePort;
    }

    private static String password(String login) {
        try {
            return Files.readString(site.resolve("secrets/" + login + ".password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path siteCa() {
        return site.resolve("ca/ca.crt");
    }

    /** One of the site's logins, over TLS trusting the site CA, as the script set them up. */
    private static Login login(String user) {
        return Login.as(user, password(user)).trusting(siteCa());
    }

    private static Login headOfficeStaff() {
        return Login.as("ho-staff", HEAD_OFFICE_STAFF_PASSWORD).trusting(headOfficeCa);
    }

    private static String marker() {
        return "m-" + UUID.randomUUID();
    }

    private static List<String> topicsOf(List<Received> messages) {
        return messages.stream().map(Received::topic).toList();
    }

    /** The MQTT reason a refused connect gave (4 bad user name or password, 5 not authorised). */
    private static int refusal(ThrowingCallable connect) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(connect);
        assertThat(t).as("the connect was refused").isNotNull();
        MqttException m = causes(t).filter(MqttException.class::isInstance).map(MqttException.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no MQTT refusal in " + t, t));
        return m.getReasonCode();
    }

    private static Stream<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain.stream();
    }

    private static void assertTlsRefused(ThrowingCallable connect) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(connect);
        assertThat(t).as("the connect failed").isNotNull();
        assertThat(causes(t).anyMatch(SSLHandshakeException.class::isInstance)).as("a failed TLS handshake in %s", t).isTrue();
    }

    // --- the script --------------------------------------------------------------------------------

    @Test
    void theScriptKeepsEverySecretToItsOwnerAndNeverPrintsOne() throws IOException {
        assertThat(installed.stdout()).contains("TLS on port " + port).contains("well-01 kiosk-01");
        for (String login : List.of("gateway", "staff", "well-01", "kiosk-01", "bridge-site-la-gloria")) {
            String p = password(login);
            assertThat(p).as("%s's password", login).hasSizeGreaterThanOrEqualTo(24);
            assertThat(installed.stdout() + installed.stderr()).doesNotContain(p);
        }
        for (String secret : List.of("secrets/well-01.password", "secrets/gateway.password", "clients/well-01.conf",
                "clients/gateway.conf", "passwd", "acl", "mosquitto.conf", "ca/ca.key", "tls/server.key")) {
            assertThat(Files.getPosixFilePermissions(site.resolve(secret))).as(secret)
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.readString(site.resolve("passwd"))).as("hashed, not the passwords").doesNotContain(password("well-01"))
                .contains("well-01:$7$");
        assertThat(Files.readString(site.resolve("mosquitto.conf"))).contains("allow_anonymous false")
                .doesNotContain("listener 1883").doesNotContainPattern("(?m)^listener \\d+ 127");
    }

    // --- who may connect -----------------------------------------------------------------------------

    @Test
    void withoutALoginOrWithAWrongPasswordNobodyConnects() {
        assertThat(refusal(() -> MqttProbe.connect(url(), Login.anonymous().trusting(siteCa())))).isIn(4, 5);
        assertThat(refusal(() -> MqttProbe.connect(url(), Login.as("well-01", "not-its-password").trusting(siteCa())))).isIn(4, 5);
        // one node's password does not open another's login
        assertThat(refusal(() -> MqttProbe.connect(url(), Login.as("well-01", password("kiosk-01")).trusting(siteCa())))).isIn(4, 5);
        // positive control: the right password connects
        MqttProbe.connect(url(), login("well-01")).close();
    }

    @Test
    void onlyClientsThatTrustTheSiteCaAndUseANameInItsCertificateConnect() {
        MqttProbe.connect(url(), login("staff")).close();
        // the JVM's own CAs do not include the site's
        assertTlsRefused(() -> MqttProbe.connect(url(), Login.as("staff", password("staff"))));
        // another CA (head office's) does not vouch for the site's broker
        assertTlsRefused(() -> MqttProbe.connect(url(), Login.as("staff", password("staff")).trusting(headOfficeCa)));
        // the same listener reached by a name its certificate does not carry
        assertTlsRefused(() -> MqttProbe.connect("ssl://127.0.0.2:" + port, login("staff")));
        // no plaintext: MQTT without TLS on the port gets nowhere
        assertThatThrownBy(() -> MqttProbe.connect("tcp://127.0.0.1:" + port, Login.as("staff", password("staff"))))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- what each login may do ----------------------------------------------------------------------

    @Test
    void aNodePublishesOnlyAsItself() {
        String m = marker();
        try (MqttProbe well = MqttProbe.connect(url(), login("well-01"))) {
            // positive control first: its own topic gets through, and the watcher sees it
            well.publish(ROOT + "well-01/telemetry", m + " own topic", false);
            everything.await(WAIT, r -> r.payload().equals(m + " own topic"));
            for (String topic : List.of(ROOT + "kiosk-01/telemetry", ROOT + "kiosk-01/state", ROOT + "kiosk-01/event",
                    ROOT + "kiosk-01/cmd/rebirth/result", ROOT + "well-01/ack", ROOT + "kiosk-01/ack", ROOT + "well-01/cmd/rebirth",
                    ROOT + "alerts/events", ROOT + "alerts/active/turbidity_unsafe.well-01", ROOT + "alerts/ack", ROOT + "status",
                    "wp/v1/el-ceibo/well-01/telemetry", "wp/v1/_gateway/gw-sys/stats")) {
                well.publish(topic, m + " forged on " + topic, false);
            }
            // the broker routes one client's messages in order: when this arrives, the forged ones would have
            well.publish(ROOT + "well-01/telemetry", m + " control", false);
            everything.await(WAIT, r -> r.payload().equals(m + " control"));
        }
        assertThat(topicsOf(everything.received(r -> r.payload().startsWith(m))))
                .as("only its own topic got through").containsExactly(ROOT + "well-01/telemetry", ROOT + "well-01/telemetry");
    }

    @Test
    void aNodeReadsOnlyItsOwnAcknowledgementsAndCommands() {
        String m = marker();
        try (MqttProbe well = MqttProbe.connect(url(), login("well-01"), "wp/v1/#");
             MqttProbe kiosk = MqttProbe.connect(url(), login("kiosk-01"));
             MqttProbe gw = MqttProbe.connect(url(), login("gateway"));
             MqttProbe staff = MqttProbe.connect(url(), login("staff"))) {
            kiosk.publish(ROOT + "kiosk-01/telemetry", m, false);
            kiosk.publish(ROOT + "kiosk-01/state", m, false);
            gw.publish(ROOT + "kiosk-01/ack", m, false);
            gw.publish(ROOT + "kiosk-01/cmd/rebirth", m, false);
            gw.publish(ROOT + "alerts/events", m, false);
            staff.publish(ROOT + "alerts/ack", m, false);
            gw.publish(ROOT + "well-01/cmd/rebirth", m, false);
            gw.publish(ROOT + "well-01/ack", m + " last", false);
            well.await(WAIT, r -> r.payload().equals(m + " last"));
            assertThat(topicsOf(well.received(r -> r.payload().startsWith(m))))
                    .containsExactly(ROOT + "well-01/cmd/rebirth", ROOT + "well-01/ack");
            // the broker did route the others: the gateway's login saw them
            everything.await(WAIT, r -> r.payload().equals(m + " last"));
            assertThat(everything.received(r -> r.payload().startsWith(m))).hasSize(8);
        }
    }

    @Test
    void staffReadAlertsAndAcknowledgeThemButNeitherPoseAsANodeNorReadIts() {
        String m = marker();
        try (MqttProbe staff = MqttProbe.connect(url(), login("staff"), "wp/v1/#");
             MqttProbe well = MqttProbe.connect(url(), login("well-01"));
             MqttProbe gw = MqttProbe.connect(url(), login("gateway"))) {
            for (String topic : List.of(ROOT + "well-01/telemetry", ROOT + "well-01/state", ROOT + "well-01/event",
                    ROOT + "well-01/ack", ROOT + "well-01/cmd/rebirth", ROOT + "alerts/events", ROOT + "alerts/active/x.well-01")) {
                staff.publish(topic, m + " forged", false);
            }
            well.publish(ROOT + "well-01/telemetry", m + " telemetry", false);
            gw.publish(ROOT + "alerts/events", m + " alert", false);
            staff.await(WAIT, r -> r.payload().equals(m + " alert"));
            staff.publish(ROOT + "alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"" + m + "\"}", false);
            everything.await(WAIT, r -> r.topic().equals(ROOT + "alerts/ack") && r.payload().contains(m));

            assertThat(everything.received(r -> r.payload().contains(m))).extracting(Received::topic, Received::payload)
                    .as("staff's forgeries never got through; the node's telemetry, the alert and staff's ack did")
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ROOT + "well-01/telemetry", m + " telemetry"),
                            org.assertj.core.groups.Tuple.tuple(ROOT + "alerts/events", m + " alert"),
                            org.assertj.core.groups.Tuple.tuple(ROOT + "alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"" + m + "\"}"));
            assertThat(topicsOf(staff.received(r -> r.payload().contains(m))))
                    .as("staff read the alert (and acks), never a node's telemetry")
                    .containsExactly(ROOT + "alerts/events", ROOT + "alerts/ack");
        }
    }

    // --- the gateway ----------------------------------------------------------------------------------

    private static byte[] wellTelemetry(String bodyNode, long boot, long seq) {
        Envelope e = Envelope.of(new NodeRef("la-gloria", bodyNode), boot, seq, Instant.now(), ClockState.SYNCED);
        WellTelemetry t = new WellTelemetry(60, new WellTelemetry.Summary(0.4, 0.5, 0.7, 6),
                new WellTelemetry.Summary(0, 3.2, 11.8, 60), 12.5, 45678.9, 1234.5, "ok", 0);
        return WireCodec.encode(e, t).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageWhoseBodyClaimsAnotherNodeIsRejectedByTheGateway() {
        long boot = 9_000 + (long) (Math.random() * 999); // a boot no running node uses
        try (MqttProbe well = MqttProbe.connect(url(), login("well-01"))) {
            // positive control: well-01 speaking as itself is stored and acknowledged
            well.publish(ROOT + "well-01/telemetry", wellTelemetry("well-01", boot, 1), false);
            everything.await(WAIT, r -> r.topic().equals(ROOT + "well-01/ack") && r.payload().contains("\"boot\":" + boot));
            // the broker lets it publish on its own topic, but the body says kiosk-01
            well.publish(ROOT + "well-01/telemetry", wellTelemetry("kiosk-01", boot, 2), false);
            Received reject = everything.await(WAIT, r -> r.topic().equals("wp/v1/_gateway/gw-sys/rejects")
                    && r.payload().contains("disagrees with topic node"));
            assertThat(reject.payload()).contains("\"topic\":\"" + ROOT + "well-01/telemetry\"")
                    .contains("body node 'kiosk-01' disagrees with topic node 'well-01'");
        }
        try (GatewayStore store = GatewayStore.sqlite(gateway.dataDir())) {
            assertThat(store.messages("la-gloria", "well-01", "telemetry")).filteredOn(s -> s.boot() == boot)
                    .extracting(GatewayStore.StoredMessage::seq).containsExactly(1L);
            assertThat(store.messages("la-gloria", "kiosk-01", "telemetry")).noneMatch(s -> s.boot() == boot);
        }
    }

    @Test
    void aWellNodeAndTheGatewayTalkOverTlsAndNoPasswordIsInAnyLogMessageOrPacket() throws Exception {
        List<String> nodeConf = new ArrayList<>(Files.readAllLines(site.resolve("clients/well-01.conf")));
        nodeConf.addAll(List.of("[log]", "level = debug")); // the most a node ever logs
        Path nodeDir = dir.resolve("well-01");
        try (SimNodeProcess node = SimNodeProcess.well(nodeDir, "ssl://127.0.0.1:" + wire.port(), "well-01", "normal-day", 600,
                nodeConf.toArray(String[]::new))) {
            // the gateway acknowledges only what it has committed to its store
            everything.await(WAIT, r -> r.topic().equals(ROOT + "well-01/ack") && r.payload().contains("\"boot\":1,"));
            assertThat(ListeningSockets.of(node.pid())).as("a node offers nothing on the network: its consoles are stdin and serial")
                    .isEmpty();
            assertThat(node.stop()).isZero();
        }
        try (GatewayStore store = GatewayStore.sqlite(gateway.dataDir())) {
            assertThat(store.messages("la-gloria", "well-01", "telemetry")).filteredOn(s -> s.boot() == 1).isNotEmpty();
        }
        assertThat(ListeningSockets.of(gateway.pid())).as("the gateway offers nothing either (no embedded broker here)").isEmpty();

        Set<String> passwords = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(site.resolve("secrets"))) {
            for (Path f : files.toList()) {
                passwords.add(Files.readString(f).strip());
            }
        }
        assertThat(passwords).as("gateway, staff, homeassistant, two nodes, the bridge").hasSize(6);
        PrivacyScan scan = PrivacyScan.exactly(passwords);
        // the scan finds a password where one is: the node's own config file
        assertThat(scan.hitsInFiles(nodeDir.resolve("node.conf"))).hasSize(1);

        List<String> hits = new ArrayList<>();
        hits.addAll(scan.hitsInFiles(gateway.outputFile()));
        hits.addAll(scan.hitsInFiles(gateway.dataDir()));       // its log files, its store
        try (Stream<Path> outs = Files.list(nodeDir)) {
            for (Path out : outs.filter(f -> f.getFileName().toString().endsWith(".out")).toList()) {
                hits.addAll(scan.hitsInFiles(out));
            }
        }
        hits.addAll(scan.hitsInFiles(nodeDir.resolve("data"))); // its logs, outbox, state
        hits.addAll(scan.hitsInFiles(broker.output()));         // the broker's log
        byte[] onTheWire = wire.bytes();
        hits.addAll(scan.hits("the site's network", new String(onTheWire, StandardCharsets.ISO_8859_1)));
        for (Received r : everything.received()) {
            hits.addAll(scan.hits("message on " + r.topic(), r.topic() + " " + r.payload()));
        }
        assertThat(hits).as("a password in a log, a file, a message or a packet").isEmpty();
        // what was scanned was real: TLS records (a handshake first) carrying the node's minutes of telemetry
        assertThat(onTheWire[0]).as("TLS handshake record").isEqualTo((byte) 0x16);
        assertThat(onTheWire.length).isGreaterThan(10_000);
        assertThat(new String(onTheWire, StandardCharsets.ISO_8859_1)).doesNotContain("wp/v1/");
        assertThat(Files.readString(gateway.outputFile())).contains("uplink gateway.gw-sys: connected to ssl://");
        assertThat(Files.readString(nodeDir.resolve("data/logs/well-01.log"))).contains("uplink la-gloria.well-01: connected to ssl://");
    }

    // --- Home Assistant ---------------------------------------------------------------------------------

    @Test
    void homeAssistantReadsDiscoveryTelemetryAndAlertsButPublishesNothingAndStaffSeeNoDiscovery() throws Exception {
        String m = marker();
        String config = "homeassistant/sensor/la-gloria_well-01_turbidity/config";
        try (MqttProbe ha = MqttProbe.connect(url(), login("homeassistant"), "homeassistant/#", ROOT + "+/telemetry",
                     ROOT + "alerts/active/#", ROOT + "+/ack");
             MqttProbe staff = MqttProbe.connect(url(), login("staff"), "homeassistant/#");
             MqttProbe gw = MqttProbe.connect(url(), login("gateway"));
             MqttProbe well = MqttProbe.connect(url(), login("well-01"))) {
            gw.publish(config, "{\"m\":\"" + m + "\"}", true);
            ha.await(WAIT, r -> r.topic().equals(config) && r.payload().contains(m));
            well.publish(ROOT + "well-01/telemetry", m + " telemetry", false);
            ha.await(WAIT, r -> r.topic().equals(ROOT + "well-01/telemetry") && r.payload().contains(m));
            gw.publish(ROOT + "alerts/active/turbidity_unsafe.well-01", m + " alert", true);
            ha.await(WAIT, r -> r.topic().startsWith(ROOT + "alerts/active/") && r.payload().contains(m));

            ha.publish(ROOT + "well-01/telemetry", m + " forged by home assistant", false);
            ha.publish(ROOT + "alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"" + m + "\"}", false);
            gw.publish(ROOT + "well-01/ack", m + " ack to node", false);
            Thread.sleep(500);
            assertThat(everything.received(r -> r.payload().contains(m + " forged") || r.topic().equals(ROOT + "alerts/ack")
                    && r.payload().contains(m))).as("Home Assistant's publishes are dropped").isEmpty();
            assertThat(ha.received(r -> r.topic().endsWith("/ack"))).as("nor does it read the acks to nodes").isEmpty();
            assertThat(staff.received(r -> r.topic().equals(config))).as("staff's login reads no discovery").isEmpty();
            gw.publish(config, "", true);
            gw.publish(ROOT + "alerts/active/turbidity_unsafe.well-01", "", true);
        }
    }

    // --- the bridge to head office -------------------------------------------------------------------

    @Test
    void theGatewayReadsWhetherTheBridgeToHeadOfficeIsUpAndStaffCannot() throws Exception {
        String state = "$SYS/broker/connection/head-office/state";
        try (MqttProbe gw = MqttProbe.connect(url(), login("gateway"), state);
             MqttProbe staff = MqttProbe.connect(url(), login("staff"), state, ROOT + "status")) {
            // retained: 1 while the bridge is connected, 0 while not (critical alerts then go by SMS)
            gw.await(WAIT, r -> r.topic().equals(state) && r.payload().matches("[01]"));
            Thread.sleep(500);
            assertThat(staff.received(r -> r.topic().equals(state))).as("staff may not read the broker's $SYS").isEmpty();
        }
    }

    @Test
    void alertsGoToHeadOfficeAndStaffAcknowledgementsComeBackButNothingElseCrosses() {
        String m = marker();
        String active = ROOT + "alerts/active/turbidity_unsafe.well-01";
        String raised = "{\"key\":\"turbidity_unsafe.well-01\",\"state\":\"raised\",\"m\":\"" + m + "\"}";
        try (MqttProbe office = MqttProbe.connect(headOfficeUrl(), headOfficeStaff(), "wp/v1/#");
             MqttProbe gw = MqttProbe.connect(url(), login("gateway"));
             MqttProbe well = MqttProbe.connect(url(), login("well-01"))) {
            well.publish(ROOT + "well-01/telemetry", m + " telemetry", false);
            gw.publish(ROOT + "well-01/ack", m + " ack to node", false);
            gw.publish(active, raised, true);
            gw.publish(ROOT + "alerts/events", raised, false);
            office.await(WAIT, r -> r.topic().equals(ROOT + "alerts/events") && r.payload().contains(m));
            assertThat(topicsOf(office.received(r -> r.payload().contains(m))))
                    .as("the alert crossed, in order; the node's telemetry and its ack did not")
                    .containsExactly(active, ROOT + "alerts/events");
            // it crossed retained: staff who connect at head office later still see the open alert
            try (MqttProbe later = MqttProbe.connect(headOfficeUrl(), headOfficeStaff(), active)) {
                assertThat(later.await(WAIT, r -> r.payload().contains(m)).retained()).isTrue();
            }

            office.publish(ROOT + "alerts/ack", "{\"key\":\"turbidity_unsafe.well-01\",\"by\":\"" + m + "\"}", false);
            everything.await(WAIT, r -> r.topic().equals(ROOT + "alerts/ack") && r.payload().contains(m));

            // resolved: the gateway clears the retained alert, and the clearing crosses too (before the event after it)
            gw.publish(active, "", true);
            gw.publish(ROOT + "alerts/events", "{\"key\":\"turbidity_unsafe.well-01\",\"state\":\"resolved\",\"m\":\"" + m + "\"}", false);
            office.await(WAIT, r -> r.payload().contains("resolved") && r.payload().contains(m));
        }
        try (MqttProbe afterwards = MqttProbe.connect(headOfficeUrl(), headOfficeStaff(), ROOT + "alerts/#")) {
            afterwards.publish(ROOT + "alerts/ack", "{\"key\":\"sync\",\"by\":\"" + m + " sync\"}", false);
            afterwards.await(WAIT, r -> r.payload().contains(m + " sync")); // retained ones come before it
            assertThat(afterwards.received(r -> r.topic().equals(active))).as("no open alert left at head office").isEmpty();
        }
    }

    @Test
    void alertsRaisedWhileHeadOfficeIsDownArriveWhenItReturns() {
        String m = marker();
        Login watcher = headOfficeStaff().persistentAs("ho-watch-" + m.substring(2, 10));
        MqttProbe.connect(headOfficeUrl(), watcher, ROOT + "alerts/events").close(); // head office keeps its session
        headOffice.stop(); // SIGTERM: head office saves its sessions and goes; the site's link is down
        try (MqttProbe gw = MqttProbe.connect(url(), login("gateway"))) {
            for (int i = 1; i <= 3; i++) {
                gw.publish(ROOT + "alerts/events", "{\"key\":\"node_offline.well-01\",\"m\":\"" + m + " " + i + "\"}", false);
            }
        }
        headOffice.restart();
        try (MqttProbe back = MqttProbe.connect(headOfficeUrl(), watcher)) {
            back.await(WAIT, r -> r.payload().contains(m + " 3"));
            assertThat(back.received(r -> r.payload().contains(m))).extracting(Received::payload)
                    .containsExactly("{\"key\":\"node_offline.well-01\",\"m\":\"" + m + " 1\"}",
                            "{\"key\":\"node_offline.well-01\",\"m\":\"" + m + " 2\"}",
                            "{\"key\":\"node_offline.well-01\",\"m\":\"" + m + " 3\"}");
        }
    }
}
