package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.kiosk.KioskMain;
import io.waypoint.sim.world.kiosk.KioskScenario;
import io.waypoint.testkit.ListeningSockets;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's technician console, in the kiosk's own process on hal-sim: it is offered on stdin and
 * a serial port only, never on the network; clearing a locked charging port is an event on the wire
 * that says which port, not who cleared it. (The well's console commands: WellConsoleEventTest; the
 * well node's sockets: SiteSecurityTest.)
 */
class TechnicianConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> ENVELOPE = Set.of("v", "site", "node", "boot", "seq", "ts", "clock", "first_seq");

    @TempDir
    Path dir;

    private static Predicate<MqttProbe.Received> event(String type, String part) {
        return m -> m.payload().contains("\"type\":\"" + type + "\"") && m.payload().contains("\"part\":\"" + part + "\"");
    }

    /** The message, or a failure that shows what the kiosk said: a timeout alone does not say why. */
    private static MqttProbe.Received awaitOrShow(SimNodeProcess kiosk, MqttProbe probe, Predicate<MqttProbe.Received> which) {
        try {
            return probe.await(WAIT, which);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String out = kiosk.output();
            throw new AssertionError("no such event in " + WAIT.toSeconds() + " s; the kiosk's last output:\n"
                    + out.substring(Math.max(0, out.length() - 4000)), e);
        }
    }

    @Test
    void clearingALockedPortIsAnEventAndTheKioskOffersNoConsoleOnTheNetwork() throws Exception {
        KioskScenario scenario = KioskScenario.load("busy-kiosk");
        // 10:00: the phone on a damaged cable shorts port 3 at 10:30 (the kiosk runs a while first: a person plugs in only
        // where the port's light has been steadily on)
        Instant start = scenario.latestStartBefore(Clock.systemUTC().instant()).plus(Duration.ofMinutes(240));
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             MqttProbe probe = MqttProbe.connect(broker.url(), "wp/v1/la-gloria/kiosk-01/event");
             SimNodeProcess kiosk = SimNodeProcess.start(KioskMain.class, dir.resolve("kiosk"), broker.url(), "kiosk-01",
                     "busy-kiosk", 240, true, "[sim]", "start = " + start)) {
            awaitOrShow(kiosk, probe, event("fault", "charging port 3"));
            assertThat(ListeningSockets.of(kiosk.pid())).as("sockets the kiosk offers on the network").isEmpty();

            kiosk.type("port clear 3");
            MqttProbe.Received cleared = awaitOrShow(kiosk, probe, event("fault_cleared", "charging port 3"));
            JsonObject e = (JsonObject) Jsoner.deserialize(cleared.payload());
            Set<String> fields = new TreeSet<>(e.keySet());
            fields.removeAll(ENVELOPE);
            assertThat(fields).as("the event's own keys: what was cleared, not who or where from").containsExactly("part", "type");
            assertThat(kiosk.output()).contains("charging port 3 unlocked");
            assertThat(kiosk.stop()).isZero();
        }
    }
}
