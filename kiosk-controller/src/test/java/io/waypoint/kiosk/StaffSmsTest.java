package io.waypoint.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.drivers.modem.AtModem;
import io.waypoint.drivers.modem.CallEvent;
import io.waypoint.drivers.modem.ModemListener;
import io.waypoint.drivers.modem.ModemSettings;
import io.waypoint.drivers.modem.ModemStatus;
import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.serial.modem.SimulatedModem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kiosk's answer to {@code cmd/sms}, with the real driver on a pseudo-terminal against the simulated modem. */
class StaffSmsTest {
    private static final List<String> STAFF = List.of("+34600123789", "+50255501234");

    private SimulatedModem sim;
    private SerialLink link;
    private AtModem modem;
    private StaffSms sms;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatedModem.start(ModemBehaviour.normal());
        link = SerialLink.open(sim.driverPort(), 115_200, Clock.systemUTC());
        modem = AtModem.start(link, ModemSettings.defaults(), new ModemListener() {
            @Override
            public void call(CallEvent event) {
            }

            @Override
            public void status(ModemStatus status) {
            }
        });
        sms = new StaffSms("kiosk-01", Map.of("staff", new StaffNumbers("staff", STAFF)), () -> modem);
    }

    @AfterEach
    void stop() {
        modem.close();
        link.close();
        sim.close();
    }

    private String ask(String json) {
        return sms.handle(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTextGoesToEveryNumberOfTheNamedListAndTheAnswerSaysHowMany() {
        String answer = ask("{\"id\":\"turbidity_unsafe.well-01 raised\",\"to\":\"staff\",\"text\":\"CRITICAL la-gloria: water unsafe\"}");
        assertThat(answer).contains("\"ok\":true").contains("\"queued\":2").contains("turbidity_unsafe.well-01 raised");
        await().atMost(Duration.ofSeconds(15)).until(() -> sim.sentSms().size() == 2);
        assertThat(sim.sentSms()).extracting(SimulatedModem.SentSms::number).containsExactlyElementsOf(STAFF);
        assertThat(sim.sentSms()).extracting(SimulatedModem.SentSms::text).containsOnly("CRITICAL la-gloria: water unsafe");
        // the answer goes over MQTT: no number in it
        assertThat(answer).doesNotContain("600123789", "55501234");
    }

    @Test
    void anUnknownListOrABadCommandIsRefusedAndNothingIsSent() throws Exception {
        assertThat(ask("{\"id\":\"x\",\"to\":\"drivers\",\"text\":\"hello\"}")).contains("\"ok\":false")
                .contains("no recipient list 'drivers'").contains("staff");
        assertThat(ask("{\"id\":\"x\",\"to\":\"staff\"}")).contains("\"ok\":false").contains("text");
        assertThat(ask("not json")).contains("\"ok\":false");
        assertThat(ask("{\"id\":\"x\",\"to\":\"staff\",\"text\":\"agua {no} potable\"}")).contains("\"ok\":false")
                .doesNotContain("potable");
        Thread.sleep(500);
        assertThat(sim.sentSms()).isEmpty();
    }
}
