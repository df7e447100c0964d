package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.wire.Alert;
import io.waypoint.wire.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's status page end to end in Debian's headless chromium: a simulated well clouds after
 * rain, the gateway process raises the alert, the page shows the site and the alert with its age
 * (phone-sized screenshots kept in {@code system-tests/target/status-page/}), and a person types a
 * name into the alert's form and presses the button: staff hear of it on {@code alerts/events}.
 */
class StatusPageTest {
    private static final Duration LONG = Duration.ofMinutes(3);
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";
    private static final String KEY = "turbidity_unsafe.well-01";
    /** Kept after the run, as the README says. */
    static final Path ARTIFACTS = Path.of("target", "status-page");

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private GatewayProcess gateway;
    private MqttProbe probe;
    private String url;

    @BeforeEach
    void start() {
        int port = FreePorts.next();
        url = "http://127.0.0.1:" + port + "/";
        broker = MosquittoBroker.start(dir.resolve("broker"));
        gateway = new GatewayProcess(dir.resolve("gw"), broker.url(), List.of("[status]", "bind = 127.0.0.1:" + port)).start();
        probe = MqttProbe.connect(broker.url(), EVENTS);
    }

    @AfterEach
    void stop() throws Exception {
        probe.close();
        gateway.close();
        broker.close();
    }

    private static Predicate<MqttProbe.Received> alert(String state) {
        return m -> m.topic().equals(EVENTS) && m.payload().contains("\"key\":\"" + KEY + "\"")
                && m.payload().contains("\"state\":\"" + state + "\"");
    }

    /** The page's words for an age of {@code minutes}: what StatusHtml says, written out again here as the page's contract. */
    private static String age(long minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return (minutes / 60) + " h " + (minutes % 60) + " min";
        }
        return (minutes / (24 * 60)) + " d " + ((minutes / 60) % 24) + " h";
    }

    @Test
    void thePageShowsTheSiteAndTheSimulatorsAlertWithItsAgeAndAcknowledgesItFromTheForm() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(dir);
        Alert raised;
        try (SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-01", "turbid-after-rain", 240)) {
            raised = WireCodec.decodeAlert(probe.await(LONG, alert("raised")).payload().getBytes(StandardCharsets.UTF_8));
            // stopped while the water is unsafe: the alert stays open (no reading resolves it) for as long as the test looks
            assertThat(node.stop()).isZero();
        }
        Instant before = Instant.now();
        String dom = chromium.dumpDom(url);
        Instant after = Instant.now();
        assertThat(dom).contains("<h2>la-gloria</h2>").contains("data-key=\"" + KEY + "\"").contains("Water unsafe at well-01");
        String item = dom.substring(dom.indexOf("data-key=\"" + KEY + "\""));
        item = item.substring(0, item.indexOf("</li>"));
        assertThat(item).contains("data-state=\"raised\"").contains("<form");
        // its age, on the gateway's clock, from the raise the simulator's readings caused (a day or more ago: the
        // simulated day is anchored in the past)
        List<String> ages = LongStream.rangeClosed(Duration.between(raised.at(), before).toMinutes(),
                Duration.between(raised.at(), after).toMinutes()).mapToObj(m -> "raised " + age(m) + " ago").toList();
        assertThat(ages).anyMatch(item::contains);
        // the well's day on the chart, and the node, stopped, with its last contact
        assertThat(dom).contains("id=\"chart-turbidity\"").contains("<polyline class=\"series\" data-node=\"well-01\"");
        assertThat(dom).containsPattern("data-node=\"well-01\"><td>well-01 <span class=\"off\">offline</span>");

        Path shot = ARTIFACTS.resolve("status-page.png");
        Files.deleteIfExists(shot);
        chromium.screenshot(url, shot);
        assertThat(pngSize(Files.readAllBytes(shot))).containsExactly(390, 844);

        try (HeadlessChromium.Session page = chromium.open(url)) {
            await("the page loaded").atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(page.evaluate(
                    "!!document.querySelector('li[data-key=\"" + KEY + "\"] form')")));
            // as a person does it: type a name, press the button
            page.evaluate("(function(){var li=document.querySelector('li[data-key=\"" + KEY + "\"]');"
                    + "li.querySelector('input[name=by]').value='Ana';li.querySelector('button[type=submit]').click();return 1;})()");
            try {
                await("the page shows it acknowledged").atMost(Duration.ofSeconds(30)).until(() -> "acknowledged".equals(page.evaluate(
                        "(function(){var li=document.querySelector('li[data-key=\"" + KEY + "\"]');return li&&li.dataset.state;})()")));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the page at " + page.evaluate("location.href") + " says: " + page.evaluate("document.body.innerText")
                        + "\n--- gateway output:\n" + Files.readString(gateway.outputFile()), e);
            }
            assertThat((String) page.evaluate("document.querySelector('li[data-key=\"" + KEY + "\"]').innerText"))
                    .contains("acknowledged by Ana");
            assertThat((String) page.evaluate("document.getElementById('notice').innerText")).contains(KEY);
            byte[] acknowledged = page.screenshot();
            assertThat(pngSize(acknowledged)).containsExactly(390, 844);
            Files.write(ARTIFACTS.resolve("status-page-acknowledged.png"), acknowledged);
        }
        // the same acknowledgement staff make over MQTT: told on alerts/events, by the name typed
        MqttProbe.Received acked = probe.await(Duration.ofSeconds(30), alert("acknowledged"));
        assertThat(acked.payload()).contains("\"by\":\"Ana\"");
        assertThat(probe.received(alert("acknowledged"))).hasSize(1);
    }

    /** Width and height from a PNG's IHDR. */
    private static int[] pngSize(byte[] png) {
        assertThat(java.util.Arrays.copyOf(png, 4)).containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        ByteBuffer b = ByteBuffer.wrap(png);
        return new int[] {b.getInt(16), b.getInt(20)};
    }
}
