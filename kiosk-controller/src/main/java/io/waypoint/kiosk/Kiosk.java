package io.waypoint.kiosk;

import io.waypoint.drivers.button.Press;
import io.waypoint.drivers.ina219.Ina219;
import io.waypoint.drivers.modem.AtModem;
import io.waypoint.drivers.modem.CallResult;
import io.waypoint.drivers.modem.ModemFault;
import io.waypoint.drivers.modem.ModemListener;
import io.waypoint.drivers.modem.ModemSettings;
import io.waypoint.drivers.modem.ModemStatus;
import io.waypoint.drivers.modem.Network;
import io.waypoint.drivers.opennds.Client;
import io.waypoint.drivers.opennds.ClientList;
import io.waypoint.drivers.opennds.ClientState;
import io.waypoint.drivers.opennds.OpenNdsException;
import io.waypoint.drivers.opennds.SessionLimits;
import io.waypoint.drivers.vedirect.VeDirectReader;
import io.waypoint.drivers.vedirect.VeDirectReading;
import io.waypoint.kiosk.panel.Panel;
import io.waypoint.kiosk.panel.PanelSettings;
import io.waypoint.kiosk.panel.Screen;
import io.waypoint.kiosk.policy.CallEvent;
import io.waypoint.kiosk.policy.CallFailure;
import io.waypoint.kiosk.policy.CallPolicy;
import io.waypoint.kiosk.policy.CallService;
import io.waypoint.kiosk.policy.CallSettings;
import io.waypoint.kiosk.policy.CallState;
import io.waypoint.kiosk.policy.ChargingEvent;
import io.waypoint.kiosk.policy.ChargingPolicy;
import io.waypoint.kiosk.policy.ChargingSettings;
import io.waypoint.kiosk.policy.ClientHandle;
import io.waypoint.kiosk.policy.DialDecision;
import io.waypoint.kiosk.policy.LoadShedding;
import io.waypoint.kiosk.policy.PortLed;
import io.waypoint.kiosk.policy.PortState;
import io.waypoint.kiosk.policy.PortStatus;
import io.waypoint.kiosk.policy.ShedLevel;
import io.waypoint.kiosk.policy.WifiDecision;
import io.waypoint.kiosk.policy.WifiEvent;
import io.waypoint.kiosk.policy.WifiPolicy;
import io.waypoint.kiosk.policy.WifiSettings;
import io.waypoint.node.NodeLink;
import io.waypoint.outbox.OutboxException;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.Body;
import io.waypoint.wire.EventBody;
import io.waypoint.wire.KioskTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinylog.Logger;

/**
 * The kiosk: its policies (charging ports, the free phone, Wi-Fi, load shedding) fed by its
 * hardware, its panel drawn on the LCD, and anonymous telemetry and events sent through the node
 * link.
 *
 * <p>All decisions run on the world scheduler's single thread; the drivers' threads (buttons, the
 * keypad's listener, the modem) only post onto it. The Wi-Fi portal is asked on the network
 * scheduler, because {@code ndsctl} is a process that may hang, and its answer is posted back.
 *
 * <p>Privacy: the digits a person types exist only in {@link #typed} until the call is placed or the
 * turn ends, then are wiped; the portal's clients are opaque handles; nothing of either is logged
 * or sent.
 */
final class Kiosk implements KioskHardware.Inputs, ModemListener, AutoCloseable {
    /** A kiosk's own draw besides the ports: Pi, router, modem, screen (W); an estimate, documented. */
    static final double BASE_LOAD_W = 8.0;
    private static final Duration FAST = Duration.ofMillis(50);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration WIFI_POLL = Duration.ofSeconds(10);
    private static final Duration LCD_REFRESH_EVERY = Duration.ofMinutes(5);

    private final KioskConfig config;
    private final KioskHardware hw;
    private final NodeLink link;
    private final Scheduler world;
    private final Scheduler network;
    final ChargingPolicy charging;
    final CallPolicy calls;
    final WifiPolicy wifi;
    final LoadShedding shedding;
    final Panel panel;
    private final KioskCounters counters = new KioskCounters();
    private final List<Scheduler.Task> tasks = new ArrayList<>();
    private volatile AtModem modem;

