package io.waypoint.sim.world.kiosk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KioskWorldTest {
    private static final Instant MIDNIGHT = Instant.parse("2025-03-01T00:00:00Z");
    private static final Pattern E164 = Pattern.compile("\\+\\d{8,13}");
    private static final Pattern LOCAL_MAC = Pattern.compile("[0-9a-f][26ae](:[0-9a-f]{2}){5}");

    private static KioskWorld world(String text) {
        KioskScenario s = KioskScenario.parse("test", "test.conf", text);
        return s.world(s.startOn(LocalDate.of(2025, 3, 1)));
    }

    private static Instant at(String hhmm) {
        return Instant.parse("2025-03-01T" + hhmm + ":00Z");
    }

    private static <T extends PersonAction> List<T> of(List<PersonAction> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<PersonAction> day(KioskWorld w) {
        return w.actions(MIDNIGHT, MIDNIGHT.plus(Duration.ofDays(1)));
    }

    @Test
    void aRunStartedLaterInTheDayMeetsTheEventsAtTheHoursTheScenarioGives() {
        KioskScenario s = KioskScenario.parse("test", "test.conf",
                "[event short_circuit]\nat = 10:30\nport = 2\n[event no_signal]\nat = 12:00\nfor = 30m\n");
        KioskWorld late = s.world(at("09:40"));
        assertThat(late.stayOn(2, at("10:31"))).get().extracting(PortStay::load).isInstanceOf(DamagedCable.class);
        assertThat(late.gsm(at("11:59")).signalCsq()).isNotEqualTo(99);
        assertThat(late.gsm(at("12:10")).signalCsq()).isEqualTo(99);
    }

    @Test
    void theSameScenarioAndSeedGiveTheSameWorldAndAnotherSeedAnother() {
        String text = "[scenario]\nseed = 5\n[event no_credit]\nat = 09:00\n[event short_circuit]\nat = 11:00\nport = 2\n";
        KioskWorld a = world(text);
        KioskWorld b = world(text);
        KioskWorld other = world(text.replace("seed = 5", "seed = 6"));
        assertThat(day(b)).isEqualTo(day(a));
        assertThat(b.identifiers()).isEqualTo(a.identifiers());
        assertThat(day(other)).isNotEqualTo(day(a));
        int differences = 0;
        for (long s = 0; s < 86_400; s += 97) {
            Instant t = MIDNIGHT.plusSeconds(s);
            assertThat(b.gsm(t)).isEqualTo(a.gsm(t));
            assertThat(b.panelW(t)).isEqualTo(a.panelW(t));
            assertThat(b.wifiClients(t)).isEqualTo(a.wifiClients(t));
            assertThat(b.callOutcome("+50412345678", t)).isEqualTo(a.callOutcome("+50412345678", t));
            if (other.gsm(t).signalCsq() != a.gsm(t).signalCsq()) {
                differences++;
            }
        }
        assertThat(differences).isGreaterThan(100);
    }

    @Test
    void answersDoNotDependOnTheOrderOrTheThreadOfTheQuestions() throws Exception {
        String text = "[scenario]\ndays = 3\n[event overcast]\nat = day 2 08:00\n";
        List<Instant> instants = new ArrayList<>();
        for (long s = -86_400; s < 4 * 86_400; s += 317) {
            instants.add(MIDNIGHT.plusSeconds(s));
        }
        KioskWorld inOrder = world(text);
        List<String> expected = instants.stream().map(t -> answer(inOrder, t)).toList();

        KioskWorld shuffled = world(text);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < instants.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(3));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i : order) {
                answers.add(pool.submit(() -> answer(shuffled, instants.get(i))));
            }
            for (int k = 0; k < order.size(); k++) {
                assertThat(answers.get(k).get()).isEqualTo(expected.get(order.get(k)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String answer(KioskWorld w, Instant t) {
        return w.actions(t, t.plusSeconds(317)) + "|" + w.stayOn(1 + (int) (t.getEpochSecond() % 8), t) + "|" + w.gsm(t)
                + "|" + w.panelW(t) + "|" + w.wifiClients(t).size();
    }

    @Test
    void peopleComeMostlyInTheMorningAndAfternoonAndFewAtNight() {
        KioskWorld w = world("[kiosk]\npeople_per_day = 300\n");
        List<DailyVisits.Visit> visits = w.visitsOfDay(MIDNIGHT);
        assertThat(visits.size()).isBetween(300 - 60, 300 + 60);
        int[] perHour = new int[24];
        for (DailyVisits.Visit v : visits) {
            perHour[(int) ((v.arrivalMs() - MIDNIGHT.toEpochMilli()) / 3_600_000)]++;
        }
        int night = perHour[0] + perHour[1] + perHour[2] + perHour[3] + perHour[4];
        assertThat(perHour[9]).isGreaterThan(perHour[13]).isGreaterThan(5 * night);
        assertThat(perHour[16]).isGreaterThan(perHour[13]).isGreaterThan(perHour[20]);
        assertThat(night).isLessThan(visits.size() / 20);
        assertThat(visits.stream().filter(DailyVisits.Visit::wantsCharge).count()).isBetween(80L, 160L);
    }

    @Test
    void aBusyKioskHasEveryPortTakenAtThePeaksSomeWaitAndSomeLeave() {
        KioskWorld w = world("[kiosk]\nports = 8\npeople_per_day = 400\ncharge_share = 0.4\n");
        int fullMinutes = 0;
        for (int m = 8 * 60; m < 18 * 60; m++) {
            Instant t = MIDNIGHT.plus(Duration.ofMinutes(m));
            int busy = 0;
            for (int p = 1; p <= 8; p++) {
                busy += w.stayOn(p, t).isPresent() ? 1 : 0;
            }
            fullMinutes += busy == 8 ? 1 : 0;
        }
        assertThat(fullMinutes).isGreaterThan(60);
        assertThat(w.stayOn(1, at("03:00"))).isEmpty();
        List<DailyVisits.Visit> visits = w.visitsOfDay(MIDNIGHT);
        assertThat(visits).filteredOn(DailyVisits.Visit::leftUncharged).isNotEmpty();
        assertThat(visits).filteredOn(v -> v.port() > 0).hasSizeGreaterThan(100);
    }

    @Test
    void everyPhoneIsPluggedInThenItsButtonPressedThenUnpluggedAndNoTwoShareAPort() {
        KioskWorld w = world("[kiosk]\npeople_per_day = 400\n[event short_circuit]\nat = 10:00\nport = 4\n");
        List<PersonAction> actions = day(w);
        List<PersonAction.PlugIn> plugs = of(actions, PersonAction.PlugIn.class);
        assertThat(plugs).hasSizeGreaterThan(100);
        Set<PersonAction> all = new HashSet<>(actions);
        for (PersonAction.PlugIn plug : plugs) {
            PortStay stay = w.stayOn(plug.port(), plug.at()).orElseThrow();
            assertThat(stay.load()).isEqualTo(plug.load());
            assertThat(of(actions, PersonAction.PressPortButton.class).stream().filter(b -> b.port() == plug.port()
                    && !b.at().isBefore(plug.at().plusSeconds(3)) && !b.at().isAfter(plug.at().plusSeconds(10)))).hasSize(1);
            assertThat(all).contains(new PersonAction.Unplug(stay.until(), plug.port()));
            // nothing else on the port meanwhile
            assertThat(w.stayOn(plug.port(), stay.until().minusMillis(1))).contains(stay);
        }
        for (int i = 1; i < actions.size(); i++) {
            assertThat(actions.get(i).at()).isAfterOrEqualTo(actions.get(i - 1).at());
        }
    }

    @Test
    void onePersonAtATimeUsesThePhoneAndThoseWhoseCallDoesNotConnectTryAgain() {
        KioskWorld w = world("[kiosk]\npeople_per_day = 400\ncall_share = 0.5\n");
        List<PersonAction.PlaceCall> calls = of(day(w), PersonAction.PlaceCall.class);
        assertThat(calls).hasSizeGreaterThan(150);
        long answered = calls.stream().filter(c -> c.expected() instanceof CallOutcome.Answered).count();
        long ordinary = calls.stream().filter(c -> c.kind() == PersonAction.PlaceCall.Kind.PERSONAL).count();
        // per attempt: about 60 % answered (emergency calls are all answered)
        assertThat((double) answered / ordinary).isBetween(0.5, 0.72);
        assertThat(calls).filteredOn(c -> c.attempt() > 1 && c.kind() == PersonAction.PlaceCall.Kind.PERSONAL).isNotEmpty();
        for (int i = 1; i < calls.size(); i++) {
            PersonAction.PlaceCall c = calls.get(i);
            PersonAction.PlaceCall before = calls.get(i - 1);
            assertThat(c.at()).isAfter(before.at());
            if (c.attempt() > 1) {
                assertThat(before.expected()).isNotInstanceOf(CallOutcome.Answered.class);
                if (c.kind() == before.kind() && before.kind() != PersonAction.PlaceCall.Kind.INVALID) {
                    assertThat(c.keys()).isEqualTo(before.keys());
                }
            }
            if (before.expected() instanceof CallOutcome.Answered a) {
                // the next caller waits for the talk, cut at the 3-minute limit
                Duration talk = a.talk().compareTo(Duration.ofMinutes(3)) < 0 ? a.talk() : Duration.ofMinutes(3);
                assertThat(c.at()).isAfter(before.at().plus(a.ringing()).plus(talk));
            }
        }
        assertThat(calls).filteredOn(c -> c.kind() == PersonAction.PlaceCall.Kind.INVALID)
                .allSatisfy(c -> {
                    assertThat(c.expected()).isEqualTo(CallOutcome.NOT_DIALLED);
                    assertThat(c.keys()).isIn(DailyVisits.NOT_NUMBERS);
                }).isNotEmpty();
        assertThat(calls).filteredOn(c -> c.kind() == PersonAction.PlaceCall.Kind.EMERGENCY)
                .allSatisfy(c -> assertThat(c.keys()).isIn("112", "911"));
    }

    @Test
    void theNetworkAnswersAPlannedAttemptAsPlannedAndDecidesOthersByItsState() {
        KioskWorld w = world("[event no_credit]\nat = 13:00\nfor = 1h\n[event no_signal]\nat = 15:00\nfor = 30m\n"
                + "[event denied]\nat = 16:00\nfor = 30m\n");
        for (PersonAction.PlaceCall c : of(day(w), PersonAction.PlaceCall.class)) {
            if (c.kind() != PersonAction.PlaceCall.Kind.INVALID) {
                Instant dialled = c.at().plusMillis(4_000 + 700L * c.keys().length());
                assertThat(w.callOutcome(c.keys(), dialled)).isEqualTo(c.expected());
            }
        }
        assertThat(w.callOutcome("+50212345678", at("13:30"))).isEqualTo(CallOutcome.NO_CREDIT);
        assertThat(w.callOutcome("112", at("13:30"))).isInstanceOf(CallOutcome.Answered.class);
        assertThat(w.callOutcome("112", at("15:10"))).isEqualTo(CallOutcome.NO_SERVICE);
        assertThat(w.callOutcome("+50212345678", at("16:10"))).isEqualTo(CallOutcome.NO_SERVICE);
        assertThat(w.callOutcome("911", at("16:10"))).isInstanceOf(CallOutcome.Answered.class);
        assertThat(w.callOutcome("*#06#", at("10:00"))).isEqualTo(CallOutcome.FAILED);
        int connected = 0;
        for (int s = 0; s < 2000; s++) {
            connected += w.callOutcome("+5491123456789", at("10:00").plusSeconds(s)).connects() ? 1 : 0;
        }
        assertThat(connected / 2000.0).isBetween(0.58, 0.70);
    }

    @Test
    void theSignalWandersAroundItsLevelAndOutagesShowInTheGsmStateAndTheUplink() {
        KioskWorld w = world("[network]\nsignal_csq = 20\n[event no_signal]\nat = 08:00\nfor = 30m\n[event no_credit]\nat = 09:00\n"
                + "[event modem_silent]\nat = 10:00\nfor = 20m\n[event modem_garbage]\nat = 10:10\nfor = 20m\n"
                + "[event uplink_down]\nat = 11:00\nfor = 45m\n[event denied]\nat = 12:00\nfor = 10m\n");
        Set<Integer> seen = new HashSet<>();
        for (int m = 0; m < 6 * 60; m++) {
            int csq = w.gsm(at("00:00").plus(Duration.ofMinutes(m))).signalCsq();
            assertThat(csq).isBetween(17, 23);
            seen.add(csq);
        }
        assertThat(seen).hasSizeGreaterThan(3);
        assertThat(w.gsm(at("08:10"))).isEqualTo(new GsmState(99, Registration.SEARCHING, true, ModemBehaviour.OK));
        assertThat(w.gsm(at("08:30")).registration()).isEqualTo(Registration.HOME);
        assertThat(w.gsm(at("09:59")).credit()).isFalse();
        assertThat(w.gsm(at("10:00")).credit()).isTrue();
        assertThat(w.gsm(at("10:15")).modem()).isEqualTo(ModemBehaviour.SILENT);
        assertThat(w.gsm(at("10:25")).modem()).isEqualTo(ModemBehaviour.GARBAGE);
        assertThat(w.gsm(at("10:30")).modem()).isEqualTo(ModemBehaviour.OK);
        assertThat(w.uplinkUp(at("10:59"))).isTrue();
        assertThat(w.uplinkUp(at("11:44"))).isFalse();
        assertThat(w.gsm(at("12:05")).registration()).isEqualTo(Registration.DENIED);
        assertThat(Registration.DENIED.cregStat()).isEqualTo(3);
    }

    @Test
    void wifiClientsMoveDataOnlyWhileTheUplinkIsUp() {
        KioskWorld w = world("[kiosk]\nwifi_share = 0.9\n[event uplink_down]\nat = 10:00\nfor = 30m\n");
        PersonAction.JoinWifi join = of(day(w), PersonAction.JoinWifi.class).stream()
                .filter(j -> j.at().isBefore(at("09:55")) && j.leaves().isAfter(at("10:40"))).findFirst().orElseThrow();
        WifiClient before = clientOf(w, join, at("10:00"));
        WifiClient during = clientOf(w, join, at("10:29"));
        WifiClient after = clientOf(w, join, at("10:35"));
        assertThat(during.mbDown()).isEqualTo(before.mbDown());
        assertThat(after.mbDown()).isGreaterThan(during.mbDown());
        assertThat(after.mbUp()).isLessThan(after.mbDown());
        assertThat(w.wifiClients(join.leaves())).noneMatch(c -> c.mac().equals(join.mac()));
        assertThat(day(w)).contains(new PersonAction.LeaveWifi(join.leaves(), join.mac()));
    }

    private static WifiClient clientOf(KioskWorld w, PersonAction.JoinWifi join, Instant t) {
        return w.wifiClients(t).stream().filter(c -> c.mac().equals(join.mac())).findFirst().orElseThrow();
    }

    @Test
    void everyNumberDialledAndEveryMacThatJoinedIsListedForThePrivacyTestAndNothingElse() {
        KioskWorld w = world("[scenario]\ndays = 2\n[kiosk]\ncall_share = 0.5\nwifi_share = 0.7\n");
        List<PersonAction> actions = w.actions(w.start(), w.end());
        Identifiers ids = w.identifiers();
        Set<String> dialled = new HashSet<>();
        Set<String> joined = new HashSet<>();
        for (PersonAction a : actions) {
            if (a instanceof PersonAction.PlaceCall c && c.kind() == PersonAction.PlaceCall.Kind.PERSONAL) {
                dialled.add(c.keys());
            } else if (a instanceof PersonAction.JoinWifi j) {
                joined.add(j.mac());
            }
        }
        assertThat(dialled).hasSizeGreaterThan(100);
        assertThat(ids.numbers()).containsAll(dialled).allMatch(n -> E164.matcher(n).matches());
        assertThat(ids.macs()).containsAll(joined).allMatch(m -> LOCAL_MAC.matcher(m).matches());
        assertThat(ids.numbers()).doesNotContain("112", "911", "*#06#");
        // no action, client or listing shows a number or a MAC when logged
        String logged = actions + " " + w.wifiClients(at("10:00")) + " " + ids;
        assertThat(ids.numbers()).noneMatch(logged::contains);
        assertThat(ids.macs()).noneMatch(logged::contains);
    }
}
