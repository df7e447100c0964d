package io.waypoint.sim.world.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The current through each charging port of a kiosk: what is plugged in ({@link KioskWorld#stayOn},
 * pure) drawing what it draws ({@link PortLoad}, pure in the time it has been powered), when the
 * kiosk powers the port. That last part is the kiosk's doing, so this small model keeps it: the
 * integrator tells it each edge of each port's relay ({@link #power}), and an emulated current
 * sensor asks {@link #currentMa} at any instant.
 *
 * <p>A load's powered time is summed over every stretch its port was on since it was plugged in,
 * so a phone switched off by load shedding and on again carries on where it was. Edges of one port
 * must come in time order; questions may come in any order, for any instant from a day before the
 * latest edge on. All ports start off. Thread-safe: one lock.
 */
public final class ChargingPorts {
    /** Power history older than this before a port's latest edge is forgotten. */
    private static final Duration KEPT = Duration.ofDays(1);

    private final KioskWorld world;
    /** Per port (index 1..), its relay's stretches on: {on, off} epoch ms, off = Long.MAX_VALUE while on. */
    private final List<List<long[]>> onStretches = new ArrayList<>();
    private final long[] lastEdge;

    ChargingPorts(KioskWorld world) {
        this.world = world;
        int ports = world.scenario().kiosk().ports();
        for (int p = 0; p <= ports; p++) {
            onStretches.add(new ArrayList<>());
        }
        lastEdge = new long[ports + 1];
        Arrays.fill(lastEdge, Long.MIN_VALUE);
    }

    /**
     * The relay of {@code port} switched {@code on} or off at {@code at}. Switching to the state it
     * is in changes nothing.
     *
     * @throws IllegalArgumentException for a port that does not exist, or an edge before the port's last one
     */
    public synchronized void power(int port, boolean on, Instant at) {
        List<long[]> stretches = stretches(port);
        long ms = at.toEpochMilli();
        if (ms < lastEdge[port]) {
            throw new IllegalArgumentException("port " + port + " switched at " + at + ", before its last edge at "
                    + Instant.ofEpochMilli(lastEdge[port]) + ": edges of a port come in time order");
        }
        long[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
        boolean isOn = last != null && last[1] == Long.MAX_VALUE;
        if (on == isOn) {
            return;
        }
        lastEdge[port] = ms;
        if (on) {
            stretches.add(new long[] {ms, Long.MAX_VALUE});
        } else {
            last[1] = ms;
        }
        long horizon = ms - KEPT.toMillis();
        stretches.removeIf(s -> s[1] < horizon);
    }

    /** Whether {@code port}'s relay is on at {@code t}. */
    public synchronized boolean powered(int port, Instant t) {
        long ms = t.toEpochMilli();
        for (long[] s : stretches(port)) {
            if (s[0] <= ms && ms < s[1]) {
                return true;
            }
        }
        return false;
    }

    /** The current through {@code port} at {@code t}, mA at 5 V: 0 when it is off or nothing is plugged in. */
    public synchronized double currentMa(int port, Instant t) {
        Optional<PortStay> stay = world.stayOn(port, t);
        if (stay.isEmpty() || !powered(port, t)) {
            return 0;
        }
        return stay.get().load().currentMa(poweredSince(port, stay.get().from(), t));
    }

    /** The battery level of the phone on {@code port} at {@code t}, 0 to 1; empty when no phone is there. */
    public synchronized Optional<Double> phoneLevel(int port, Instant t) {
        return world.stayOn(port, t).filter(s -> s.load() instanceof Phone)
                .map(s -> ((Phone) s.load()).levelAfter(poweredSince(port, s.from(), t)));
    }

    /** How long the port was powered from {@code from} to {@code t}. */
    private Duration poweredSince(int port, Instant from, Instant t) {
        long a = from.toEpochMilli();
        long b = t.toEpochMilli();
        long sum = 0;
        for (long[] s : stretches(port)) {
            sum += Math.max(0, Math.min(b, s[1]) - Math.max(a, s[0]));
        }
        return Duration.ofMillis(sum);
    }

    private List<long[]> stretches(int port) {
        if (port < 1 || port >= onStretches.size()) {
            throw new IllegalArgumentException("port must be 1 to " + (onStretches.size() - 1) + ", was " + port);
        }
        return onStretches.get(port);
    }
}
