package io.waypoint.drivers.modem;

import io.waypoint.drivers.modem.CommandQueue.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tinylog.Logger;

/**
 * One outgoing voice call at a time, from ATD to its end, as pure logic: it is told the replies,
 * unsolicited lines, timeouts and the time, and answers with commands to send and {@link CallEvent}s.
 *
 * <p>With {@code AT+COLP=0} the modem says OK to ATD as soon as it dials, so how the call goes is
 * learnt by polling {@code AT+CLCC} (our call: outgoing, voice; stat 2 dialling, 3 alerting, 0 active;
 * gone from the list: ended) and from the words {@code NO CARRIER}, {@code BUSY}, {@code NO ANSWER},
 * {@code NO DIALTONE}, whether they end ATD or come later. A call that rings longer than the dial
 * timeout is hung up as unanswered; an answered call is hung up at its talk limit; a call on a modem
 * that stops answering is ended as failed by the {@link ModemSession} ({@link #modemLost}).
 *
 * <p>Replies are matched to the very command that asked (by identity), so a late reply to the last
 * call's command never moves the next call on.
 */
final class CallStateMachine {
    /** {@code +CME ERROR} codes to ATD that mean the operator refused the call: SIMCom's "network rejected request". */
    static final Set<Integer> REFUSED_BY_OPERATOR = Set.of(257);

    /** What the machine does to the world. */
    interface Effects {
        /** Queues {@code command} behind the others. */
        void send(AtCommand command);

        /** Queues {@code command} before the others (hang-ups). */
        void sendFirst(AtCommand command);

        void event(CallEvent event);

        /** The operator refused a call; {@code evidence} says how, for a technician. */
        void creditRefused(String evidence);

        /**
         * The network put an ordinary call through (it rang or was answered): the operator does not
         * refuse calls. Not said of an emergency call, which goes through without credit and so
         * proves nothing about it.
         */
        void callConnected();
    }

    private enum Phase {
        IDLE, DIALLING, ALERTING, ACTIVE
    }

    private final ModemSettings settings;
    private final Effects effects;
    private Phase phase = Phase.IDLE;
    private AtCommand dialCommand;
    private AtCommand pollCommand;
    private boolean emergency;
    private boolean dialAcknowledged;
    private boolean operatorMessage;
    private Duration talkLimit;
    private Instant ringDeadline;
    private Instant answeredAt;
    private Instant nextPoll;

