package io.waypoint.sim.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.SimulatedModem;
import io.waypoint.sim.wifi.SimulatedPhone;
import io.waypoint.sim.world.kiosk.PersonAction;
import io.waypoint.sim.world.kiosk.WifiClient;
import io.waypoint.time.ManualScheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The busiest hour of busy-kiosk's day (08:30-09:30, with its short circuit moved to 08:45) acted out
 * by the site's people against a stand-in kiosk, time moved by the test in steps of 100 ms.
 */
class KioskVisitorsTest {
    static final Instant START = Instant.parse("2025-03-01T08:30:00Z");
    static final Instant END = START.plus(Duration.ofHours(1));
    private static final Instant SHORT = Instant.parse("2025-03-01T08:45:00Z");
    static final Duration STEP = Duration.ofMillis(100);
    /** busy-kiosk from 08:30, its short circuit on port 3 at 08:45. */
    static final String BUSY_HOUR = """
            [scenario]
            start = 08:30
            seed = 21
            [kiosk]
            people_per_day = 400
            charge_share = 0.4
            call_share = 0.3
            wifi_share = 0.55
            [sun]
            panel_w = 400
            [battery]
            capacity_ah = 150
            charge = 0.85
            [event short_circuit]
            at = 08:45
            port = 3
            """;

    @TempDir
    static Path dir;
    private static ManualScheduler time;
    private static KioskSite site;
    private static StandInKiosk kiosk;
    private static List<PersonAction> actions;
    private static final List<double[]> portReadings = new ArrayList<>();
    private static final List<FarEnd[]> farEnds = new ArrayList<>();
    private static final List<Double> loads = new ArrayList<>();

    @BeforeAll
    static void actOutTheHour() throws Exception {
        Path scenario = dir.resolve("busy-hour.conf");
        Files.writeString(scenario, BUSY_HOUR);
        time = new ManualScheduler(START);
        site = KioskSite.start(Map.of(KioskSite.SCENARIO, scenario.toString(), KioskSite.SITE_ID, "visitors-test"), time);
        actions = site.world().actions(START, END);
        kiosk = new StandInKiosk(site, d -> farEnds.add(new FarEnd[] {site.modem().behaviour().farEnd(),
                MobileNetwork.farEnd(site.world().callOutcome(d.number(), d.at()), 1)}));
        kiosk.writeLcd("Waypoint kiosk", () -> time.advance(Duration.ofMillis(5)));
        long minute = START.getEpochSecond() / 60;
        while (time.now().isBefore(END)) {
            time.advance(STEP);
            Instant now = time.now();
            kiosk.step(now);
            if (now.getEpochSecond() / 60 != minute) {
                minute = now.getEpochSecond() / 60;
                loads.add(site.power().loadW());
                for (int port = 1; port <= 8; port++) {
                    if (kiosk.charging(port)) {
                        portReadings.add(new double[] {kiosk.amps(port),
                                site.chargingPorts().currentMa(port, now) / 1000, kiosk.volts(port)});
                    }
                }
            }
        }
    }

    @AfterAll
    static void closeTheSite() {
        if (kiosk != null) {
            kiosk.close();
        }
        if (site != null) {
            site.close();
        }
        time.close();
    }

    @Test
    void aPressedPortsSensorReadsWhatTheWorldsPhoneDrawsOnceTheKioskPowersIt() {
        long presses = actions.stream().filter(a -> a instanceof PersonAction.PressPortButton).count();
        assertThat(presses).as("the world's presses in the hour: the ports are full").isGreaterThanOrEqualTo(8);
        // every press on a port the stand-in had free started a turn; those kept away never pressed
        assertThat(kiosk.started()).hasSize((int) presses - (int) site.peopleTurnedAway());
        assertThat(portReadings).hasSizeGreaterThan(50);
        for (double[] r : portReadings) {
            assertThat(r[0]).as("INA219 amps vs the world's").isCloseTo(r[1], within(0.002));
            assertThat(r[2]).as("bus volts of a powered port").isCloseTo(5.1, within(0.01));
        }
        assertThat(portReadings.stream().filter(r -> r[0] > 0.3)).as("phones charging hard").isNotEmpty();
    }

