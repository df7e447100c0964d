package io.waypoint.sim.world.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for the kiosk in tests of the world's feedback: it powers a port when its button is
 * pressed, cuts it when the phone is full, at the turn's end, on over-current (and locks it until
 * the phone is unplugged) or when unplugged; it sheds the ports under 12.0 V and everything under
 * 11.1 V, and restores them over 12.6 V. Its load: 9 W for the board, router, modem and screen, plus
 * each port's current at 5 V through an 85 % converter; 2 W when everything is shed.
 */
final class SimpleKiosk {
    static final double BASE_W = 9;
    static final double SHED_ALL_W = 2;
    static final double OVER_CURRENT_MA = 2500;

    enum Shedding { NONE, CHARGING, ALL }

    /** One step's figures. */
    record Minute(Instant t, PowerReading power, double loadW, int portsOn, Shedding shedding) {}

    final KioskWorld world;
    final ChargingPorts ports;
    final SolarBattery battery;
    private final int n;
    private final Instant[] sessionStart;
    private final boolean[] locked;
    private final List<Integer> overCurrentCuts = new ArrayList<>();
    private Shedding shedding = Shedding.NONE;
    private Instant now;
    private double loadW = BASE_W;

    SimpleKiosk(KioskWorld world) {
        this.world = world;
        this.ports = world.newChargingPorts();
        this.battery = world.newBattery();
        this.n = world.scenario().kiosk().ports();
        this.sessionStart = new Instant[n + 1];
        this.locked = new boolean[n + 1];
        this.now = world.start();
    }

    /** Runs to {@code to} in steps of {@code step}, one figure a step. */
    List<Minute> runTo(Instant to, Duration step) {
        List<Minute> out = new ArrayList<>();
        while (now.isBefore(to)) {
            Instant next = now.plus(step);
            for (PersonAction a : world.actions(now, next)) {
                act(a);
            }
            PowerReading p = battery.advance(next, loadW);
            now = next;
            judge(p);
            out.add(new Minute(now, p, loadW, portsOn(), shedding));
        }
        return out;
    }

    List<Integer> overCurrentCuts() {
        return overCurrentCuts;
    }

    private void act(PersonAction a) {
        if (a instanceof PersonAction.PressPortButton b && !locked[b.port()] && shedding == Shedding.NONE) {
            ports.power(b.port(), true, b.at());
            sessionStart[b.port()] = b.at();
        } else if (a instanceof PersonAction.Unplug u) {
            ports.power(u.port(), false, u.at());
            sessionStart[u.port()] = null;
            locked[u.port()] = false;
        }
    }

    private void judge(PowerReading p) {
        double ma = 0;
        for (int port = 1; port <= n; port++) {
            if (sessionStart[port] == null) {
                continue;
            }
            double current = ports.currentMa(port, now);
            boolean over = current > OVER_CURRENT_MA;
            boolean full = current < 60 && Duration.between(sessionStart[port], now).toMinutes() >= 2;
            boolean turnOver = Duration.between(sessionStart[port], now).compareTo(world.scenario().kiosk().chargeTurn()) >= 0;
            if (over || full || turnOver) {
                ports.power(port, false, now);
                sessionStart[port] = null;
                if (over) {
                    locked[port] = true;
                    overCurrentCuts.add(port);
                }
            } else {
                ma += current;
            }
        }
        double v = p.batteryV();
        Shedding before = shedding;
        if (v < 11.1) {
            shedding = Shedding.ALL;
        } else if (v < 12.0 && shedding == Shedding.NONE) {
            shedding = Shedding.CHARGING;
        } else if (v > 12.6) {
            shedding = Shedding.NONE;
        }
        if (shedding != Shedding.NONE && before == Shedding.NONE) {
            for (int port = 1; port <= n; port++) {
                if (sessionStart[port] != null) {
                    ports.power(port, false, now);
                    sessionStart[port] = null;
                }
            }
            ma = 0;
        }
        loadW = shedding == Shedding.ALL ? SHED_ALL_W : BASE_W + ma * 5 / 0.85 / 1000;
    }

    private int portsOn() {
        int on = 0;
        for (int port = 1; port <= n; port++) {
            if (sessionStart[port] != null) {
                on++;
            }
        }
        return on;
    }
}
