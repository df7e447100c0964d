package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kiosk's charging ports: when each relay is closed, what each light shows, when a turn ends,
 * and what to report. A turn starts with one press of the port's button (or, if so configured, when
 * a phone is plugged in), and ends when the phone is full, at the time limit, when the phone is
 * unplugged, on an over-current, when charging is shed, or when stopped. A finished port stays
 * "done" until its phone is collected (a full phone is kept powered, so its unplugging is seen) or
 * until a timeout, and then frees: one turn per press.
 *
 * <p>An over-current (above the limit for its hold time, or a single reading far above it: a
 * short) opens the relay at once and locks the port until a technician clears it.
 *
 * <p>A new policy is how the controller starts: every port free, and no relay closed unless free
 * ports are powered to detect a plug ({@link ChargingSettings#startOnPlug()}). A phone that was
 * charging before a restart is therefore not charged again until someone presses its button.
 *
 * <p>Ports are numbered 1 to N, as on their labels. Every method takes the time; the time limit and
 * the collection timeout are applied on every call, so the controller calls {@link #tick} every
 * second or so and applies {@link #ports()} after each call. Queries report the state as of the
 * last call. Not thread-safe: one controller loop owns it.
 */
public final class ChargingPolicy {
    private final ChargingSettings settings;
    private final List<ChargingPort> ports;
    private boolean shed;

    public ChargingPolicy(ChargingSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        List<ChargingPort> list = new ArrayList<>(settings.ports());
        for (int n = 1; n <= settings.ports(); n++) {
            list.add(new ChargingPort(n, settings));
        }
        this.ports = List.copyOf(list);
    }

    public ChargingSettings settings() {
        return settings;
    }

    /**
     * Port {@code port}'s button was pressed at {@code t}: a free port starts a turn (a {@link
     * ChargingEvent.Started}); a port that is busy, done, faulted, or any port while charging is
     * shed, does nothing more (show the port's state, see {@link #port(int)}).
     *
     * @throws IllegalArgumentException for a port outside 1 to N
     */
    public List<ChargingEvent> press(Instant t, int port) {
        List<ChargingEvent> out = new ArrayList<>(2);
        port(port, "press").press(Objects.requireNonNull(t), out);
        return out;
    }

    /**
     * A reading of port {@code port}'s current in amperes and bus voltage in volts, taken at
     * {@code t}. It may end the turn (full, unplugged), fault the port, or start a turn in plug mode.
     *
     * @throws IllegalArgumentException for a port outside 1 to N
     */
    public List<ChargingEvent> reading(Instant t, int port, double amps, double volts) {
        List<ChargingEvent> out = new ArrayList<>(2);
        port(port, "reading").reading(Objects.requireNonNull(t), amps, volts, out);
        return out;
    }

    /** Applies what time alone decides on every port: time limits, collection timeouts. */
    public List<ChargingEvent> tick(Instant t) {
        Objects.requireNonNull(t);
        List<ChargingEvent> out = new ArrayList<>(0);
        for (ChargingPort p : ports) {
            p.advance(t, out);
        }
        return out;
    }

    /**
     * Charging is shed (running turns end as {@link ChargingEndReason#SHED}, every relay opens,
     * presses do nothing) or, with {@code false}, allowed again (ports that ended shed still wait
     * for their phones to be collected).
     */
    public List<ChargingEvent> shed(Instant t, boolean shedNow) {
        Objects.requireNonNull(t);
        List<ChargingEvent> out = new ArrayList<>(0);
        for (ChargingPort p : ports) {
            p.shed(t, shedNow, out);
        }
        shed = shedNow;
        return out;
    }

    /**
     * Stops port {@code port}'s turn, if one runs ({@link ChargingEndReason#STOPPED}): a technician's
     * or a remote command.
     *
     * @throws IllegalArgumentException for a port outside 1 to N
     */
    public List<ChargingEvent> stop(Instant t, int port) {
        List<ChargingEvent> out = new ArrayList<>(1);
        port(port, "stop").stop(Objects.requireNonNull(t), out);
        return out;
    }

    /** Stops every running turn ({@link ChargingEndReason#STOPPED}): the controller is shutting down. */
    public List<ChargingEvent> stopAll(Instant t) {
        Objects.requireNonNull(t);
        List<ChargingEvent> out = new ArrayList<>(0);
        for (ChargingPort p : ports) {
            p.stop(t, out);
        }
        return out;
    }

    /**
     * A technician cleared port {@code port}'s fault (a console command): it is free again. Does
     * nothing to a port without a fault.
     *
     * @throws IllegalArgumentException for a port outside 1 to N
     */
    public List<ChargingEvent> clearFault(Instant t, int port) {
        List<ChargingEvent> out = new ArrayList<>(1);
        port(port, "clear").clearFault(Objects.requireNonNull(t), out);
        return out;
    }

    /** Every port's relay, light and state, in port order. */
    public List<PortStatus> ports() {
        List<PortStatus> out = new ArrayList<>(ports.size());
        for (ChargingPort p : ports) {
            out.add(p.status());
        }
        return out;
    }

    /**
     * Port {@code port}'s relay, light and state.
     *
     * @throws IllegalArgumentException for a port outside 1 to N
     */
    public PortStatus port(int port) {
        return port(port, "status").status();
    }

    /** Whether charging is shed. */
    public boolean isShed() {
        return shed;
    }

    /** Ports charging or holding a finished phone: the {@code ports_busy} of telemetry. */
    public int busyPorts() {
        int n = 0;
        for (ChargingPort p : ports) {
            if (!p.isFree() && !p.isFaulted()) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether someone can charge now, and if every port is busy, the longest they would wait for the
     * first to free (from {@code t}; as of the last call that applied the time).
     */
    public ChargingAvailability availability(Instant t) {
        if (shed) {
            return new ChargingAvailability.Shed();
        }
        int free = 0;
        Instant soonest = null;
        for (ChargingPort p : ports) {
            if (p.isFree()) {
                free++;
            }
            Instant by = p.freesBy();
            if (by != null && (soonest == null || by.isBefore(soonest))) {
                soonest = by;
            }
        }
        if (free > 0) {
            return new ChargingAvailability.FreeNow(free);
        }
        if (soonest == null) {
            return new ChargingAvailability.OutOfOrder();
        }
        Duration wait = Duration.between(t, soonest);
        return new ChargingAvailability.AllBusy(wait.isNegative() ? Duration.ZERO : wait);
    }

    private ChargingPort port(int port, String what) {
        if (port < 1 || port > ports.size()) {
            throw new IllegalArgumentException(what + ": no charging port " + port + "; ports are 1 to " + ports.size());
        }
        return ports.get(port - 1);
    }
}