    private final StringBuilder typed = new StringBuilder();
    private ModemStatus modemStatus = ModemStatus.UNKNOWN;
    private boolean modemFaultReported;
    /** The operator refused the call in progress (its Ended follows). */
    private boolean callRefused;
    private int buttonsSeen = 0xFF;
    private ShedLevel shedLevel = ShedLevel.NONE;
    private double batteryVolts = Double.NaN;
    private double solarW;
    private double loadW;
    private int wifiClients;
    private String uplink;
    private int ledsShown = -1;
    private Instant lastLcdInit = Instant.MIN;
    private final Map<String, io.waypoint.drivers.opennds.ClientHandle> portal = new HashMap<>();
    private final Map<String, long[]> trafficSeen = new HashMap<>();

    Kiosk(KioskConfig config, KioskHardware hw, NodeLink link, Scheduler network) {
        this.config = config;
        this.hw = hw;
        this.link = link;
        this.world = hw.world;
        this.network = network;
        ChargingSettings d = ChargingSettings.defaults();
        ChargingSettings cs = new ChargingSettings(config.ports(), config.startOnPlug(), config.chargeLimit(), d.plugAbove(),
                d.fullBelow(), d.fullFor(), d.unpluggedBelow(), d.unpluggedFor(), d.plugGrace(), d.overCurrentAbove(),
                d.overCurrentFor(), d.shortAbove(), d.doneTimeout(), d.smoothing());
        this.charging = new ChargingPolicy(cs);
        CallSettings calls = CallSettings.defaults();
        // the phone network rings in real time whatever the simulation's speed: the policy, on the
        // node's (simulated) clock, must not give up before the modem driver can see an answer
        double speed = Math.max(1, world.speed());
        calls = new CallSettings(calls.dialRules(), config.talkLimit(), calls.warnBefore(), calls.attemptsPerTurn(),
                calls.dialWithin(), Duration.ofMillis((long) (calls.answerWithin().toMillis() * speed)), config.creditRetry());
        if (!config.emergency().isEmpty()) {
            calls = calls.withDialRules(calls.dialRules().withEmergencyFirst(config.emergency().toArray(String[]::new)));
        }
        this.calls = new CallPolicy(calls);
        WifiSettings w = WifiSettings.defaults();
        this.wifi = new WifiPolicy(new WifiSettings(config.wifiSession(), Math.max(1, config.wifiDownMb()), Math.max(1, config.wifiUpMb()),
                config.wifiMaxSessions(), w.downRateKbps(), w.upRateKbps()));
        this.shedding = LoadShedding.leadAcid12V();
        this.panel = new Panel(PanelSettings.defaults(), charging, this.calls, wifi, shedding);
        if (!config.smsStaff().numbers().isEmpty()) {
            link.onCommand(io.waypoint.wire.SmsCommand.NAME, new StaffSms(config.node().id(),
                    Map.of(config.smsStaff().list(), config.smsStaff()), () -> modem));
        }
    }

    /**
     * The driver's settings; at a simulation's speed its health poll runs as often in world time
     * (at least once a real second), so a signal lost for half an hour of world time is seen; and its
     * call poll too (at most four times a real second), so a call is seen ringing before the next
     * simulated caller takes the handset: a call that rang is what ends a no-credit fault.
     */
    static ModemSettings modemSettings(double speed) {
        ModemSettings d = ModemSettings.defaults();
        double s = Math.max(1, speed);
        Duration health = Duration.ofMillis(Math.max(1000, (long) (d.healthPoll().toMillis() / s)));
        Duration callPoll = Duration.ofMillis(Math.max(250, (long) (d.callPoll().toMillis() / s)));
        return new ModemSettings(d.commandTimeout(), d.dialTimeout(), callPoll, d.timeoutsBeforeCallFails(), health,
                d.timeoutsBeforeReprobe(), d.probeInterval(), d.lowSignalCsq());
    }

    void start() {
        modem = AtModem.start(hw.modemLink, modemSettings(world.speed()), this);
        tasks.add(world.every(Duration.ZERO, FAST, this::fast));
        tasks.add(world.every(Duration.ZERO, SECOND, this::second));
        tasks.add(world.every(config.node().telemetryInterval(), config.node().telemetryInterval(), this::report));
        // a phone's stay is world time: at a simulation's speed the portal is asked as often in
        // world time, but never more than four times a real second (each ask runs ndsctl)
        Duration poll = Duration.ofMillis(Math.max(250, (long) (WIFI_POLL.toMillis() / Math.max(1, world.speed()))));
        tasks.add(network.every(poll, poll, this::pollPortal));
        Logger.info("kiosk {} running: {} charging ports, calls limited to {}, Wi-Fi sessions of {}", config.node().id(), config.ports(),
                config.talkLimit(), config.wifiSession());
    }

