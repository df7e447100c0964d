package io.waypoint.gateway.alerts;

import com.github.cliftonlabs.json_simple.JsonObject;
import com.github.cliftonlabs.json_simple.Jsoner;
import io.waypoint.wire.Alert;
import io.waypoint.wire.AlertState;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.FlatMetrics;
import io.waypoint.wire.KioskTelemetry;
import io.waypoint.wire.Severity;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WireCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.waypoint.gateway.alerts.Feed.SITE;
import static io.waypoint.gateway.alerts.Feed.min;
import static io.waypoint.gateway.alerts.Feed.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The default kiosk rules, judged on event time, fed with telemetry encoded by the wire codec and
 * flattened as the gateway flattens it, one message a minute.
 */
class KioskRulesTest {
    private static final Set<String> KIOSK_RULES = Set.of("port_fault", "modem_fault", "no_signal", "weak_signal",
            "uplink_down", "battery_low", "battery_critical", "load_shedding");

    private final AlertEngine engine = new AlertEngine(RuleBook.defaults());
    private long seq;

    /** What a kiosk reports; {@link #HEALTHY} is a good minute on a sunny day. */
    private record Kiosk(int faults, String modem, String network, int csq, String uplink, double batteryV, String shedding) {
        static final Kiosk HEALTHY = new Kiosk(0, "ok", "home", 18, "up", 12.8, "none");

        Kiosk faults(int n) {
            return new Kiosk(n, modem, network, csq, uplink, batteryV, shedding);
        }

        Kiosk modem(String m) {
            return new Kiosk(faults, m, network, csq, uplink, batteryV, shedding);
        }

        Kiosk network(String n) {
            return new Kiosk(faults, modem, n, csq, uplink, batteryV, shedding);
        }

        Kiosk csq(int c) {
            return new Kiosk(faults, modem, network, c, uplink, batteryV, shedding);
        }

        Kiosk uplink(String u) {
            return new Kiosk(faults, modem, network, csq, u, batteryV, shedding);
        }

        Kiosk battery(double v, String shed) {
            return new Kiosk(faults, modem, network, csq, uplink, v, shed);
        }

        KioskTelemetry telemetry() {
            return new KioskTelemetry(60,
                    new KioskTelemetry.Charging(8, 3, 2, 9.5, faults),
                    new KioskTelemetry.Calls(3, 2, 300, 1, csq, network, modem),
                    new KioskTelemetry.Wifi(12, 4, 80.2, 9.1, uplink),
                    new KioskTelemetry.Power(batteryV, 40, 25, shedding), 0);
        }
    }

    private Observation observation(String node, Instant ts, io.waypoint.wire.Body body) {
        String json = WireCodec.encode(new Envelope(1, SITE, node, 1, ++seq, ts, ClockState.SYNCED), body);
        try {
            return Observation.of(SITE, node, ts, ts, FlatMetrics.of((JsonObject) Jsoner.deserialize(json)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The kiosk reports {@code k} at minute {@code minute}; the transitions it caused. */
    private List<Alert> at(double minute, Kiosk k) {
        return engine.observe(observation("kiosk-01", min(minute), k.telemetry()));
    }

    /** The kiosk reports {@code k} every minute from {@code from} to {@code to} inclusive; every transition. */
    private List<Alert> minutes(int from, int to, Kiosk k) {
        List<Alert> out = new ArrayList<>();
        for (int m = from; m <= to; m++) {
            out.addAll(at(m, k));
        }
        return out;
    }

    @Test
    void theKioskTelemetryFlattensToTheNamesTheRulesJudge() {
        Observation o = observation("kiosk-01", min(0), Kiosk.HEALTHY.telemetry());
        assertThat(o.numbers()).containsKeys("charging.ports_total", "charging.ports_busy", "charging.sessions",
                "charging.wh", "charging.faults", "calls.placed", "calls.answered", "calls.seconds", "calls.failed",
                "calls.signal_csq", "wifi.clients", "wifi.sessions", "wifi.mb_down", "wifi.mb_up", "power.battery_v",
                "power.solar_w", "power.load_w");
        assertThat(o.labels()).containsOnlyKeys("calls.network", "calls.modem", "wifi.uplink", "power.shedding");
    }

    @Test
    void aHealthyKioskRaisesNothingAllDay() {
        assertThat(minutes(0, 24 * 60, Kiosk.HEALTHY)).isEmpty();
    }

    @Test
    void aLockedPortRaisesAtOnceAndResolvesWhenTheKioskReportsNoLockedPort() {
        assertThat(minutes(0, 4, Kiosk.HEALTHY)).isEmpty();
        assertThat(at(5, Kiosk.HEALTHY.faults(1))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("port_fault.kiosk-01");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.since()).isEqualTo(min(5));
            assertThat(a.at()).isEqualTo(min(5));
            assertThat(a.message()).isEqualTo("Charging port locked at kiosk-01 (la-gloria): 1 port(s) cut off after an "
                    + "over-current: look for a damaged cable or socket on the locked port");
        });
        assertThat(minutes(6, 30, Kiosk.HEALTHY.faults(2))).isEmpty();
        assertThat(at(31, Kiosk.HEALTHY)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(31));
            assertThat(a.message()).endsWith("; now 0");
        });
    }

