package io.waypoint.sim.site;

import io.waypoint.sim.board.MatrixKeypadWiring;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.chip.kiosk.PushButton;
import io.waypoint.sim.serial.modem.SimulatedModem;
import io.waypoint.sim.wifi.SimulatedAccessPoint;
import io.waypoint.sim.wifi.SimulatedPhone;
import io.waypoint.sim.wifi.TrafficScript;
import io.waypoint.sim.world.kiosk.ChargingPorts;
import io.waypoint.sim.world.kiosk.KioskWorld;
import io.waypoint.sim.world.kiosk.PersonAction;
import io.waypoint.sim.world.kiosk.PortStay;
import io.waypoint.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The simulated people at a kiosk site: what the world says they do ({@link KioskWorld#actions}),
 * acted out on the site's panel, ports, modem and access point at the simulated instant it happens.
 *
 * <ul>
 * <li>{@link PersonAction.PlugIn}: the phone goes into its port and draws current whenever the port's
 *     relay is on (the world's {@code ChargingPorts}), unless the port does not look free
 *     ({@link PortLights#looksFree}): then the person keeps the phone (logged at debug), its button
 *     press is not made and the port stays empty for that stay.</li>
 * <li>{@link PersonAction.PressPortButton}: the port's button is held {@link #BUTTON_HELD}.</li>
 * <li>{@link PersonAction.Unplug}: the phone is gone (the world's stay ends).</li>
 * <li>{@link PersonAction.PlaceCall}: on a turn's first attempt the call button is held
 *     {@link #BUTTON_HELD} (a retry does not press it: at a kiosk that would hang up or end the
 *     turn); {@link #READS_PROMPT} after that moment the keys are typed at {@link #HUMAN} pace
 *     ({@code +} as a long {@code 0}), then {@code #}:
 *     the kiosk dials on {@code #}. Keys with a {@code #} of their own (codes like {@code *#06#})
 *     are typed as they are. Before the {@code #}, the modem's far end is set to what the world
 *     does with these keys then ({@link KioskWorld#callOutcome}); the far end hangs up when the
 *     world's talk ends, unless the kiosk hangs up first at its limit: the person presses nothing
 *     to end a call.</li>
 * <li>{@link PersonAction.JoinWifi} / {@link PersonAction.LeaveWifi}: a phone with the world's MAC
 *     joins or leaves the access point, moving the world's megabytes evenly over its stay while
 *     authenticated and the uplink is up.</li>
 * </ul>
 *
 * <p>{@link #lookAhead} runs on the site's scheduler every simulated second or so and schedules
 * each action coming before the next call at its own instant. Nothing identifying (numbers, MACs)
 * is logged: counts and kinds only.
 */
final class KioskVisitors {
    /** How long a person holds a button. */
    static final Duration BUTTON_HELD = Duration.ofMillis(200);
    /** From pressing the call button to the first key: the time to read the screen. */
    static final Duration READS_PROMPT = Duration.ofSeconds(3);
    /** About 0.7 s a key, as the world plans calls; 1.5 s on 0 for a +. */
    static final MatrixKeypadWiring.Typing HUMAN = new MatrixKeypadWiring.Typing(Duration.ofMillis(150),
            Duration.ofMillis(550), Duration.ofMillis(1500));
    /** The key that dials what was typed. */
    static final char DIAL = '#';
    /** How long after a key goes down or up the board delivers the keypad's columns. */
    private static final Duration DELIVERY_LAG = Duration.ofMillis(1);

    private final KioskWorld world;
    private final Scheduler scheduler;
    private final SimBoard board;
    private final ChargingPorts ports;
    private final PortLights lights;
    private final PortButtons buttons;
    private final PushButton callButton;
    private final MatrixKeypadWiring keypad;
    private final SimulatedModem modem;
    private final SimulatedAccessPoint accessPoint;
    private final Set<PortStay> keptAway = ConcurrentHashMap.newKeySet();
    private final AtomicLong turnedAway = new AtomicLong();
    // scheduler thread only
    private final Map<String, SimulatedPhone> onWifi = new HashMap<>();
    private Instant planned;
    private Instant callButtonFree;
    private volatile boolean stopped;

    KioskVisitors(KioskWorld world, Scheduler scheduler, SimBoard board, ChargingPorts ports, PortLights lights,
                  PortButtons buttons, PushButton callButton, MatrixKeypadWiring keypad, SimulatedModem modem,
                  SimulatedAccessPoint accessPoint) {
        this.world = world;
        this.scheduler = scheduler;
        this.board = board;
        this.ports = ports;
        this.lights = lights;
        this.buttons = buttons;
        this.callButton = callButton;
        this.keypad = keypad;
        this.modem = modem;
        this.accessPoint = accessPoint;
        // from the world's start (the clock's start at its anchor), but not more than a minute back
        Instant recent = scheduler.now().minus(Duration.ofMinutes(1));
        this.planned = world.start().isBefore(recent) ? recent : world.start();
        this.callButtonFree = planned;
    }

    /** Schedules, each at its instant, what people do from the last call until {@code horizon} after now. */
    void lookAhead(Duration horizon) {
        if (stopped) {
            return;
        }
        Instant now = scheduler.now();
        Instant until = now.plus(horizon);
        if (!until.isAfter(planned)) {
            return;
        }
        for (PersonAction a : world.actions(planned, until)) {
            Duration delay = Duration.between(now, a.at());
            scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> act(a));
        }
        planned = until;
        Instant forgotten = now.minus(Duration.ofMinutes(10));
        keptAway.removeIf(s -> s.until().isBefore(forgotten));
    }

    /** The current through {@code port} at {@code t}, amperes: the world's, unless its phone was kept away. */
    double portAmps(int port, Instant t) {
        return keptAway(port, t) ? 0 : ports.currentMa(port, t) / 1000.0;
    }

    /** Whether the phone the world has on {@code port} at {@code t} was kept away: the port looked taken. */
    private boolean keptAway(int port, Instant t) {
        if (keptAway.isEmpty()) {
            return false;
        }
        return world.stayOn(port, t).map(keptAway::contains).orElse(false);
    }

    /** People who kept their phone because the port the world gave them did not look free. */
    long turnedAway() {
        return turnedAway.get();
    }

    /** Nobody acts any more, even what was scheduled already: the site is closing. */
    void stop() {
        stopped = true;
    }

    private void act(PersonAction action) {
        if (stopped) {
            return;
        }
        Instant now = scheduler.now();
        Instant at = action.at().isBefore(now) ? now : action.at();
        if (action instanceof PersonAction.PlugIn p) {
            plugIn(p, now);
        } else if (action instanceof PersonAction.PressPortButton b) {
            if (!keptAway(b.port(), b.at())) {
                buttons.press(b.port(), at, BUTTON_HELD);
            }
        } else if (action instanceof PersonAction.PlaceCall c) {
            call(c, at);
        } else if (action instanceof PersonAction.JoinWifi j) {
            joinWifi(j);
        } else if (action instanceof PersonAction.LeaveWifi l) {
            SimulatedPhone phone = onWifi.remove(l.mac());
            if (phone != null) {
                accessPoint.leave(phone);
            }
        }
        // Unplug: the world's stay ends by itself
    }

    private void plugIn(PersonAction.PlugIn p, Instant now) {
        if (lights.looksFree(p.port(), now)) {
            return;
        }
        world.stayOn(p.port(), p.at()).ifPresent(keptAway::add);
        turnedAway.incrementAndGet();
        Logger.debug("hal-sim: a person found port {} not free (its light is not steadily on) and kept their phone",
                p.port());
    }

    private void call(PersonAction.PlaceCall c, Instant at) {
        Instant press = at.isBefore(callButtonFree) ? callButtonFree : at;
        if (c.attempt() == 1) {
            callButton.press(press, BUTTON_HELD);
        }
        Instant key = press.plus(BUTTON_HELD).plus(READS_PROMPT);
        for (char k : c.keys().toCharArray()) {
            key = typed(String.valueOf(k), key).plus(HUMAN.gap());
        }
        Instant dial = key;
        modem.update(b -> b.withFarEnd(MobileNetwork.farEnd(world.callOutcome(c.keys(), dial), scheduler.speed())));
        callButtonFree = typed(String.valueOf(DIAL), dial);
        Logger.debug("hal-sim: a person places a call: {} keys, {} number, attempt {}", c.keys().length(),
                c.kind().name().toLowerCase(Locale.ROOT), c.attempt());
    }

    /**
     * Types one key from {@code at} ({@code +} as a long 0) and returns when it is let go. The keypad's
     * columns reach a kiosk that reads their levels only at the board's deliveries, which at high
     * speed come up to a simulated second apart, longer than a key is held: so the board delivers at
     * the press and at the release too.
     */
    private Instant typed(String key, Instant at) {
        Instant up = keypad.type(key, at, HUMAN);
        deliverJustAfter(at);
        deliverJustAfter(up);
        return up;
    }

    private void deliverJustAfter(Instant t) {
        Duration delay = Duration.between(scheduler.now(), t).plus(DELIVERY_LAG);
        scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, board::tick);
    }

    private void joinWifi(PersonAction.JoinWifi j) {
        double seconds = Math.max(1, Duration.between(j.at(), j.leaves()).toMillis() / 1000.0);
        TrafficScript traffic = TrafficScript.steady(j.mbDown() * 1024 / seconds, j.mbUp() * 1024 / seconds);
        try {
            onWifi.put(j.mac(), accessPoint.join(j.mac(), traffic));
        } catch (IllegalArgumentException e) {
            Logger.debug("hal-sim: a phone could not join the Wi-Fi: {}", e.getMessage());
        }
    }
}
