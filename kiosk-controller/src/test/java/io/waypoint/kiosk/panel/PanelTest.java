package io.waypoint.kiosk.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.kiosk.policy.CallEvent;
import io.waypoint.kiosk.policy.CallFailure;
import io.waypoint.kiosk.policy.CallPolicy;
import io.waypoint.kiosk.policy.CallService;
import io.waypoint.kiosk.policy.CallSettings;
import io.waypoint.kiosk.policy.ChargingPolicy;
import io.waypoint.kiosk.policy.ChargingSettings;
import io.waypoint.kiosk.policy.ClientHandle;
import io.waypoint.kiosk.policy.DialDecision;
import io.waypoint.kiosk.policy.LoadShedding;
import io.waypoint.kiosk.policy.WifiPolicy;
import io.waypoint.kiosk.policy.WifiSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PanelTest {
    /** A multiple of the 5 s page time, so that the first idle page shows at T0. */
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final String NUMBER = "0050255501234";

    private final ChargingPolicy charging = new ChargingPolicy(ChargingSettings.defaults());
    private final CallPolicy calls = new CallPolicy(CallSettings.defaults());
    private final WifiPolicy wifi = new WifiPolicy(WifiSettings.defaults());
    private final LoadShedding power = LoadShedding.leadAcid12V();
    private final Panel panel = new Panel(PanelSettings.defaults().withWifiName("CruzRoja-Libre"), charging, calls,
            wifi, power);
    private final Panel english = new Panel(
            PanelSettings.defaults().withDefaultLanguage(Language.ENGLISH).withWifiName("CruzRoja-Libre"), charging,
            calls, wifi, power);

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The folded screen as the LCD shows it, lines trimmed. */
    private static List<String> shown(Screen s) {
        return s.ascii().stream().map(String::stripTrailing).toList();
    }

    /** Every idle page within one rotation from {@code t}. */
    private List<List<String>> idlePages(Panel p, int from) {
        List<List<String>> pages = new ArrayList<>();
        for (int s = from; s < from + 40; s += 5) {
            List<String> page = shown(p.screen(at(s)));
            if (!pages.contains(page)) {
                pages.add(page);
            }
        }
        return pages;
    }

    @Test
    void theLanguageButtonCyclesTheFiveLanguagesAndBack() {
        List<Language> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            panel.languageButton(at(i));
            seen.add(panel.language(at(i)));
        }
        assertThat(seen).containsExactly(Language.ENGLISH, Language.FRENCH, Language.HAITIAN_CREOLE,
                Language.PORTUGUESE, Language.SPANISH);
        panel.languageButton(at(10));
        assertThat(shown(panel.screen(at(11)))).containsExactly("Idioma / Language", "Langue / Lang",
                "ES [EN] FR HT PT", "English");
        panel.languageButton(at(12));
        panel.languageButton(at(13));
        assertThat(shown(panel.screen(at(14))).get(3)).isEqualTo("Kreyol");
    }

    @Test
    void thePanelReturnsToTheSiteLanguageForTheNextPersonButNotDuringACall() {
        panel.languageButton(at(0));
        assertThat(panel.language(at(119))).isEqualTo(Language.ENGLISH);
        assertThat(panel.language(at(120))).isEqualTo(Language.SPANISH);
        // a caller keeps their language however long the turn
        panel.languageButton(at(200));
        calls.startTurn(at(201));
        panel.callButton(at(201));
        calls.dial(at(210), NUMBER);
        calls.answered(at(215));
        assertThat(panel.language(at(390))).isEqualTo(Language.ENGLISH);
        List<CallEvent> end = calls.tick(at(395));
        panel.turnEnded(at(395), ((CallEvent.TurnEnded) end.get(end.size() - 1)).reason());
        assertThat(shown(panel.screen(at(396)))).startsWith("Call ended", "Thank you");
    }

    @Test
    void idlePagesSayWhatIsAvailableNow() {
        List<List<String>> pages = idlePages(english, 0);
        assertThat(pages).containsExactlyInAnyOrder(
                List.of("Charge your phone", "Free, 60 minutes", "Chargers free: 8", "Press the button"),
                List.of("Free phone call", "3 minutes", "Press the button", "by the phone"),
                List.of("Free Wi-Fi", "30 minutes", "Network name:", "CruzRoja-Libre"),
                List.of("Idioma / Language", "Langue / Lang", "ES [EN] FR HT PT", "English"));
        assertThat(idlePages(panel, 0)).contains(
                List.of("Cargue su telefono", "Gratis, 60 minutos", "Libres ahora: 8", "Presione el boton"));
    }

    @Test
    void aKioskWithoutAServiceNeverMentionsIt() {
        Panel chargingOnly = new Panel(PanelSettings.defaults().withDefaultLanguage(Language.ENGLISH), charging, null,
                null, null);
        assertThat(idlePages(chargingOnly, 0)).hasSize(2).extracting(page -> page.get(0))
                .containsExactlyInAnyOrder("Charge your phone", "Idioma / Language");
    }

    @Test
    void whenEveryChargerIsBusyThePanelSaysHowLongAtMost() {
        ChargingPolicy one = new ChargingPolicy(ChargingSettings.defaults().withPorts(1));
        Panel p = new Panel(PanelSettings.defaults().withDefaultLanguage(Language.ENGLISH), one, null, null, null);
        one.press(at(0), 1);
        assertThat(idlePages(p, 600)).contains(List.of("All chargers busy", "One is free in", "60 minutes or less", ""));
    }

    @Test
    void shedChargingAndAnOutageAreSaidPlainly() {
        charging.shed(at(0), true);
        assertThat(idlePages(english, 0)).contains(
                List.of("Chargers are off", "The battery is low", "Calls and Wi-Fi", "still work"));
        power.reading(at(1), 10.9); // start-up on a flat battery: everything shed at once
        assertThat(idlePages(english, 5)).containsExactlyInAnyOrder(
                List.of("Battery very low", "Services are off", "For emergencies", "dial 112"),
                List.of("Idioma / Language", "Langue / Lang", "ES [EN] FR HT PT", "English"));
    }

    @Test
    void aPortsButtonShowsThatPortsTurn() {
        charging.press(at(0), 3);
        english.portButton(at(0), 3);
        assertThat(shown(english.screen(at(1)))).containsExactly("Charger 3", "Charging now", "For 60 minutes",
                "Plug in your phone");
        charging.press(at(600), 3);
        english.portButton(at(600), 3);
        assertThat(shown(english.screen(at(601)))).startsWith("Charger 3", "Charging", "50 minutes left");
        assertThat(shown(english.screen(at(607)))).doesNotContain("Charger 3"); // the reply lasts 6 s
        charging.tick(at(3600));
        english.portButton(at(3700), 3);
        assertThat(shown(english.screen(at(3701)))).startsWith("Charger 3", "Your time is up", "Take your phone");
        charging.press(at(3800), 4);
        charging.reading(at(3801), 4, 7.0, 5.0);
        english.portButton(at(3802), 4);
        assertThat(shown(english.screen(at(3803)))).startsWith("Charger 4", "Not working", "Use another one");
    }

    @Test
    void aCallTurnWalksThePersonThroughDiallingTryingAgainAndTalking() {
        calls.startTurn(at(0));
        english.callButton(at(0));
        assertThat(shown(english.screen(at(1), "0050"))).containsExactly("Dial the number", "and press the button",
                "Emergency: 112", "0050");
        calls.dial(at(10), NUMBER);
        assertThat(shown(english.screen(at(11)))).startsWith("Calling...", "Please wait");
        calls.failed(at(20), CallFailure.BUSY);
        assertThat(shown(english.screen(at(21), ""))).startsWith("The line is busy", "Tries left: 2", "Dial again");
        calls.dial(at(30), NUMBER);
        calls.answered(at(40));
        assertThat(shown(english.screen(at(40)))).startsWith("You can talk now", "Time left: 3:00");
        assertThat(shown(english.screen(at(105)))).startsWith("You can talk now", "Time left: 1:55");
        english.portButton(at(190), 1); // someone at the chargers: the warning still wins
        assertThat(shown(english.screen(at(191)))).startsWith("29 seconds left", "Please say goodbye");
        List<CallEvent> end = calls.tick(at(220));
        english.turnEnded(at(220), ((CallEvent.TurnEnded) end.get(end.size() - 1)).reason());
        assertThat(shown(english.screen(at(221)))).startsWith("Call ended", "Thank you");
    }

    @Test
    void aRefusedNumberIsExplained() {
        calls.startTurn(at(0));
        DialDecision d = calls.dial(at(5), "*#06#");
        english.dialRefused(at(5), ((DialDecision.Refused) d).reason());
        assertThat(shown(english.screen(at(6)))).startsWith("Number not allowed", "Use only 0 to 9", "Try again");
        english.dialRefused(at(7), DialDecision.Reason.TOO_SHORT);
        assertThat(shown(english.screen(at(8)))).startsWith("Number too short", "Try again");
        assertThat(shown(english.screen(at(20)))).startsWith("Dial the number"); // the turn goes on
    }

    @Test
    void withoutNetworkTheFreeCallSaysEmergencyOnly() {
        calls.service(at(0), CallService.NO_NETWORK);
        assertThat(idlePages(english, 0)).contains(List.of("No free calls now", "For emergencies", "dial 112", ""));
        calls.startTurn(at(50));
        assertThat(shown(english.screen(at(51), "11"))).containsExactly("No free calls now", "For emergencies",
                "dial 112", "11");
        calls.dial(at(52), "112");
        assertThat(shown(english.screen(at(53)))).startsWith("Emergency call", "No time limit", "Calling...");
        calls.answered(at(60));
        assertThat(shown(english.screen(at(4000)))).startsWith("Emergency call", "No time limit");
    }

    @Test
    void theSitesEmergencyNumberIsTheOneShown() {
        CallPolicy colombia = new CallPolicy(
                CallSettings.defaults().withDialRules(CallSettings.defaults().dialRules().withEmergencyFirst("123")));
        Panel p = new Panel(PanelSettings.defaults(), null, colombia, null, null);
        colombia.startTurn(at(0));
        assertThat(shown(p.screen(at(1))).get(2)).isEqualTo("Emergencia: 123");
    }

    @Test
    void aFullWifiOrNoInternetIsSaid() {
        WifiPolicy one = new WifiPolicy(WifiSettings.defaults().withMaxSessions(1));
        Panel p = new Panel(PanelSettings.defaults().withDefaultLanguage(Language.ENGLISH), null, null, one, null);
        one.request(at(0), new ClientHandle("a1b2c3d4"));
        assertThat(idlePages(p, 0)).contains(List.of("The Wi-Fi is full", "Try again later", "", ""));
        one.uplink(at(1), false);
        assertThat(idlePages(p, 0)).contains(List.of("No internet now", "Try again later", "", ""));
    }

    @Test
    void everyScreenInEveryLanguageFillsTheLcdAndNeverLeaksTheNumber() {
        for (Language language : Language.values()) {
            Set<List<String>> screens = new HashSet<>();
            for (Screen s : walkThroughEveryScreen(language)) {
                assertThat(s.ascii()).hasSize(4).allSatisfy(line -> {
                    assertThat(line).hasSize(20);
                    assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\' && c != '~');
                });
                assertThat(s.toString()).doesNotContain("55501234");
                screens.add(s.ascii());
            }
            assertThat(screens).as(language.name()).hasSizeGreaterThan(25);
        }
    }

    /** A day at a kiosk with 64 ports and long limits, so that every number shown is as wide as it gets. */
    private static List<Screen> walkThroughEveryScreen(Language language) {
        ChargingPolicy ch = new ChargingPolicy(ChargingSettings.defaults().withPorts(64)
                .withTimeLimit(java.time.Duration.ofMinutes(999)));
        CallPolicy ca = new CallPolicy(CallSettings.defaults().withDialRules(
                new io.waypoint.kiosk.policy.DialRules(List.of("123456", "112"), 3, 20)));
        WifiPolicy wi = new WifiPolicy(WifiSettings.defaults().withMaxSessions(1));
        LoadShedding pw = LoadShedding.leadAcid12V();
        Panel p = new Panel(PanelSettings.defaults().withDefaultLanguage(language).withWifiName("W".repeat(20)), ch,
                ca, wi, pw);
        List<Screen> out = new ArrayList<>();
        Runnable idle = () -> {
        };
        int[] clock = {0};
        java.util.function.Consumer<String> look = typed -> {
            for (int i = 0; i < 6; i++) {
                out.add(p.screen(at(clock[0]), typed));
                clock[0] += 5;
            }
        };
        idle.run();
        look.accept("");
        for (int port = 1; port <= 64; port++) {
            ch.press(at(clock[0]), port);
        }
        p.portButton(at(clock[0]), 64);
        look.accept("");
        p.portButton(at(clock[0]), 64);
        look.accept("");
        ch.reading(at(clock[0]), 63, 9.0, 5.0);
        p.portButton(at(clock[0]), 63);
        look.accept("");
        ch.stop(at(clock[0]), 62);
        p.portButton(at(clock[0]), 62);
        look.accept("");
        ch.tick(at(clock[0] + 999 * 60));
        clock[0] += 999 * 60 + 1;
        p.portButton(at(clock[0]), 64);
        look.accept("");
        wi.request(at(clock[0]), new ClientHandle("a1b2c3d4"));
        look.accept("");
        wi.uplink(at(clock[0]), false);
        look.accept("");
        ca.startTurn(at(clock[0]));
        look.accept("+00502555012345678901234");
        for (DialDecision.Reason r : DialDecision.Reason.values()) {
            p.dialRefused(at(clock[0]), r);
            look.accept(NUMBER);
        }
        for (CallFailure f : List.of(CallFailure.BUSY, CallFailure.NO_ANSWER)) {
            ca.dial(at(clock[0]), NUMBER);
            look.accept("");
            ca.failed(at(clock[0]), f);
            look.accept(NUMBER);
        }
        ca.dial(at(clock[0]), NUMBER);
        ca.answered(at(clock[0]));
        look.accept("");
        clock[0] += 150;
        look.accept("");
        List<CallEvent> end = ca.tick(at(clock[0] + 60));
        clock[0] += 60;
        p.turnEnded(at(clock[0]), ((CallEvent.TurnEnded) end.get(end.size() - 1)).reason());
        look.accept("");
        ca.startTurn(at(clock[0]));
        ca.dial(at(clock[0]), NUMBER);
        ca.failed(at(clock[0]), CallFailure.ERROR);
        look.accept("");
        ca.service(at(clock[0]), CallService.NO_CREDIT);
        look.accept("12");
        ca.dial(at(clock[0]), "123456");
        look.accept("");
        ca.answered(at(clock[0]));
        look.accept("");
        ca.hangUp(at(clock[0]));
        ca.hangUp(at(clock[0]));
        p.turnEnded(at(clock[0]), CallEvent.Reason.ATTEMPTS_USED);
        look.accept("");
        ch.shed(at(clock[0]), true);
        look.accept("");
        pw.reading(at(clock[0]), 10.9);
        look.accept("");
        for (int i = 0; i < 5; i++) {
            p.languageButton(at(clock[0]));
            out.add(p.screen(at(clock[0] + 1)));
        }
        return out;
    }
}