    @Test
    void eachRelayEdgeReachesTheWorldsPorts() {
        for (int port = 1; port <= 8; port++) {
            int p = port;
            long switchedOn = site.relay(port).history().stream().filter(c -> c.high()).count();
            assertThat(switchedOn).isEqualTo(kiosk.started().stream().filter(s -> s.port() == p).count());
            assertThat(site.chargingPorts().powered(port, END)).isEqualTo(kiosk.charging(port));
        }
    }

    @Test
    void aShortedPortIsLockedAndLaterPeopleFindItTakenAndKeepTheirPhones() {
        assertThat(kiosk.overCurrents()).containsExactly(3);
        List<PersonAction> laterOnPortThree = actions.stream()
                .filter(a -> a instanceof PersonAction.PlugIn p && p.port() == 3 && p.at().isAfter(SHORT)).toList();
        assertThat(laterOnPortThree).as("the world planned phones on port 3 after the short").isNotEmpty();
        assertThat(site.peopleTurnedAway()).isEqualTo(laterOnPortThree.size());
        assertThat(kiosk.started().stream().filter(s -> s.port() == 3 && s.at().isAfter(SHORT.plusSeconds(30))))
                .as("nobody pressed port 3's button once its light was dark").isEmpty();
        assertThat(site.portLights().lit(3)).isFalse();
        assertThat(site.portLights().history(1)).isNotEmpty();
    }

    @Test
    void theKioskDialsTheKeysPeopleTypedAndTheFarEndDoesWhatTheWorldSays() {
        List<String> typed = actions.stream()
                .filter(a -> a instanceof PersonAction.PlaceCall c && c.kind() != PersonAction.PlaceCall.Kind.INVALID
                        && c.at().isBefore(END.minusSeconds(60)))
                .map(a -> ((PersonAction.PlaceCall) a).keys()).toList();
        assertThat(typed).as("calls in the hour").hasSizeGreaterThan(5);
        List<String> dialled = kiosk.dialled().stream().map(StandInKiosk.Dialled::number).toList();
        assertThat(dialled).startsWith(typed.toArray(String[]::new));
        assertThat(dialled.size()).isLessThanOrEqualTo(typed.size() + 2);
        assertThat(dialled).anyMatch(n -> n.startsWith("+"));

        await().atMost(Duration.ofSeconds(5)).until(() -> site.modem().placedCalls().size() == dialled.size());
        assertThat(site.modem().placedCalls()).extracting(SimulatedModem.PlacedCall::number).containsExactlyElementsOf(dialled);
        for (FarEnd[] f : farEnds) {
            assertThat(f[0]).as("the modem's far end when the kiosk dials").isEqualTo(f[1]);
        }
    }

    @Test
    void phonesOnTheWifiAreTheWorldsWithTheirMacs() {
        List<String> expected = site.world().wifiClients(END).stream().filter(c -> !c.joined().isBefore(START))
                .map(WifiClient::mac).sorted().toList();
        assertThat(expected).isNotEmpty();
        assertThat(site.accessPoint().phones().stream().map(SimulatedPhone::mac).sorted().collect(Collectors.toList()))
                .containsExactlyElementsOf(expected);
        assertThat(site.identifiers().macs()).containsAll(expected);
    }

    @Test
    void theBatteryIsSteppedWithTheLoadTheKioskPowers() {
        assertThat(loads).allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(KioskLoad.BASE_W));
        assertThat(loads.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .as("several phones charging").isGreaterThan(KioskLoad.BASE_W + 10);
        assertThat(site.power().at()).isAfter(END.minusSeconds(2));
    }

    @Test
    void theLcdShowsWhatTheKioskWrote() {
        assertThat(site.lcdText().get(0)).isEqualTo("Waypoint kiosk      ");
    }
}