    // --- inputs, posted onto the world thread -------------------------------------------------------

    private void post(Runnable r) {
        world.schedule(Duration.ZERO, () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                Logger.error(e, "kiosk {}: handling an input failed", config.node().id());
            }
        });
    }

    @Override
    public void callButton(Press press, Instant at) {
        if (press == Press.DOWN) {
            post(() -> {
                Instant t = world.now();
                panel.callButton(t);
                if (calls.state() instanceof CallState.Idle) {
                    handleCalls(calls.startTurn(t));
                } else {
                    handleCalls(calls.hangUp(t));
                }
            });
        }
    }

    @Override
    public void languageButton(Press press, Instant at) {
        if (press == Press.DOWN) {
            post(() -> panel.languageButton(world.now()));
        }
    }

    @Override
    public void key(char key, Press press, Instant at) {
        if (press == Press.UP) {
            return;
        }
        post(() -> typedKey(key, press));
    }

    /** Digits build the number; a long 0 is '+'; '*' rubs out; '#' dials. */
    private void typedKey(char key, Press press) {
        Instant t = world.now();
        if (calls.state() instanceof CallState.Idle) {
            // a person may dial an emergency number straight away: the first key opens a turn
            handleCalls(calls.startTurn(t));
        }
        if (press == Press.LONG) {
            if (key == '0' && typed.length() > 0 && typed.charAt(typed.length() - 1) == '0') {
                typed.setCharAt(typed.length() - 1, '+');
            }
            return;
        }
        switch (key) {
            case '*' -> {
                if (typed.length() > 0) {
                    typed.setLength(typed.length() - 1);
                }
            }
            case '#' -> dial(t);
            default -> {
                if (typed.length() < 20) {
                    typed.append(key);
                }
            }
        }
    }

    private void dial(Instant t) {
        DialDecision d = calls.dial(t, typed);
        if (d instanceof DialDecision.Place place) {
            String number = typed.toString();
            wipeTyped();
            modem.dial(number, place.limit().orElse(Duration.ofHours(12)), place.emergency());
        } else {
            panel.dialRefused(t, ((DialDecision.Refused) d).reason());
            wipeTyped();
        }
    }

    private void wipeTyped() {
        for (int i = 0; i < typed.length(); i++) {
            typed.setCharAt(i, ' ');
        }
        typed.setLength(0);
    }

    @Override
    public void call(io.waypoint.drivers.modem.CallEvent event) {
        post(() -> {
            Instant t = world.now();
            if (event instanceof io.waypoint.drivers.modem.CallEvent.Answered) {
                handleCalls(calls.answered(t));
            } else if (event instanceof io.waypoint.drivers.modem.CallEvent.Refused) {
                callRefused = true;
                Logger.warn("kiosk {}: the operator refused a call (no credit): ordinary calls are tried again {} min after "
                        + "this refusal; top up the SIM's credit, then type 'credit topped up' on the console to try at once",
                        config.node().id(), calls.settings().creditRetry().toMinutes());
            } else if (event instanceof io.waypoint.drivers.modem.CallEvent.Ended ended) {
                boolean refused = callRefused;
                callRefused = false;
                handleCalls(switch (ended.result()) {
                    case ANSWERED -> calls.ended(t);
                    case BUSY -> calls.failed(t, CallFailure.BUSY);
                    case NO_ANSWER -> calls.failed(t, CallFailure.NO_ANSWER);
                    case FAILED -> calls.failed(t, refused ? CallFailure.NO_CREDIT : failureOf(modemStatus));
                });
            }
        });
    }

    /** A failure the operator did not call a refusal: only the driver's {@code Refused} says "no credit". */
    private static CallFailure failureOf(ModemStatus s) {
        if (s.fault() == ModemFault.NO_NETWORK) {
            return CallFailure.NO_DIALTONE;
        }
        return CallFailure.NO_CARRIER;
    }

    @Override
    public void status(ModemStatus status) {
        post(() -> {
            ModemStatus before = modemStatus;
            modemStatus = status;
            if (before.ok() != status.ok() || before.fault() != status.fault()) {
                if (status.ok()) {
                    Logger.info("kiosk {}: modem ok (signal {}, {})", config.node().id(), status.signalCsq(), status.network());
                    if (modemFaultReported) { // the start's "not known yet" was never a fault to clear
                        send(EventBody.faultCleared("modem"));
                        modemFaultReported = false;
                    }
                } else {
                    Logger.warn("kiosk {}: modem {}: {}: {}", config.node().id(), status.state(), status.evidence(), status.fault().whatToDo());
                    send(EventBody.fault("modem", status.fault().reason()));
                    modemFaultReported = true;
                }
            }
            handleCalls(calls.service(world.now(), serviceOf(status)));
        });
    }

    private static CallService serviceOf(ModemStatus s) {
        if (s.fault() == null || s.fault() == ModemFault.LOW_SIGNAL) {
            return s.network() == Network.HOME || s.network() == Network.ROAMING ? CallService.AVAILABLE : CallService.NO_NETWORK;
        }
        return switch (s.fault()) {
            case NO_CREDIT -> CallService.NO_CREDIT;
            case NO_NETWORK -> CallService.NO_NETWORK;
            default -> CallService.MODEM_FAULT;
        };
    }

    private void handleCalls(List<CallEvent> events) {
        for (CallEvent e : events) {
            if (e instanceof CallEvent.HangUp) {
                modem.hangUp();
            } else if (e instanceof CallEvent.CallEnded ended) {
                counters.call(e);
                send(ended.toEventBody());
            } else if (e instanceof CallEvent.TurnEnded ended) {
                wipeTyped();
                panel.turnEnded(ended.at(), ended.reason());
            }
        }
    }

    // --- the fast loop: buttons on the expander, the keypad -------------------------------------------

    private void fast() {
        showPortLights(world.now());
        int now = hw.buttons.read();
        int pressed = buttonsSeen & ~now; // a bit that went from 1 (released) to 0 (pressed)
        buttonsSeen = now;
        for (int i = 0; i < config.ports(); i++) {
            if ((pressed & (1 << i)) != 0) {
                int port = i + 1;
                Instant t = world.now();
                panel.portButton(t, port);
                handleCharging(charging.press(t, port));
            }
        }
        hw.keypad.scan();
    }

    // --- once a second: currents, power, shedding, outputs, the screen --------------------------------

    private void second() {
        Instant t = world.now();
        readPower(t);
        ShedLevel level = shedding.reading(t, batteryVolts);
        if (level != shedLevel) {
            Logger.warn("kiosk {}: load shedding {} → {} at {} V", config.node().id(), shedLevel.wireName(), level.wireName(),
                    String.format(Locale.ROOT, "%.2f", batteryVolts));
            shedLevel = level;
            handleCharging(charging.shed(t, !level.chargingAllowed()));
            handleCalls(calls.shed(t, !level.callsAndWifiAllowed()));
            handleWifi(wifi.shed(t, !level.callsAndWifiAllowed()));
            send(new EventBody("load_shedding", Map.of("level", level.wireName(), "battery_v", round2(batteryVolts))));
        }
        double portsW = 0;
        for (int i = 0; i < config.ports(); i++) {
            int port = i + 1;
            try {
                Ina219.Reading r = hw.portSensors.get(i).read();
                portsW += Math.max(0, r.watts());
                handleCharging(charging.reading(t, port, Math.max(0, r.amps()), r.busVolts()));
            } catch (RuntimeException e) {
                Logger.error("kiosk {}: {}", config.node().id(), e.getMessage());
            }
        }
        loadW = BASE_LOAD_W + portsW;
        handleCharging(charging.tick(t));
        handleCalls(calls.tick(t));
        handleWifi(wifi.tick(t));
        applyOutputs();
        drawPanel(t);
    }

    private void readPower(Instant t) {
        if (hw.batterySensor != null) {
            try {
                Ina219.Reading r = hw.batterySensor.read();
                batteryVolts = r.busVolts();
                // the shunt sees the battery's net current: charging positive, so solar = net + load
                solarW = Math.max(0, r.watts() * Math.signum(r.amps()) + loadW);
            } catch (RuntimeException e) {
                Logger.error("kiosk {}: {}", config.node().id(), e.getMessage());
            }
        } else if (hw.vedirect != null) {
            VeDirectReader.Latest latest = hw.vedirect.latest().orElse(null);
            if (latest != null) {
                VeDirectReading r = latest.reading();
                r.batteryMillivolts().ifPresent(mv -> batteryVolts = mv / 1000.0);
                r.panelWatts().ifPresent(w -> solarW = w);
            }
        }
    }

    private void applyOutputs() {
        for (PortStatus p : charging.ports()) {
            hw.relays.get(p.port() - 1).set(p.relayOn());
        }
    }

    /**
     * One light per port, read at a glance: steady on = free, press the button; slow blink (1 s) =
     * charging; quick blink (½ s) = done, collect your phone; fast flicker (¼ s) = out of order;
     * dark = charging is off to save the battery.
     */
    static boolean lit(PortLed led, Instant t) {
        long ms = t.toEpochMilli();
        return switch (led) {
            case FREE -> true;
            case CHARGING -> (ms / 1000) % 2 == 0;
            case DONE -> (ms / 500) % 2 == 0;
            case FAULT -> (ms / 250) % 2 == 0;
            case OFF -> false;
        };
    }

    private void showPortLights(Instant t) {
        int leds = 0xFF;
        for (PortStatus p : charging.ports()) {
            if (lit(p.led(), t)) {
                leds &= ~(1 << (p.port() - 1)); // active low
            }
        }
        if (leds != ledsShown) {
            hw.leds.write(leds);
            ledsShown = leds;
        }
    }

    private void drawPanel(Instant t) {
        try {
            if (Duration.between(lastLcdInit, t).compareTo(LCD_REFRESH_EVERY) > 0) {
                // the driver rewrites only what changed: a glitch on the line would stay on screen without this
                hw.lcd.reinitialise();
                lastLcdInit = t;
            }
            Screen s = panel.screen(t, typed);
            hw.lcd.show(s.ascii());
        } catch (RuntimeException e) {
            Logger.error("kiosk {}: the screen: {}", config.node().id(), e.getMessage());
        }
    }

    private void handleCharging(List<ChargingEvent> events) {
        for (ChargingEvent e : events) {
            counters.charging(e);
            if (e instanceof ChargingEvent.Ended ended) {
                send(ended.toEventBody());
            } else if (e instanceof ChargingEvent.Faulted f) {
                Logger.warn("kiosk {}: charging port {} locked: {}; clear it with 'port clear {}' once the cable or phone is removed",
                        config.node().id(), f.port(), f.fault(), f.port());
                hw.relays.get(f.port() - 1).off();
                send(f.toEventBody());
            } else if (e instanceof ChargingEvent.FaultCleared fc) {
                send(fc.toEventBody());
            }
        }
    }

    // --- Wi-Fi: asked on the network scheduler, decided on the world thread -------------------------------

    private void pollPortal() {
        ClientList list;
        try {
            list = hw.wifi.clients();
        } catch (OpenNdsException e) {
            Logger.warn("kiosk {}: Wi-Fi portal: {}", config.node().id(), e.getMessage());
            post(() -> uplink = "down");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        post(() -> portalSeen(list));
    }

    private void portalSeen(ClientList list) {
        Instant t = world.now();
        Set<String> present = new HashSet<>();
        int authenticated = 0;
        for (Client c : list.clients()) {
            String id = c.handle().toString();
            present.add(id);
            portal.put(id, c.handle());
            ClientHandle h = new ClientHandle(id);
            if (c.state() == ClientState.PREAUTHENTICATED) {
                WifiDecision d = wifi.request(t, h);
                if (d instanceof WifiDecision.Grant g) {
                    SessionLimits limits = SessionLimits.lasting(g.limit()).withQuotasKb(g.upQuotaKb(), g.downQuotaKb())
                            .withRatesKbps(g.upRateKbps(), g.downRateKbps());
                    network.schedule(Duration.ZERO, () -> authenticate(c.handle(), limits));
                }
            } else if (c.state() == ClientState.AUTHENTICATED) {
                authenticated++;
                long down = c.kbDown() * 1024;
                long up = c.kbUp() * 1024;
                long[] before = trafficSeen.getOrDefault(id, new long[] {0, 0});
                counters.wifiTraffic((down - before[0]) / 1e6, (up - before[1]) / 1e6);
                trafficSeen.put(id, new long[] {down, up});
                handleWifi(wifi.traffic(t, h, down, up));
            }
        }
        for (String id : new ArrayList<>(portal.keySet())) {
            if (!present.contains(id)) {
                portal.remove(id);
                trafficSeen.remove(id);
                handleWifi(wifi.left(t, new ClientHandle(id)));
            }
        }
        wifiClients = authenticated;
        if (!"up".equals(uplink)) {
            uplink = "up";
            handleWifi(wifi.uplink(t, true));
        }
    }

    private void authenticate(io.waypoint.drivers.opennds.ClientHandle handle, SessionLimits limits) {
        try {
            hw.wifi.authenticate(handle, limits);
        } catch (OpenNdsException e) {
            portalTrouble(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A phone that left between the list and the call is the normal life of a portal, not a fault. */
    private void portalTrouble(OpenNdsException e) {
        if (e.problem() == io.waypoint.drivers.opennds.OpenNdsProblem.CLIENT_GONE
                || e.problem() == io.waypoint.drivers.opennds.OpenNdsProblem.REFUSED) {
            Logger.debug("kiosk {}: Wi-Fi portal: {}", config.node().id(), e.getMessage());
        } else {
            Logger.warn("kiosk {}: Wi-Fi portal: {}", config.node().id(), e.getMessage());
        }
    }

    private void handleWifi(List<WifiEvent> events) {
        for (WifiEvent e : events) {
            counters.wifi(e);
            if (e instanceof WifiEvent.Deauthenticate d) {
                io.waypoint.drivers.opennds.ClientHandle h = portal.get(d.client().value());
                if (h != null) {
                    network.schedule(Duration.ZERO, () -> {
                        try {
                            hw.wifi.deauthenticate(h);
                        } catch (OpenNdsException ex) {
                            portalTrouble(ex);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
            } else if (e instanceof WifiEvent.SessionEnded ended) {
                send(ended.toEventBody());
            }
        }
    }

    // --- telemetry ----------------------------------------------------------------------------------------

    private void report() {
        int faulted = 0;
        for (PortStatus p : charging.ports()) {
            if (p.state() instanceof PortState.Faulted) {
                faulted++;
            }
        }
        ModemStatus m = modemStatus;
        KioskTelemetry.Calls modemPart = new KioskTelemetry.Calls(0, 0, 0, 0, m.signalCsq(),
                m.network().name().toLowerCase(Locale.ROOT), m.state());
        KioskTelemetry.Power power = Double.isNaN(batteryVolts) ? null
                : new KioskTelemetry.Power(round2(batteryVolts), round2(solarW), round2(loadW), shedLevel.wireName());
        send(counters.take((int) config.node().telemetryInterval().toSeconds(), config.ports(), charging.busyPorts(), faulted,
                modemPart, wifiClients, uplink, power, link.takeOutboxDropped()));
    }

    private void send(Body body) {
        try {
            link.send(body);
        } catch (OutboxException e) {
            Logger.error("kiosk {}: a {} could not be stored ({}); the kiosk keeps serving", config.node().id(), body.kind(), e.getMessage());
        }
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // --- for the technician's console ------------------------------------------------------------------------

    ModemStatus modemStatus() {
        return modemStatus;
    }

    double batteryVolts() {
        return batteryVolts;
    }

    ShedLevel shedLevel() {
        return shedLevel;
    }

    String screenText() {
        return String.join("\n", panel.screen(world.now(), typed).ascii());
    }

    /**
     * The technician says the SIM was topped up: the next ordinary call is tried at once.
     *
     * @return false when no call was refused for credit, so there is nothing to try
     */
    boolean creditToppedUp() {
        return calls.creditToppedUp(world.now());
    }

    /** Clears a port's fault (the technician removed the damaged cable or phone). */
    void clearPortFault(int port) {
        handleCharging(charging.clearFault(world.now(), port));
    }

    @Override
    public void close() {
        tasks.forEach(Scheduler.Task::cancel);
        if (modem != null) {
            modem.close();
        }
        for (var r : hw.relays) {
            r.off();
        }
    }
}
