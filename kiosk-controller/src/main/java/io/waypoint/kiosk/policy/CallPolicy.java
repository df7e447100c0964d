package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk's free phone: one handset, one turn at a time. The call button starts a turn; the
 * person dials; an ordinary call is limited ({@link CallSettings#talkLimit()}, three minutes), with
 * a warning before the end and a hang-up at the limit. A call that does not connect (busy, no
 * answer, no carrier, no dial tone, no credit) does not use up the turn: the person may try again
 * until the turn's attempts are used. An answered call ends the turn.
 *
 * <p>Emergency numbers are always allowed: while the service is unavailable or shed, while the
 * turn's attempts are used up, and without a time limit; they never count against the turn.
 * Calling them needs a turn like any call, and a turn can always be started while the handset is
 * free.
 *
 * <p>When the modem cannot place ordinary calls ({@link #service}) or calls are shed ({@link
 * #shed}), turns still start but are emergency-only, so the panel can say so instead of failing
 * silently. A call already connected runs to its limit.
 *
 * <p>No credit is the one fault only a call can end: staff top the SIM up far away, and nothing on
 * the kiosk sees it until an ordinary call gets through. So {@link CallSettings#creditRetry()} after
 * the operator last refused a call ({@link CallFailure#NO_CREDIT}), ordinary calls are offered again
 * as a trial: the first that gets through brings the modem back to {@link CallService#AVAILABLE};
 * one refused again makes the turn emergency-only, gives the person their attempt back and restarts
 * the wait. A technician who knows the SIM was topped up says so ({@link #creditToppedUp}) and the
 * next call is tried at once.
 *
 * <p>Privacy: {@link #dial} reads the number to check it and forgets it; no state, decision, event,
 * exception or {@code toString} here holds it. The controller keeps it only until it has given it
 * to the modem.
 *
 * <p>Time-based ends (the limit, ringing too long, a turn left idle) happen on {@link #tick}, which
 * the controller calls every second or so, and on the modem's reports. Not thread-safe.
 */
public final class CallPolicy {
    private enum Phase { IDLE, AWAITING, PLACING, CONNECTED }

    private final CallSettings s;
    private CallService service = CallService.AVAILABLE;
    private boolean shed;
    /** The latest time this policy was given: what {@link #state()} is judged on. */
    private Instant latest = Instant.EPOCH;
    /** While the SIM's credit is in doubt: from when an ordinary call is tried again; null otherwise. */
    private Instant creditTrialFrom;

    private Phase phase = Phase.IDLE;
    private int attemptsLeft;
    private Instant awaitingSince;
    private CallResult lastAttempt;
    private boolean emergency;
    private Instant callSince;
    private boolean warned;

    public CallPolicy(CallSettings settings) {
        this.s = Objects.requireNonNull(settings);
    }

    public CallSettings settings() {
        return s;
    }

    /** The call button, with no turn open: starts one (emergency-only if the service is down or shed). Otherwise nothing. */
    public List<CallEvent> startTurn(Instant t) {
        List<CallEvent> out = tick(t);
        if (phase == Phase.IDLE) {
            phase = Phase.AWAITING;
            attemptsLeft = s.attemptsPerTurn();
            awaitingSince = t;
            lastAttempt = null;
            out.add(new CallEvent.TurnStarted(t, !ordinaryCallsPossible()));
        }
        return out;
    }

    /**
     * The person dialled {@code number} at {@code t}: place the call, or not and why. The number is
     * checked and forgotten. A refused number does not use an attempt and gives the person the full
     * time to dial again. Judged on the state as of the last call that took a time.
     */
    public DialDecision dial(Instant t, CharSequence number) {
        Objects.requireNonNull(t, "t");
        timeIs(t);
        NumberCheck check = s.dialRules().check(number);
        switch (phase) {
            case IDLE:
                return new DialDecision.Refused(DialDecision.Reason.NO_TURN);
            case PLACING:
            case CONNECTED:
                return new DialDecision.Refused(DialDecision.Reason.CALL_IN_PROGRESS);
            default:
                break;
        }
        switch (check) {
            case EMERGENCY:
                place(t, true);
                return new DialDecision.Place(true, Optional.empty());
            case ALLOWED:
                if (!ordinaryCallsPossible()) {
                    awaitingSince = t;
                    return new DialDecision.Refused(DialDecision.Reason.EMERGENCY_ONLY);
                }
                attemptsLeft--;
                place(t, false);
                return new DialDecision.Place(false, Optional.of(s.talkLimit()));
            case TOO_SHORT:
                awaitingSince = t;
                return new DialDecision.Refused(DialDecision.Reason.TOO_SHORT);
            case TOO_LONG:
                awaitingSince = t;
                return new DialDecision.Refused(DialDecision.Reason.TOO_LONG);
            default:
                awaitingSince = t;
                return new DialDecision.Refused(DialDecision.Reason.NOT_DIGITS);
        }
    }

    /** The modem says the placed call was answered ({@code +CLCC} stat 0). */
    public List<CallEvent> answered(Instant t) {
        List<CallEvent> out = tick(t);
        if (phase == Phase.PLACING) {
            phase = Phase.CONNECTED;
            callSince = t;
            warned = false;
        }
        return out;
    }

    /** The modem says the placed call did not connect. Once connected, a failure report is the call's end. */
    public List<CallEvent> failed(Instant t, CallFailure why) {
        Objects.requireNonNull(why, "why");
        List<CallEvent> out = tick(t);
        if (why == CallFailure.NO_CREDIT) {
            creditTrialFrom = t.plus(s.creditRetry());
        }
        if (phase == Phase.PLACING) {
            if (why == CallFailure.NO_CREDIT && !emergency) {
                // the kiosk's SIM failed them, not their number: the attempt is theirs to use when calls are back
                attemptsLeft++;
            }
            attemptFailed(t, why.result(), out);
        } else if (phase == Phase.CONNECTED) {
            connectedEnded(t, out);
        }
        return out;
    }

    /** The modem says the call is gone (the other side hung up; it left the {@code +CLCC} list). */
    public List<CallEvent> ended(Instant t) {
        List<CallEvent> out = tick(t);
        if (phase == Phase.PLACING) {
            attemptFailed(t, CallResult.FAILED, out);
        } else if (phase == Phase.CONNECTED) {
            connectedEnded(t, out);
        }
        return out;
    }

    /**
     * The person hung up (the handset, or an end button): a connected call ends, a ringing one is
     * given up (it counts as not answered), and a turn with nothing placed ends.
     */
    public List<CallEvent> hangUp(Instant t) {
        List<CallEvent> out = tick(t);
        switch (phase) {
            case PLACING:
                out.add(new CallEvent.HangUp(t));
                attemptFailed(t, CallResult.NO_ANSWER, out);
                break;
            case CONNECTED:
                out.add(new CallEvent.HangUp(t));
                connectedEnded(t, out);
                break;
            case AWAITING:
                endTurn(t, CallEvent.Reason.CANCELLED, out);
                break;
            default:
                break;
        }
        return out;
    }

    /** Applies what time decides: the warning, the limit, ringing too long, a turn left idle. */
    public List<CallEvent> tick(Instant t) {
        Objects.requireNonNull(t, "t");
        timeIs(t);
        List<CallEvent> out = new ArrayList<>(3);
        switch (phase) {
            case AWAITING: {
                Instant expires = awaitingSince.plus(s.dialWithin());
                if (!t.isBefore(expires)) {
                    endTurn(expires, CallEvent.Reason.TIMED_OUT, out);
                }
                break;
            }
            case PLACING: {
                Instant giveUp = callSince.plus(s.answerWithin());
                if (!t.isBefore(giveUp)) {
                    out.add(new CallEvent.HangUp(giveUp));
                    attemptFailed(giveUp, CallResult.NO_ANSWER, out);
                }
                break;
            }
            case CONNECTED:
                if (!emergency) {
                    Instant limit = callSince.plus(s.talkLimit());
                    Instant warnAt = limit.minus(s.warnBefore());
                    if (!warned && !t.isBefore(warnAt) && t.isBefore(limit)) {
                        warned = true;
                        out.add(new CallEvent.Warning(t, Duration.between(t, limit)));
                    }
                    if (!t.isBefore(limit)) {
                        out.add(new CallEvent.HangUp(limit));
                        connectedEnded(limit, out);
                    }
                }
                break;
            default:
                break;
        }
        return out;
    }

    /**
     * What the modem can do now. When ordinary calls become impossible, an open turn becomes
     * emergency-only; a modem fault also ends a call in progress (the modem can no longer report
     * it), without costing the turn an attempt if it had not connected.
     */
    public List<CallEvent> service(Instant t, CallService now) {
        Objects.requireNonNull(now, "now");
        List<CallEvent> out = tick(t);
        service = now;
        if (now == CallService.AVAILABLE) {
            creditTrialFrom = null;
        } else if (now == CallService.NO_CREDIT && creditTrialFrom == null) {
            creditTrialFrom = t.plus(s.creditRetry());
        }
        if (now == CallService.MODEM_FAULT) {
            if (phase == Phase.PLACING) {
                out.add(new CallEvent.HangUp(t));
                if (!emergency) {
                    attemptsLeft++;
                }
                attemptFailed(t, CallResult.FAILED, out);
            } else if (phase == Phase.CONNECTED) {
                out.add(new CallEvent.HangUp(t));
                connectedEnded(t, out);
            }
        }
        return out;
    }

    /** Calls are shed to save the battery ({@code true}: emergency-only from now on) or allowed again. */
    public List<CallEvent> shed(Instant t, boolean shedNow) {
        List<CallEvent> out = tick(t);
        shed = shedNow;
        return out;
    }

    /**
     * A technician says the SIM's credit was topped up: while the credit is in doubt, the next ordinary
     * call is tried at once instead of after the rest of {@link CallSettings#creditRetry()}. The modem's
     * fault still ends only when a call gets through.
     *
     * @return false when the credit is not in doubt (no call was refused for it), and nothing changes
     */
    public boolean creditToppedUp(Instant t) {
        tick(t);
        if (creditTrialFrom == null) {
            return false;
        }
        creditTrialFrom = t;
        return true;
    }

    /**
     * When ordinary calls are tried again while the credit is in doubt (see {@link CallSettings#creditRetry()}),
     * or empty when it is not in doubt.
     */
    public Optional<Instant> creditTrialFrom() {
        return Optional.ofNullable(creditTrialFrom);
    }

    /** What the phone is doing, as of the last call that took a time. */
    public CallState state() {
        switch (phase) {
            case AWAITING:
                return new CallState.AwaitingNumber(awaitingSince.plus(s.dialWithin()), attemptsLeft,
                        !ordinaryCallsPossible(), Optional.ofNullable(lastAttempt));
            case PLACING:
                return new CallState.Placing(callSince, emergency);
            case CONNECTED:
                return new CallState.Connected(callSince, emergency,
                        emergency ? Optional.empty() : Optional.of(callSince.plus(s.talkLimit())));
            default:
                return new CallState.Idle();
        }
    }

    /** The modem's service as last reported. */
    public CallService service() {
        return service;
    }

    /**
     * Whether an ordinary call could be placed as of the last call that took a time: calls are not
     * shed, and the service is available, or the credit is in doubt and due for a trial.
     */
    public boolean ordinaryCallsPossible() {
        if (shed) {
            return false;
        }
        return service == CallService.AVAILABLE
                || service == CallService.NO_CREDIT && creditTrialFrom != null && !latest.isBefore(creditTrialFrom);
    }

    private void timeIs(Instant t) {
        if (t.isAfter(latest)) {
            latest = t;
        }
    }

    private void place(Instant t, boolean emergencyCall) {
        phase = Phase.PLACING;
        emergency = emergencyCall;
        callSince = t;
    }

    private void attemptFailed(Instant t, CallResult result, List<CallEvent> out) {
        out.add(new CallEvent.CallEnded(t, Duration.ZERO, result));
        lastAttempt = result;
        if (emergency || attemptsLeft > 0) {
            phase = Phase.AWAITING;
            awaitingSince = t;
        } else {
            endTurn(t, CallEvent.Reason.ATTEMPTS_USED, out);
        }
    }

    private void connectedEnded(Instant t, List<CallEvent> out) {
        out.add(new CallEvent.CallEnded(t, Duration.between(callSince, t), CallResult.ANSWERED));
        if (emergency) {
            // an emergency call never uses the turn: the person may still make their call
            phase = Phase.AWAITING;
            awaitingSince = t;
            lastAttempt = null;
        } else {
            endTurn(t, CallEvent.Reason.CALL_MADE, out);
        }
    }

    private void endTurn(Instant t, CallEvent.Reason reason, List<CallEvent> out) {
        phase = Phase.IDLE;
        awaitingSince = callSince = null;
        lastAttempt = null;
        emergency = false;
        out.add(new CallEvent.TurnEnded(t, reason));
    }
}
