package io.waypoint.kiosk.panel;

import io.waypoint.kiosk.policy.CallEvent;
import io.waypoint.kiosk.policy.CallPolicy;
import io.waypoint.kiosk.policy.CallResult;
import io.waypoint.kiosk.policy.CallState;
import io.waypoint.kiosk.policy.ChargingAvailability;
import io.waypoint.kiosk.policy.ChargingEndReason;
import io.waypoint.kiosk.policy.ChargingPolicy;
import io.waypoint.kiosk.policy.DialDecision;
import io.waypoint.kiosk.policy.LoadShedding;
import io.waypoint.kiosk.policy.PortState;
import io.waypoint.kiosk.policy.ShedLevel;
import io.waypoint.kiosk.policy.WifiAvailability;
import io.waypoint.kiosk.policy.WifiPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which screen the LCD shows now, in which language. The controller routes each button to its
 * policy (a port's button to {@link ChargingPolicy#press}, the call button to {@link
 * CallPolicy#startTurn} or {@link CallPolicy#dial}), tells the panel about it, and shows {@link
 * #screen} every few hundred milliseconds.
 *
 * <p>What shows, first match wins:
 * <ol>
 * <li>the language screen, for a moment after the language button;
 * <li>the call's last seconds ("30 seconds left, please say goodbye");
 * <li>the reply to the last button, for {@link PanelSettings#noticeFor()}: a port's state (charging
 *     and for how long, done, out of order), a refused number, a call ended;
 * <li>the call in progress: dial, try again, calling, time left, emergency;
 * <li>everything shed: battery very low, services off, the emergency number;
 * <li>otherwise idle pages in turn, each {@link PanelSettings#rotateEvery()}: charging (free
 *     chargers, or the wait when all are busy, or off), the free call (or emergency only), the
 *     Wi-Fi (its name, or full, or no internet), and the language screen.
 * </ol>
 *
 * <p>The language button cycles the five languages. After {@link PanelSettings#languageResetAfter()}
 * with no button and no call, the panel returns to the site's language for the next person.
 *
 * <p>Services the kiosk lacks are passed as null and never shown. Not thread-safe.
 */
public final class Panel {
    private final PanelSettings s;
    private final ChargingPolicy charging;
    private final CallPolicy calls;
    private final WifiPolicy wifi;
    private final LoadShedding power;

    private Language chosen;
    private Instant lastButton;
    private Instant languageShownAt;
    private Notice notice;
    private Instant noticeAt;

    /** A reply to a button, shown for a moment. */
    private sealed interface Notice {
    }

    private record PortNotice(int port) implements Notice {
    }

    private record DialNotice(DialDecision.Reason reason) implements Notice {
    }

    private record TurnNotice(CallEvent.Reason reason) implements Notice {
    }

    /** Each of {@code charging}, {@code calls}, {@code wifi}, {@code power} may be null: the kiosk lacks it. */
    public Panel(PanelSettings settings, ChargingPolicy charging, CallPolicy calls, WifiPolicy wifi,
                 LoadShedding power) {
        this.s = Objects.requireNonNull(settings);
        this.charging = charging;
        this.calls = calls;
        this.wifi = wifi;
        this.power = power;
        this.chosen = settings.defaultLanguage();
    }

    /** The language in use at {@code t}. */
    public Language language(Instant t) {
        boolean untouched = lastButton == null
                || Duration.between(lastButton, t).compareTo(s.languageResetAfter()) >= 0;
        return untouched && !turnOpen() ? s.defaultLanguage() : chosen;
    }

    /** The language button: the next language, and the language screen for a moment. */
    public void languageButton(Instant t) {
        chosen = language(t).next();
        lastButton = t;
        languageShownAt = t;
    }

    /** Port {@code port}'s button was pressed (after {@link ChargingPolicy#press}): show that port's state. */
    public void portButton(Instant t, int port) {
        touch(t);
        show(t, new PortNotice(port));
    }

    /** The call button or a key of the keypad was pressed: keeps the language for this person. */
    public void callButton(Instant t) {
        touch(t);
    }

    /** {@link CallPolicy#dial} refused a number: say why. */
    public void dialRefused(Instant t, DialDecision.Reason reason) {
        lastButton = t;
        show(t, new DialNotice(Objects.requireNonNull(reason)));
    }

    /** A call turn ended ({@link CallEvent.TurnEnded}): thank the person, or say no tries are left. */
    public void turnEnded(Instant t, CallEvent.Reason reason) {
        lastButton = t; // the language stays the caller's for the reply
        show(t, new TurnNotice(Objects.requireNonNull(reason)));
    }

    /** The screen to show at {@code t}, with nothing typed on the keypad. */
    public Screen screen(Instant t) {
        return screen(t, "");
    }

    /**
     * The screen to show at {@code t}; {@code typed} is what the person has keyed in while a turn
     * waits for a number (echoed on the last line, its last 20 characters), read and not kept.
     */
    public Screen screen(Instant t, CharSequence typed) {
        Objects.requireNonNull(t, "t");
        Language l = language(t);
        if (languageShownAt != null && within(languageShownAt, t)) {
            return languageScreen(l);
        }
        if (calls != null && calls.state() instanceof CallState.Connected) {
            CallState.Connected c = (CallState.Connected) calls.state();
            if (c.endsAt().isPresent() && !t.isBefore(c.endsAt().get().minus(calls.settings().warnBefore()))) {
                long sec = ceilSeconds(Duration.between(t, c.endsAt().get()));
                return screen(l, Map.of("sec", bounded(sec, 99)), Prompt.CALL_WARNING);
            }
        }
        if (notice != null && within(noticeAt, t)) {
            Screen reply = noticeScreen(t, l, notice, typed);
            if (reply != null) {
                return reply;
            }
        }
        if (turnOpen()) {
            return callScreen(t, l, typed);
        }
        List<Screen> pages = new ArrayList<>(4);
        if (power != null && power.level() == ShedLevel.ALL) {
            pages.add(calls != null ? screen(l, values(), Prompt.OUTAGE, Prompt.EMERGENCY_HINT)
                    : screen(l, values(), Prompt.OUTAGE));
        } else {
            if (charging != null) {
                pages.add(chargingPage(t, l));
            }
            if (calls != null) {
                pages.add(calls.ordinaryCallsPossible()
                        ? screen(l, Map.of("min", minutes(calls.settings().talkLimit())), Prompt.CALL_OPEN)
                        : screen(l, values(), Prompt.NO_CALLS, Prompt.EMERGENCY_HINT));
            }
            if (wifi != null && wifi.availability() != WifiAvailability.SHED) {
                pages.add(wifiPage(l));
            }
        }
        pages.add(languageScreen(l));
        long slot = Math.floorDiv(t.getEpochSecond(), Math.max(1, s.rotateEvery().toSeconds()));
        return pages.get((int) Math.floorMod(slot, pages.size()));
    }

    private Screen noticeScreen(Instant t, Language l, Notice n, CharSequence typed) {
        if (n instanceof PortNotice) {
            return portScreen(t, l, ((PortNotice) n).port());
        }
        if (n instanceof DialNotice) {
            switch (((DialNotice) n).reason()) {
                case NOT_DIGITS:
                    return screen(l, values(), Prompt.NUMBER_NOT_ALLOWED, Prompt.TRY_AGAIN);
                case TOO_SHORT:
                    return screen(l, values(), Prompt.NUMBER_TOO_SHORT, Prompt.TRY_AGAIN);
                case TOO_LONG:
                    return screen(l, values(), Prompt.NUMBER_TOO_LONG, Prompt.TRY_AGAIN);
                case EMERGENCY_ONLY:
                    return screen(l, values(), Prompt.NO_CALLS, Prompt.EMERGENCY_HINT);
                default:
                    return null; // no turn, or a call in progress: the call's own screen says it
            }
        }
        switch (((TurnNotice) n).reason()) {
            case CALL_MADE:
                return screen(l, values(), Prompt.CALL_ENDED);
            case ATTEMPTS_USED:
                return screen(l, values(), Prompt.CALL_NO_TRIES_LEFT);
            default:
                return null;
        }
    }

    private Screen portScreen(Instant t, Language l, int port) {
        if (charging == null) {
            return null;
        }
        PortState state = charging.port(port).state();
        Map<String, String> v = Map.of("port", Integer.toString(port),
                "min", minutes(charging.settings().timeLimit()));
        if (state instanceof PortState.Charging) {
            PortState.Charging c = (PortState.Charging) state;
            if (!c.since().isBefore(noticeAt)) {
                return screen(l, v, Prompt.CHARGER_N, Prompt.CHARGER_STARTED);
            }
            return screen(l, Map.of("port", Integer.toString(port), "min", minutes(Duration.between(t, c.endsAt()))),
                    Prompt.CHARGER_N, Prompt.CHARGER_TIME_LEFT);
        }
        if (state instanceof PortState.Done) {
            ChargingEndReason why = ((PortState.Done) state).reason();
            Prompt line = why == ChargingEndReason.FULL ? Prompt.CHARGER_FULL
                    : why == ChargingEndReason.TIME_LIMIT ? Prompt.CHARGER_TIME_UP : Prompt.CHARGER_STOPPED;
            return screen(l, v, Prompt.CHARGER_N, line, Prompt.TAKE_YOUR_PHONE);
        }
        if (state instanceof PortState.Faulted) {
            return screen(l, v, Prompt.CHARGER_N, Prompt.CHARGER_FAULT);
        }
        return chargingPage(t, l);
    }

    private Screen chargingPage(Instant t, Language l) {
        ChargingAvailability a = charging.availability(t);
        if (a instanceof ChargingAvailability.FreeNow) {
            return screen(l, Map.of("min", minutes(charging.settings().timeLimit()),
                    "free", Integer.toString(((ChargingAvailability.FreeNow) a).ports())), Prompt.CHARGE_OPEN);
        }
        if (a instanceof ChargingAvailability.AllBusy) {
            Duration within = ((ChargingAvailability.AllBusy) a).within();
            return screen(l, Map.of("wait", minutes(within.isZero() ? Duration.ofMinutes(1) : within)),
                    Prompt.CHARGE_ALL_BUSY);
        }
        if (a instanceof ChargingAvailability.Shed) {
            return screen(l, values(), Prompt.CHARGE_SHED);
        }
        return screen(l, values(), Prompt.CHARGE_OUT_OF_ORDER);
    }

    private Screen callScreen(Instant t, Language l, CharSequence typed) {
        CallState state = calls.state();
        Map<String, String> v = values();
        if (state instanceof CallState.AwaitingNumber) {
            CallState.AwaitingNumber a = (CallState.AwaitingNumber) state;
            String digits = lastColumns(typed);
            if (a.emergencyOnly()) {
                return withLine(screen(l, v, Prompt.NO_CALLS, Prompt.EMERGENCY_HINT), digits);
            }
            if (a.lastAttempt().isPresent()) {
                CallResult r = a.lastAttempt().get();
                Prompt why = r == CallResult.BUSY ? Prompt.CALL_BUSY
                        : r == CallResult.NO_ANSWER ? Prompt.CALL_NO_ANSWER : Prompt.CALL_FAILED;
                return withLine(screen(l, Map.of("tries", bounded(a.attemptsLeft(), 9)), why, Prompt.CALL_TRY_AGAIN),
                        digits);
            }
            return withLine(screen(l, v, Prompt.CALL_DIAL), digits);
        }
        if (state instanceof CallState.Placing) {
            return ((CallState.Placing) state).emergency() ? screen(l, v, Prompt.CALL_EMERGENCY, Prompt.CALL_CALLING)
                    : screen(l, v, Prompt.CALL_CALLING);
        }
        CallState.Connected c = (CallState.Connected) state;
        if (c.endsAt().isEmpty()) {
            return screen(l, v, Prompt.CALL_EMERGENCY);
        }
        long left = Math.min(ceilSeconds(Duration.between(t, c.endsAt().get())), 99 * 60 + 59);
        return screen(l, Map.of("left", (left / 60) + ":" + String.format(java.util.Locale.ROOT, "%02d", left % 60)), Prompt.CALL_TALK);
    }

    private Screen wifiPage(Language l) {
        switch (wifi.availability()) {
            case FULL:
                return screen(l, values(), Prompt.WIFI_FULL);
            case NO_INTERNET:
                return screen(l, values(), Prompt.WIFI_NO_INTERNET);
            default:
                List<String> lines = Prompt.WIFI_OPEN.render(l,
                        Map.of("min", minutes(wifi.settings().sessionLimit()), "ssid", s.wifiName()));
                return Screen.of(s.wifiName().isEmpty() ? lines.subList(0, 2) : lines);
        }
    }

    private Screen languageScreen(Language l) {
        StringBuilder codes = new StringBuilder();
        for (Language each : Language.values()) {
            if (codes.length() > 0) {
                codes.append(' ');
            }
            codes.append(each == l ? "[" + each.code() + "]" : each.code());
        }
        return screen(l, Map.of("codes", codes.toString(), "lang", l.ownName()), Prompt.LANGUAGE);
    }

    /** The values every screen may use. */
    private Map<String, String> values() {
        return Map.of("sos", calls != null ? calls.settings().dialRules().shownEmergencyNumber() : "112");
    }

    private static Screen screen(Language l, Map<String, String> values, Prompt... prompts) {
        List<String> lines = new ArrayList<>(Screen.ROWS);
        for (Prompt p : prompts) {
            lines.addAll(p.render(l, values));
        }
        return Screen.of(lines);
    }

    /** {@code screen} with its last line replaced by {@code line}. */
    private static Screen withLine(Screen screen, String line) {
        List<String> lines = new ArrayList<>(screen.lines());
        lines.set(Screen.ROWS - 1, line);
        return Screen.of(lines);
    }

    private static String lastColumns(CharSequence typed) {
        String text = typed.toString();
        int n = text.codePointCount(0, text.length());
        return n <= Screen.COLUMNS ? text : text.substring(text.offsetByCodePoints(0, n - Screen.COLUMNS));
    }

    private boolean turnOpen() {
        return calls != null && !(calls.state() instanceof CallState.Idle);
    }

    private void touch(Instant t) {
        chosen = language(t);
        lastButton = t;
    }

    private void show(Instant t, Notice n) {
        notice = n;
        noticeAt = t;
        languageShownAt = null;
    }

    private boolean within(Instant since, Instant t) {
        return !t.isBefore(since) && Duration.between(since, t).compareTo(s.noticeFor()) < 0;
    }

    /** Whole minutes, rounded up, at most 999. */
    private static String minutes(Duration d) {
        long seconds = ceilSeconds(d);
        return bounded((seconds + 59) / 60, 999);
    }

    private static long ceilSeconds(Duration d) {
        if (d.isNegative()) {
            return 0;
        }
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static String bounded(long value, long max) {
        return Long.toString(Math.max(0, Math.min(value, max)));
    }
}