    @Test
    void noCreditForTenMinutesRaisesFreeCallsDownSayingToTopUpTheSim() {
        assertThat(minutes(0, 9, Kiosk.HEALTHY.modem("fault:no_credit"))).isEmpty();
        assertThat(at(10, Kiosk.HEALTHY.modem("fault:no_credit"))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("modem_fault.kiosk-01");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.at()).isEqualTo(min(10));
            assertThat(a.message()).isEqualTo("Free calls down at kiosk-01 (la-gloria): modem fault no_credit for 10 min: "
                    + "top up the SIM (emergency calls still work)");
        });
        assertThat(at(40, Kiosk.HEALTHY)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(40));
            assertThat(a.message()).endsWith("; calls.modem is now ok");
        });
    }

    @Test
    void aModemThatStopsAnsweringOrFailsOtherwiseIsNamedWithItsReason() {
        assertThat(minutes(0, 10, Kiosk.HEALTHY.modem("fault:not_responding")))
                .extracting(Alert::message).containsExactly("Free calls down at kiosk-01 (la-gloria): the modem has not "
                        + "answered for 10 min: check its power supply (a GSM modem draws 2 A peaks) and its serial cable");
        minutes(11, 11, Kiosk.HEALTHY);
        assertThat(minutes(20, 30, Kiosk.HEALTHY.modem("fault:garbage"))).extracting(Alert::message).containsExactly(
                "Free calls down at kiosk-01 (la-gloria): modem fault garbage for 10 min: check the modem, its SIM and its power supply");
    }

    @Test
    void aModemFaultShorterThanTenMinutesRaisesNothing() {
        List<Alert> out = new ArrayList<>(minutes(0, 9, Kiosk.HEALTHY.modem("fault:not_responding")));
        out.addAll(minutes(10, 12, Kiosk.HEALTHY));
        out.addAll(minutes(13, 22, Kiosk.HEALTHY.modem("fault:not_responding")));
        assertThat(out).isEmpty();
    }

    @Test
    void noNetworkForFifteenMinutesRaisesOneAlertNotAModemFaultToo() {
        Kiosk lost = Kiosk.HEALTHY.network("searching").csq(99).modem("fault:no_network");
        assertThat(minutes(0, 14, lost)).isEmpty();
        assertThat(at(15, lost)).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("no_signal.kiosk-01");
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.since()).isEqualTo(min(0));
            assertThat(a.message()).isEqualTo("Free calls down at kiosk-01 (la-gloria): no mobile network for 15 min, "
                    + "the modem is searching: check the antenna; the operator may be down here");
        });
        assertThat(minutes(16, 60, lost)).isEmpty();
        assertThat(at(61, Kiosk.HEALTHY.network("roaming"))).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.RESOLVED));
    }

    @Test
    void aRefusedSimIsNamedAndAnUnknownNetworkIsNotJudged() {
        assertThat(minutes(0, 30, Kiosk.HEALTHY.network("unknown"))).isEmpty();
        assertThat(minutes(31, 46, Kiosk.HEALTHY.network("denied"))).singleElement().satisfies(a -> {
            assertThat(a.at()).isEqualTo(min(46));
            assertThat(a.message()).isEqualTo("Free calls down at kiosk-01 (la-gloria): the mobile network has refused "
                    + "the SIM for 15 min: check with the operator that the SIM is active");
        });
    }

    @Test
    void aWeakSignalForFifteenMinutesWarnsAndCsq99NeitherRaisesNorResolvesIt() {
        assertThat(minutes(0, 30, Kiosk.HEALTHY.csq(99))).isEmpty();
        assertThat(minutes(31, 38, Kiosk.HEALTHY.csq(3))).isEmpty();
        assertThat(minutes(39, 41, Kiosk.HEALTHY.csq(99))).isEmpty();        // unknown: the run from minute 31 goes on
        assertThat(at(46, Kiosk.HEALTHY.csq(4))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("weak_signal.kiosk-01");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.since()).isEqualTo(min(31));
            assertThat(a.value()).isEqualTo(4.0);
            assertThat(a.message()).isEqualTo("Weak mobile signal at kiosk-01 (la-gloria): 4 of 31 for 15 min: calls may "
                    + "fail or drop; check the antenna and its cable");
        });
        assertThat(minutes(47, 80, Kiosk.HEALTHY.csq(99))).isEmpty();
        assertThat(minutes(81, 100, Kiosk.HEALTHY.csq(6))).isEmpty();        // between 5 and 7: neither
        assertThat(minutes(101, 115, Kiosk.HEALTHY.csq(12))).isEmpty();
        assertThat(at(116, Kiosk.HEALTHY.csq(12))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(116));
        });
    }

    @Test
    void theUplinkDownForTenMinutesRaisesAndUpResolves() {
        assertThat(minutes(0, 9, Kiosk.HEALTHY.uplink("down"))).isEmpty();
        assertThat(at(10, Kiosk.HEALTHY.uplink("down"))).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("uplink_down.kiosk-01");
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.message()).isEqualTo("No internet at kiosk-01 (la-gloria) for 10 min: phones can join the Wi-Fi "
                    + "but reach no one; check the site's internet link");
        });
        assertThat(at(25, Kiosk.HEALTHY.uplink("up"))).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.at()).isEqualTo(min(25));
        });
    }

    @Test
    void aDrainingBatteryShedsWarnsGoesCriticalThenTheSunResolvesAll() {
        // 12.6 V losing 10 mV a minute: under 12.0 V from minute 61, under 11.1 V from minute 151
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m <= 180; m++) {
            double v = (12_600 - 10 * m) / 1000.0;
            out.addAll(at(m, Kiosk.HEALTHY.battery(v, v < 11.5 ? "all" : v < 12.0 ? "charging" : "none")));
        }
        assertThat(out).extracting(Alert::rule, Alert::state, Alert::at).containsExactly(
                tuple("load_shedding", AlertState.RAISED, min(66)),
                tuple("battery_low", AlertState.RAISED, min(71)),
                tuple("battery_critical", AlertState.RAISED, min(153)));
        assertThat(of(out, "battery_critical").get(0).message())
                .isEqualTo("Battery critical at kiosk-01 (la-gloria): 11.07 V below 11.1 V for 2 min; the kiosk will shut down");

        out.clear();
        for (int m = 181; m <= 200; m++) {
            out.addAll(at(m, Kiosk.HEALTHY.battery(13.4, "none")));
        }
        assertThat(out).extracting(Alert::rule, Alert::state, Alert::at).containsExactlyInAnyOrder(
                tuple("load_shedding", AlertState.RESOLVED, min(181)),
                tuple("battery_low", AlertState.RESOLVED, min(191)),
                tuple("battery_critical", AlertState.RESOLVED, min(191)));
    }

    @Test
    void aWellNeverGetsKioskAlertsAndAKioskNeverGetsWaterAlerts() {
        List<Alert> out = new ArrayList<>();
        for (int m = 0; m <= 24 * 60; m++) {
            WellTelemetry broken = new WellTelemetry(60, new WellTelemetry.Summary(7, 8, 9, 6),
                    new WellTelemetry.Summary(0, 3, 12, 6), 4, 1000 + m, 99_000, m < 600 ? "ok" : "fault:unplugged", 0, 100_000);
            out.addAll(engine.observe(observation("well-01", min(m), broken)));
            out.addAll(at(m, new Kiosk(2, "fault:no_credit", "searching", 2, "down", 10.9, "all")));
        }
        assertThat(out).filteredOn(a -> a.node().equals("well-01")).extracting(Alert::rule)
                .isNotEmpty().doesNotContainAnyElementsOf(KIOSK_RULES);
        assertThat(out).filteredOn(a -> a.node().equals("kiosk-01")).extracting(Alert::rule)
                .containsExactlyInAnyOrderElementsOf(KIOSK_RULES);
    }
}
