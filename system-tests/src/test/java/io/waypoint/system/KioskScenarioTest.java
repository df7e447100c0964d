package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.world.kiosk.Identifiers;
import io.waypoint.sim.world.kiosk.KioskScenario;
import io.waypoint.sim.world.kiosk.PersonAction;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk on hal-sim, each named scenario, with a real Mosquitto and the gateway: people charging
 * phones, calling and browsing, a short circuit, a modem in trouble, a battery running down. After
 * each run, every message on the broker, every log and every file the kiosk and the gateway keep
 * are scanned for the numbers the simulated people dialled and the MACs their phones had: zero hits.
 */
class KioskScenarioTest {
    private static final Duration LONG = Duration.ofMinutes(3);
    private static final String EVENTS = "wp/v1/la-gloria/alerts/events";

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private GatewayProcess gateway;
    private MqttProbe probe;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
        probe = MqttProbe.connect(broker.url(), "#");
    }

    @AfterEach
    void stop() throws Exception {
        probe.close();
        gateway.close();
        broker.close();
    }

    private static Predicate<MqttProbe.Received> alert(String key, String state) {
        return m -> m.topic().equals(EVENTS) && m.payload().contains("\"key\":\"" + key + "\"")
                && m.payload().contains("\"state\":\"" + state + "\"");
    }

    private static Predicate<MqttProbe.Received> event(String type) {
        return m -> m.topic().endsWith("/event") && m.payload().contains("\"type\":\"" + type + "\"");
    }

    /** Pins the run's start so the test knows the simulated people's numbers and MACs. */
    private static Instant startOf(KioskScenario s) {
        return s.latestStartBefore(Clock.systemUTC().instant());
    }

    /** The scan this test is for: nothing that identifies a person leaves the kiosk or stays on it. */
    private void assertNothingIdentifiesAPerson(SimNodeProcess kiosk, KioskScenario scenario, Instant start) throws Exception {
        Identifiers ids = scenario.world(start).identifiers();
        assertThat(ids.numbers()).as("the simulated people dialled numbers").isNotEmpty();
        assertThat(ids.macs()).as("their phones had MACs").isNotEmpty();
        PrivacyScan scan = new PrivacyScan(ids.numbers(), ids.macs());
        List<String> hits = new ArrayList<>();
        List<MqttProbe.Received> messages = probe.received();
        assertThat(messages).as("messages on the broker").hasSizeGreaterThan(20);
        for (MqttProbe.Received m : messages) {
            hits.addAll(scan.hits("message on " + m.topic(), m.payload()));
        }
        hits.addAll(scan.hitsInFiles(kiosk.dataDir()));
        hits.addAll(scan.hitsInFiles(kiosk.outputFile()));
        hits.addAll(scan.hitsInFiles(gateway.dataDir()));
        hits.addAll(scan.hits("gateway output", gateway.output()));
        assertThat(PrivacyScan.files(kiosk.dataDir())).as("the kiosk kept files: outbox, logs, state").isGreaterThan(3);
        assertThat(hits).as("identifiers of people (%d forms of %d numbers and %d MACs) found", scan.needles(),
                ids.numbers().size(), ids.macs().size()).isEmpty();
    }

    @Test
    void aBusyDayServesPeopleLocksTheShortedPortAndLeavesNoTraceOfAnyone() throws Exception {
        KioskScenario scenario = KioskScenario.load("busy-kiosk");
        // the morning is already busy at 09:40, and the short on port 3 comes at 10:30
        Instant start = startOf(scenario).plus(Duration.ofMinutes(220));
        try (SimNodeProcess kiosk = SimNodeProcess.kiosk(dir.resolve("kiosk"), broker.url(), "kiosk-01", "busy-kiosk", 240,
                "[sim]", "start = " + start)) {
            probe.await(LONG, event("charging_ended"));
            probe.await(LONG, m -> event("call_ended").test(m) && m.payload().contains("\"result\":\"answered\""));
            probe.await(LONG, event("wifi_session_ended"));
            // the short circuit on port 3 at 10:30: the port locks, staff are told
            MqttProbe.Received locked = probe.await(LONG, alert("port_fault.kiosk-01", "raised"));
            assertThat(locked.payload()).contains("kiosk-01");
            probe.await(LONG, m -> event("fault").test(m) && m.payload().contains("port"));
            // calls are a duration and a result, nothing more
            assertThat(probe.received(event("call_ended"))).allMatch(m -> m.payload().matches(
                    ".*\"type\":\"call_ended\",\"seconds\":\\d+,\"result\":\"(answered|busy|no_answer|failed)\"}"));
            assertThat(kiosk.stop()).isZero();
            // the modem was fine all day: nothing to clear (the start's "not known yet" is no fault)
            assertThat(probe.received(event("fault_cleared"))).noneMatch(m -> m.payload().contains("\"part\":\"modem\""));
            assertThat(kiosk.output()).doesNotContain("Could not get the board");
            assertNothingIdentifiesAPerson(kiosk, scenario, start);
        }
    }

    @Test
    void aModemInTroubleIsAFaultStaffHearAboutAndItClears() throws Exception {
        KioskScenario scenario = KioskScenario.load("modem-trouble");
        Instant day = startOf(scenario);
        // the credit runs out at 09:00 and is topped up at 11:00; at 17:00 the network refuses the SIM,
        // which would replace the credit fault by no_network (not a modem_fault) and so "resolve" it
        Instant creditOut = day.plus(Duration.ofHours(3));
        Instant toppedUp = day.plus(Duration.ofHours(5));
        Instant denied = day.plus(Duration.ofHours(11));
        // from 06:50: the signal goes at 07:00 for 40 min, the credit at 09:00 for 2 h
        Instant start = day.plus(Duration.ofMinutes(50));
        try (SimNodeProcess kiosk = SimNodeProcess.kiosk(dir.resolve("kiosk"), broker.url(), "kiosk-01", "modem-trouble", 240,
                "[sim]", "start = " + start)) {
            probe.await(LONG, alert("no_signal.kiosk-01", "raised"));
            probe.await(LONG, alert("no_signal.kiosk-01", "resolved"));
            MqttProbe.Received credit = probe.await(LONG, alert("modem_fault.kiosk-01", "raised"));
            assertThat(credit.payload()).contains("no_credit").contains("top up");
            // the first ordinary call that rings after the top-up clears it: on some days not until the
            // afternoon (a call is seen ringing only when the next caller leaves it 2 s of wall time, 8 min
            // of the world's at this speed), and a loaded machine slows the world
            MqttProbe.Received resolved = probe.await(Duration.ofMinutes(8), alert("modem_fault.kiosk-01", "resolved"));
            assertThat(timeOf(resolved.payload(), "at")).as("modem_fault resolved: after the top-up, before the network refused the SIM")
                    .isAfterOrEqualTo(toppedUp).isBefore(denied);
            assertThat(probe.received(alert("modem_fault.kiosk-01", "raised"))).as("staff heard of it once").hasSize(1);

            List<String> events = probe.received(m -> m.topic().equals("wp/v1/la-gloria/kiosk-01/event")).stream()
                    .map(MqttProbe.Received::payload)
                    .distinct() // a message resent before the gateway acknowledged it
                    .filter(p -> !timeOf(p, "ts").isBefore(creditOut))
                    .sorted(java.util.Comparator.comparing(p -> timeOf(p, "ts")))
                    .toList();
            List<String> modem = events.stream().filter(p -> p.contains("\"part\":\"modem\"")).toList();
            int clearing = modem.stream().map(p -> field(p, "type").orElse("")).toList().indexOf("fault_cleared");
            assertThat(clearing).as("the kiosk's modem events from 09:00: %s", modem).isPositive();
            Instant cleared = timeOf(modem.get(clearing), "ts");
            assertThat(cleared).as("the kiosk's fault_cleared").isAfterOrEqualTo(toppedUp).isBefore(denied);
            // what cleared was the credit fault (a silent modem at 12:00 may have come between, then no_credit again)
            assertThat(field(modem.get(0), "reason")).contains("no_credit");
            assertThat(field(modem.get(clearing - 1), "reason")).as("the fault the clearing ended").contains("no_credit");
            assertThat(modem.stream().filter(p -> timeOf(p, "ts").isBefore(toppedUp)))
                    .as("while the SIM was empty: one fault, never cleared by a call that proved nothing").hasSize(1);

            // while the SIM was empty, ordinary calls were tried again, each a credit_retry (10 min) after the last refusal
            // (from the first refusal: its call_ended comes just before the fault it starts)
            Instant firstRefusal = timeOf(modem.get(0), "ts").minus(Duration.ofMinutes(1));
            List<Instant> refused = events.stream()
                    .filter(p -> p.contains("\"type\":\"call_ended\"") && p.contains("\"result\":\"failed\""))
                    .map(p -> timeOf(p, "ts")).filter(t -> !t.isBefore(firstRefusal) && t.isBefore(toppedUp)).toList();
            assertThat(refused).as("calls refused by the operator from 09:00 to 11:00").hasSizeGreaterThanOrEqualTo(2);
            for (int i = 1; i < refused.size(); i++) {
                assertThat(Duration.between(refused.get(i - 1), refused.get(i))).as("from refusal %d to the next trial's", i)
                        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
            }
            // the call that got through was an ordinary one (112 goes through without credit: it proves nothing)
            PersonAction.PlaceCall lastDialled = scenario.world(start).actions(toppedUp, cleared).stream()
                    .filter(a -> a instanceof PersonAction.PlaceCall c && c.kind() != PersonAction.PlaceCall.Kind.INVALID)
                    .map(PersonAction.PlaceCall.class::cast).reduce((a, b) -> b).orElseThrow(
                            () -> new AssertionError("nobody dialled between 11:00 and the clearing at " + cleared));
            assertThat(lastDialled.kind()).as("the last call dialled before the fault cleared").isEqualTo(PersonAction.PlaceCall.Kind.PERSONAL);
            assertThat(kiosk.stop()).isZero();
            assertNothingIdentifiesAPerson(kiosk, scenario, start);
        }
    }

    /** A string field of a JSON payload. */
    private static java.util.Optional<String> field(String payload, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(payload);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static Instant timeOf(String payload, String name) {
        return Instant.parse(field(payload, name).orElseThrow(() -> new AssertionError("no " + name + " in " + payload)));
    }

    @Test
    void aFallingBatteryShedsTheChargingPortsFirstAndStaffAreWarned() throws Exception {
        KioskScenario scenario = KioskScenario.load("power-outage");
        Instant start = startOf(scenario);
        // the battery read from a Victron charger over VE.Direct (the other scenarios read an INA219)
        try (SimNodeProcess kiosk = SimNodeProcess.kiosk(dir.resolve("kiosk"), broker.url(), "kiosk-01", "power-outage", 2880,
                "[sim]", "start = " + start, "power = vedirect")) {
            MqttProbe.Received shed = probe.await(LONG, m -> event("load_shedding").test(m) && m.payload().contains("\"level\":\"charging\""));
            assertThat(shed.payload()).contains("battery_v");
            probe.await(LONG, alert("battery_low.kiosk-01", "raised"));
            probe.await(LONG, alert("load_shedding.kiosk-01", "raised"));
            assertThat(kiosk.output()).contains("power from vedirect");
            assertThat(kiosk.stop()).isZero();
            assertNothingIdentifiesAPerson(kiosk, scenario, start);
        }
    }
}
