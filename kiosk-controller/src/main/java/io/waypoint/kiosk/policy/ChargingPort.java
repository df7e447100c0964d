package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One charging port's state machine: free → charging → done → free, and → fault from any powered
 * state. Every input first applies what time alone decides (the time limit, the collection
 * timeout), so a late tick never stretches a turn: a turn that should have ended at its limit is
 * reported as ending exactly then. Events are appended to the list the caller passes.
 */
final class ChargingPort {
    private enum Phase { FREE, CHARGING, DONE, FAULT }

    private final int number;
    private final ChargingSettings s;

    private Phase phase = Phase.FREE;
    private boolean shed;
    // the turn
    private Instant since;
    private double wh;
    private Instant lastReadingAt;
    private double lastWatts;
    private double smoothedAmps;
    // how long each condition has held, or null
    private Instant lowSince;
    private Instant taperSince;
    private Instant overSince;
    // after the turn
    private Instant doneSince;
    private ChargingEndReason doneReason;
    private PortFault fault;
    private Instant faultSince;

    /** A port as the controller finds it at start-up: free, with its relay off until the policy powers it. */
    ChargingPort(int number, ChargingSettings settings) {
        this.number = number;
        this.s = settings;
    }

    /** The port's button was pressed: starts a turn on a free port unless charging is shed; otherwise nothing. */
    void press(Instant t, List<ChargingEvent> out) {
        advance(t, out);
        if (phase == Phase.FREE && !shed) {
            start(t, out);
        }
    }

    /**
     * A reading of the port's current (A) and bus voltage (V) taken at {@code t}. Readings of an
     * unpowered port, readings older than the last one, and non-numbers are ignored.
     */
    void reading(Instant t, double amps, double volts, List<ChargingEvent> out) {
        advance(t, out);
        if (!relayOn() || Double.isNaN(amps) || (lastReadingAt != null && t.isBefore(lastReadingAt))) {
            return;
        }
        double a = Math.max(0, amps);
        if (a > s.shortAbove()) {
            fault(t, PortFault.SHORT_CIRCUIT, a, volts, out);
            return;
        }
        if (a > s.overCurrentAbove()) {
            overSince = overSince == null ? t : overSince;
            if (!Duration.between(overSince, t).minus(s.overCurrentFor()).isNegative()) {
                fault(t, PortFault.OVER_CURRENT, a, volts, out);
                return;
            }
        } else {
            overSince = null;
        }
        switch (phase) {
            case FREE:
                if (a > s.plugAbove()) {
                    start(t, out);
                    measure(t, a, volts);
                }
                break;
            case CHARGING:
                measure(t, a, volts);
                lowSince = a < s.unpluggedBelow() ? (lowSince == null ? t : lowSince) : null;
                taperSince = smoothedAmps < s.fullBelow() ? (taperSince == null ? t : taperSince) : null;
                if (held(lowSince, s.unpluggedFor(), t) && held(since, s.plugGrace(), t)) {
                    end(t, ChargingEndReason.UNPLUGGED, out);
                } else if (held(taperSince, s.fullFor(), t)) {
                    end(t, ChargingEndReason.FULL, out);
                }
                break;
            case DONE: // a full phone, still powered: watch for it being taken away
                lastReadingAt = t;
                lowSince = a < s.unpluggedBelow() ? (lowSince == null ? t : lowSince) : null;
                if (held(lowSince, s.unpluggedFor(), t)) {
                    free();
                }
                break;
            default:
                break;
        }
    }

    /** Applies what time alone decides. */
    void advance(Instant t, List<ChargingEvent> out) {
        if (phase == Phase.CHARGING) {
            Instant limit = since.plus(s.timeLimit());
            if (!t.isBefore(limit)) {
                end(limit, ChargingEndReason.TIME_LIMIT, out);
            }
        }
        if (phase == Phase.DONE && !t.isBefore(doneSince.plus(s.doneTimeout()))) {
            free();
        }
    }

    /** Charging is shed ({@code true}: a running turn ends, every relay opens) or allowed again. */
    void shed(Instant t, boolean shedNow, List<ChargingEvent> out) {
        advance(t, out);
        if (shedNow && phase == Phase.CHARGING) {
            end(t, ChargingEndReason.SHED, out);
        }
        shed = shedNow;
    }

