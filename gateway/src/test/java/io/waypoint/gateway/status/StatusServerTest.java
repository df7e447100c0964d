package io.waypoint.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.Batch;
import io.waypoint.gateway.store.GatewayStore.NodeState;
import io.waypoint.time.ManualScheduler;
import io.waypoint.wire.AlertState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page over real HTTP, read from a real SQLite store; the gateway's ingest is the boundary, recorded. */
class StatusServerTest {
    static final Instant NOW = SitePagesTest.NOW;

    @TempDir
    Path dir;
    final List<String> acks = new CopyOnWriteArrayList<>();
    StatusServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws IOException {
        Instant t = NOW.minusSeconds(30);
        try (GatewayStore store = GatewayStore.sqlite(dir)) {
            store.write(new Batch(List.of(SitePagesTest.stored("well-01", 1, t, SitePagesTest.well(7.2, 14))),
                    List.of(), List.of(new NodeState("la-gloria", "well-01", 1, true, t.plusSeconds(1), t)),
                    List.of(SitePagesTest.record("turbidity_unsafe.well-01", "well-01", AlertState.RAISED, NOW.minusSeconds(25 * 60), null)),
                    List.of(), null));
        }
        server = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), Set.of(), "gw-1", () -> GatewayStore.sqliteReadOnly(dir),
                (site, ack) -> acks.add(site + " " + ack.key() + " " + ack.by()), new ManualScheduler(NOW), ZoneOffset.UTC);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String base() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String form, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/ack")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String html) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(html);
        assertThat(m.find()).as("a form token in the page").isTrue();
        return m.group(1);
    }

    @Test
    void thePageShowsTheSiteTheWaterUnsafeAndTheOpenAlertWithItsAge() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(r.body()).contains("<h2>la-gloria</h2>").contains("UNSAFE: 7.2 NTU, above 5")
                .contains("Water unsafe at well-01").contains("raised 25 min ago").contains("<circle class=\"series\" data-node=\"well-01\""); // one reading: a dot
        assertThat(get("/?lang=es").body()).contains("hace 25 min").contains("NO APTA");
    }

    @Test
    void anAcknowledgementFromThePageReachesTheGatewayAndTheBrowserIsSentBack() throws Exception {
        String token = token(get("/").body());
        HttpResponse<String> r = post("site=la-gloria&key=turbidity_unsafe.well-01&token=" + token + "&lang=es&by=Ana+M%C3%A9ndez",
                base());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/?lang=es&acked=turbidity_unsafe.well-01");
        assertThat(acks).containsExactly("la-gloria turbidity_unsafe.well-01 Ana Méndez");
        assertThat(get("/?lang=es&acked=turbidity_unsafe.well-01").body()).contains("Enviado: turbidity_unsafe.well-01 atendida.");
    }

    @Test
    void acknowledgementsWithoutTheTokenFromAnotherOriginOrWithABadNameAreRefusedAndGoNowhere() throws Exception {
        String token = token(get("/").body());
        assertThat(post("site=la-gloria&key=turbidity_unsafe.well-01&by=Ana", null).statusCode()).isEqualTo(403);
        assertThat(post("site=la-gloria&key=turbidity_unsafe.well-01&by=Ana&token=" + token, "http://evil.example").statusCode())
                .isEqualTo(403);
        HttpResponse<String> noName = post("site=la-gloria&key=turbidity_unsafe.well-01&by=+&token=" + token, base());
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(noName.body()).contains("your name must be 1 to 64 characters");
        HttpResponse<String> badKey = post("site=la-gloria&key=%3Cb%3E&by=Ana&token=" + token, base());
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(post("site=La+Gloria&key=turbidity_unsafe.well-01&by=Ana&token=" + token, base()).statusCode()).isEqualTo(400);
        assertThat(post("by=" + "x".repeat(5000) + "&token=" + token, base()).statusCode()).isEqualTo(413);
        assertThat(acks).isEmpty();
    }

    @Test
    void aRequestUnderAForeignHostNameIsRefusedAgainstDnsRebinding() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 421").contains("status.hosts").doesNotContain("la-gloria");
        }
    }

    @Test
    void otherPathsAndMethodsAreAnsweredPlainly() throws Exception {
        assertThat(get("/favicon.ico").statusCode()).isEqualTo(404);
        assertThat(get("/ack").statusCode()).isEqualTo(405);
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aStoreThatCannotBeReadIsSaidPlainly() throws Exception {
        server.close();
        server = StatusServer.start(new InetSocketAddress("127.0.0.1", 0), Set.of(), "gw-1",
                () -> GatewayStore.sqliteReadOnly(dir.resolve("nowhere")), (site, ack) -> { }, new ManualScheduler(NOW), ZoneOffset.UTC);
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("no gateway database at").contains("reload in a minute");
    }
}