    CallStateMachine(ModemSettings settings, Effects effects) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.effects = Objects.requireNonNull(effects, "effects");
    }

    /** Whether a call attempt is in progress. */
    boolean inProgress() {
        return phase != Phase.IDLE;
    }

    /**
     * Places a call to {@code number} (digits and a leading +), hung up after {@code talkLimit} of
     * talking.
     *
     * @param emergency whether the number is an emergency number: its getting through says nothing
     *                  about the SIM's credit
     * @throws IllegalStateException    a call is in progress
     * @throws IllegalArgumentException the number is not diallable
     */
    void dial(String number, Duration talkLimit, boolean emergency, Instant now) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("a call is in progress: hang up, or wait for it to end, before dialling");
        }
        AtCommand atd = AtCommand.dial(number, settings.dialTimeout());
        this.talkLimit = Objects.requireNonNull(talkLimit, "talkLimit");
        dialCommand = atd;
        pollCommand = null;
        this.emergency = emergency;
        dialAcknowledged = false;
        operatorMessage = false;
        answeredAt = null;
        ringDeadline = now.plus(settings.dialTimeout());
        nextPoll = now.plus(settings.callPoll());
        phase = Phase.DIALLING;
        effects.send(atd);
        effects.event(new CallEvent.Dialling(now));
    }

    /** A call attempt that cannot even be tried (the modem is not ready): it starts and fails at once. */
    void refuse(Instant now) {
        if (phase != Phase.IDLE) {
            throw new IllegalStateException("a call is in progress: hang up, or wait for it to end, before dialling");
        }
        effects.event(new CallEvent.Dialling(now));
        effects.event(new CallEvent.Ended(CallResult.FAILED, Duration.ZERO, now));
    }

    /** Ends the call in progress from our side; nothing if there is none. */
    void hangUp(Instant now) {
        switch (phase) {
            case ACTIVE -> end(CallResult.ANSWERED, now, true);
            case ALERTING -> end(CallResult.NO_ANSWER, now, true);
            case DIALLING -> end(CallResult.FAILED, now, true);
            case IDLE -> { }
        }
    }

    /** The reply to a call command (ATD, AT+CLCC, ATH, AT+CHUP). */
    void replied(Reply reply, Instant now) {
        AtLine result = reply.result();
        switch (reply.command().kind()) {
            case DIAL -> {
                if (reply.command() != dialCommand) {
                    return;
                }
                if (result instanceof AtLine.Ok) {
                    dialAcknowledged = true;
                } else if (result instanceof AtLine.CallProgress p) {
                    progressed(p.progress(), now);
                } else if (result instanceof AtLine.CmeError e && REFUSED_BY_OPERATOR.contains(e.code())) {
                    refused("+CME ERROR: " + e.code() + " to ATD (network rejected the call)", now);
                    end(CallResult.FAILED, now, false);
                } else {
                    Logger.info("call failed: the modem refused ATD with {}", result.kind());
                    end(CallResult.FAILED, now, false);
                }
            }
            case LIST_CALLS -> {
                if (reply.command() != pollCommand) {
                    return;
                }
                pollCommand = null;
                nextPoll = now.plus(settings.callPoll());
                if (result instanceof AtLine.Ok) {
                    listed(reply, now);
                }
            }
            case HANG_UP -> {
                if (!(result instanceof AtLine.Ok)) {
                    // some modems ignore ATH for voice calls whatever AT+CVHU says
                    effects.sendFirst(AtCommand.of(AtCommand.Kind.HANG_UP_CALLS, settings.commandTimeout()));
                }
            }
            default -> { }
        }
    }

    /** A call command went unanswered. */
    void timedOut(AtCommand command, Instant now) {
        if (command == dialCommand && phase != Phase.IDLE) {
            Logger.warn("call failed: the modem did not answer ATD within {} s", settings.dialTimeout().toSeconds());
            end(CallResult.FAILED, now, true);
        } else if (command == pollCommand) {
            // asked again at once; a modem that stays silent is the session's to give up on
            pollCommand = null;
            nextPoll = now;
        }
    }

    /** A line nobody asked for. */
    void unsolicited(AtLine line, Instant now) {
        if (line instanceof AtLine.CallProgress p) {
            if (phase != Phase.IDLE) {
                progressed(p.progress(), now);
            }
        } else if (line instanceof AtLine.OperatorMessage) {
            if (phase == Phase.DIALLING || phase == Phase.ALERTING) {
                operatorMessage = true;
            }
        } else if (line instanceof AtLine.Ring && phase == Phase.IDLE) {
            // this kiosk only places calls; a call ringing in would make the next ATD fail
            Logger.info("incoming call rejected (the kiosk only places calls)");
            effects.sendFirst(AtCommand.of(AtCommand.Kind.HANG_UP, settings.commandTimeout()));
        }
    }

    /** The time is {@code now}: polls, and the ring and talk limits. */
    void tick(Instant now) {
        if (phase == Phase.IDLE) {
            return;
        }
        if (phase != Phase.ACTIVE && !now.isBefore(ringDeadline)) {
            Logger.info("call not answered within {} s: hanging up", settings.dialTimeout().toSeconds());
            end(phase == Phase.ALERTING ? CallResult.NO_ANSWER : CallResult.FAILED, now, true);
            return;
        }
        if (phase == Phase.ACTIVE && !now.isBefore(answeredAt.plus(talkLimit))) {
            Logger.debug("call reached its talk limit of {} s: hanging up", talkLimit.toSeconds());
            end(CallResult.ANSWERED, now, true);
            return;
        }
        if (pollCommand == null && !now.isBefore(nextPoll)) {
            pollCommand = AtCommand.of(AtCommand.Kind.LIST_CALLS, settings.commandTimeout());
            effects.send(pollCommand);
        }
    }

    /**
     * The modem is being set up: a call it has that is not one in progress here is left over (from
     * before this program started, or lost track of when the modem stopped answering) and is hung up.
     * A call in progress is left alone: a restarted modem has dropped it already, and the polls will
     * tell.
     */
    void clearLeftoverCalls() {
        if (phase == Phase.IDLE) {
            effects.send(AtCommand.of(AtCommand.Kind.HANG_UP, settings.commandTimeout()));
        }
    }

    /** The modem is being probed again: a call in progress is lost. */
    void modemLost(Instant now) {
        if (phase != Phase.IDLE) {
            end(CallResult.FAILED, now, false);
        }
    }

    /** When {@link #tick} has something to do next, if anything. */
    Optional<Instant> deadline() {
        if (phase == Phase.IDLE) {
            return Optional.empty();
        }
        Instant limit = phase == Phase.ACTIVE ? answeredAt.plus(talkLimit) : ringDeadline;
        if (pollCommand == null && nextPoll.isBefore(limit)) {
            return Optional.of(nextPoll);
        }
        return Optional.of(limit);
    }

    private void listed(Reply reply, Instant now) {
        AtLine.CurrentCall ours = null;
        for (AtLine line : reply.information()) {
            if (line instanceof AtLine.CurrentCall c && c.outgoing() && c.voice()
                    && (ours == null || c.index() < ours.index())) {
                ours = c;
            }
        }
        if (ours == null) {
            if (dialAcknowledged) {
                // gone from the list without a word: ended by the far end or the network
                end(phase == Phase.ACTIVE ? CallResult.ANSWERED : CallResult.FAILED, now, false);
            }
            return;
        }
        switch (ours.stat()) {
            case 0, 1 -> answered(now);
            case 3 -> alerting(now);
            default -> { }
        }
    }

    private void alerting(Instant now) {
        if (phase == Phase.DIALLING) {
            phase = Phase.ALERTING;
            connected();
            effects.event(new CallEvent.Alerting(now));
        }
    }

    private void answered(Instant now) {
        if (phase == Phase.DIALLING || phase == Phase.ALERTING) {
            phase = Phase.ACTIVE;
            answeredAt = now;
            connected();
            effects.event(new CallEvent.Answered(now));
        }
    }

    private void connected() {
        if (!emergency) {
            effects.callConnected();
        }
    }

    /** The operator refused the call: the health hears why, the listener that it was so, before its end. */
    private void refused(String evidence, Instant now) {
        effects.creditRefused(evidence);
        effects.event(new CallEvent.Refused(now));
    }

    private void progressed(AtLine.Progress progress, Instant now) {
        if (phase == Phase.ACTIVE) {
            end(CallResult.ANSWERED, now, false);
            return;
        }
        CallResult result = switch (progress) {
            case BUSY -> CallResult.BUSY;
            case NO_ANSWER -> CallResult.NO_ANSWER;
            case NO_CARRIER, NO_DIALTONE -> CallResult.FAILED;
        };
        end(result, now, false);
    }

    private void end(CallResult result, Instant now, boolean hangUp) {
        if (result == CallResult.FAILED && operatorMessage) {
            refused("an operator message, then the call failed before it was answered", now);
        }
        Duration talked = phase == Phase.ACTIVE ? Duration.between(answeredAt, now) : Duration.ZERO;
        phase = Phase.IDLE;
        dialCommand = null;
        pollCommand = null;
        operatorMessage = false;
        if (hangUp) {
            effects.sendFirst(AtCommand.of(AtCommand.Kind.HANG_UP, settings.commandTimeout()));
        }
        Logger.debug("call ended: {} after {} s of talk", result.wire(), talked.toSeconds());
        effects.event(new CallEvent.Ended(result, talked, now));
    }
}