    /** Ends a running turn as {@link ChargingEndReason#STOPPED}; the port then waits for its phone to be collected. */
    void stop(Instant t, List<ChargingEvent> out) {
        advance(t, out);
        if (phase == Phase.CHARGING) {
            end(t, ChargingEndReason.STOPPED, out);
        }
    }

    /** A technician cleared the fault: the port is free again. Nothing happens to a port without one. */
    void clearFault(Instant t, List<ChargingEvent> out) {
        if (phase == Phase.FAULT) {
            free();
            out.add(new ChargingEvent.FaultCleared(number, t));
        }
    }

    boolean relayOn() {
        if (shed) {
            return false;
        }
        switch (phase) {
            case CHARGING:
                return true;
            case DONE:
                return doneReason == ChargingEndReason.FULL;
            case FREE:
                return s.startOnPlug();
            default:
                return false;
        }
    }

    PortStatus status() {
        PortState state;
        PortLed led;
        switch (phase) {
            case CHARGING:
                state = new PortState.Charging(since, since.plus(s.timeLimit()), wh);
                led = PortLed.CHARGING;
                break;
            case DONE:
                state = new PortState.Done(doneSince, doneReason, doneSince.plus(s.doneTimeout()));
                led = PortLed.DONE;
                break;
            case FAULT:
                state = new PortState.Faulted(fault, faultSince);
                led = PortLed.FAULT;
                break;
            default:
                state = new PortState.Free();
                led = shed ? PortLed.OFF : PortLed.FREE;
                break;
        }
        return new PortStatus(number, state, relayOn(), led);
    }

    /**
     * The latest time this port frees if nothing else happens (a turn running to its limit, then
     * its phone left uncollected), or null if it is free or faulted.
     */
    Instant freesBy() {
        switch (phase) {
            case CHARGING:
                return since.plus(s.timeLimit()).plus(s.doneTimeout());
            case DONE:
                return doneSince.plus(s.doneTimeout());
            default:
                return null;
        }
    }

    boolean isFree() {
        return phase == Phase.FREE;
    }

    boolean isFaulted() {
        return phase == Phase.FAULT;
    }

    private void start(Instant t, List<ChargingEvent> out) {
        phase = Phase.CHARGING;
        since = t;
        wh = 0;
        lastReadingAt = null;
        lowSince = taperSince = overSince = null;
        out.add(new ChargingEvent.Started(number, t, s.timeLimit()));
    }

    /** Adds the energy since the last reading of this turn (trapezoids) and updates the smoothed current. */
    private void measure(Instant t, double amps, double volts) {
        double watts = Double.isFinite(volts) && volts > 0 ? amps * volts : 0;
        if (lastReadingAt == null) {
            smoothedAmps = amps;
        } else {
            double dt = Duration.between(lastReadingAt, t).toNanos() / 1e9;
            wh += (lastWatts + watts) / 2 * dt / 3600;
            smoothedAmps += (amps - smoothedAmps) * (1 - Math.exp(-dt / (s.smoothing().toNanos() / 1e9)));
        }
        lastReadingAt = t;
        lastWatts = watts;
    }

    private void fault(Instant t, PortFault why, double amps, double volts, List<ChargingEvent> out) {
        if (phase == Phase.CHARGING) {
            measure(t, amps, volts);
            end(t, ChargingEndReason.OVER_CURRENT, out);
        }
        phase = Phase.FAULT;
        fault = why;
        faultSince = t;
        out.add(new ChargingEvent.Faulted(number, t, why));
    }

    private void end(Instant t, ChargingEndReason reason, List<ChargingEvent> out) {
        if (lastReadingAt != null && t.isAfter(lastReadingAt)) {
            // the relay stayed closed until t: assume the last reading's power held
            wh += lastWatts * Duration.between(lastReadingAt, t).toNanos() / 1e9 / 3600;
        }
        out.add(new ChargingEvent.Ended(number, t, Duration.between(since, t), wh, reason));
        if (reason == ChargingEndReason.UNPLUGGED) {
            free();
        } else {
            phase = Phase.DONE;
            doneSince = t;
            doneReason = reason;
            lowSince = null;
        }
    }

    private void free() {
        phase = Phase.FREE;
        since = doneSince = faultSince = null;
        doneReason = null;
        fault = null;
        lastReadingAt = null;
        lowSince = taperSince = overSince = null;
    }

    private static boolean held(Instant since, Duration hold, Instant t) {
        return since != null && !Duration.between(since, t).minus(hold).isNegative();
    }
}
