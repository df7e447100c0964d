package io.waypoint.drivers.modem;

import io.waypoint.drivers.modem.CommandQueue.Reply;
import io.waypoint.drivers.modem.CommandQueue.Routed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tinylog.Logger;

/**
 * The whole conversation with one modem as pure logic: lines, requests and the time go in, commands to
 * write, call events and status changes come out. It sorts lines through the {@link CommandQueue},
 * gives replies to whoever asked ({@link ModemHealth} or {@link CallStateMachine}), and counts
 * timeouts: after {@link ModemSettings#timeoutsBeforeReprobe()} in a row, or
 * {@link ModemSettings#timeoutsBeforeCallFails()} during a call, every command is dropped, a call in
 * progress ends as failed and the modem is probed again. {@link AtModem} runs it on a thread against a serial port.
 *
 * <p>Logs say what kind of line came ({@link AtLine#kind()}), never the line.
 */
final class ModemSession {

    /** Something the session wants done. */
    sealed interface Output {
        /** Write this command to the modem now. */
        record Write(AtCommand command) implements Output {
        }

        /** Tell the listener. */
        record Call(CallEvent event) implements Output {
        }

        /** Tell the listener: the status changed. */
        record Status(ModemStatus status) implements Output {
        }
    }

    private final ModemSettings settings;
    private final CommandQueue queue;
    private final ModemHealth health;
    private final CallStateMachine call;
    private final SmsSender sms;
    private final List<Output> outputs = new ArrayList<>();
    private int timeoutsInARow;
    private boolean stopping;
    private String silentEvidence;
    private ModemStatus status;

    ModemSession(ModemSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queue = new CommandQueue(settings.commandTimeout());
        this.call = new CallStateMachine(settings, new CallStateMachine.Effects() {
            @Override
            public void send(AtCommand command) {
                queue.add(command);
            }

            @Override
            public void sendFirst(AtCommand command) {
                queue.addFirst(command);
            }

            @Override
            public void event(CallEvent event) {
                outputs.add(new Output.Call(event));
            }

            @Override
            public void creditRefused(String evidence) {
                health.creditRefused(evidence);
            }

            @Override
            public void callConnected() {
                health.callConnected();
            }
        });
        this.health = new ModemHealth(settings, queue::add, call::clearLeftoverCalls);
        this.sms = new SmsSender(settings.commandTimeout(), SmsSender.SEND_TIMEOUT, queue::add,
                c -> outputs.add(new Output.Write(c)));
    }

    /** Starts probing the modem. */
    List<Output> start(Instant now) {
        health.start();
        return settle(now);
    }

    /** One line from the modem, without its CR/LF, received at {@code at}. */
    List<Output> received(byte[] line, Instant at) {
        AtLine parsed = AtLine.parse(line);
        Routed routed = queue.accept(parsed);
        if (routed instanceof Routed.Completed c) {
            timeoutsInARow = 0;
            Reply reply = c.reply();
            Logger.trace("modem replied {} to {}", parsed.kind(), reply.command());
            if (isCallCommand(reply.command())) {
                call.replied(reply, at);
            } else if (SmsSender.owns(reply.command())) {
                sms.replied(reply, call.inProgress());
            } else {
                health.replied(reply, at);
            }
        } else if (routed instanceof Routed.Unsolicited u) {
            Logger.debug("modem says, unasked: {}", parsed.kind());
            call.unsolicited(u.line(), at);
            health.unsolicited(u.line());
        } else if (routed instanceof Routed.Prompt) {
            sms.prompted();
        } else if (routed instanceof Routed.Part) {
            Logger.trace("modem's reply line: {}", parsed.kind());
        } else if (routed instanceof Routed.Late) {
            Logger.debug("modem's late {} dropped (its command had timed out)", parsed.kind());
        }
        return settle(at);
    }

    /**
     * Places a call (after the setup, if the modem is being set up), or fails it at once if the modem
     * does not answer.
     *
     * @param emergency whether the number is an emergency number (see {@link CallStateMachine#dial})
     * @throws IllegalStateException    a call is in progress
     * @throws IllegalArgumentException the number is not diallable
     */
    List<Output> dial(String number, Duration talkLimit, boolean emergency, Instant now) {
        if (health.answering()) {
            call.dial(number, talkLimit, emergency, now);
        } else {
            AtCommand.requireDiallable(number);
            Logger.warn("call not placed: the GSM modem does not answer ({})", status().state());
            call.refuse(now);
        }
        return settle(now);
    }

    /**
     * Queues an SMS; it is sent when the modem answers and no call is in progress.
     *
     * @throws IllegalArgumentException the number or the text may not be sent (see {@link AtCommand#requireSmsText})
     */
    List<Output> sms(SmsSender.Job job, Instant now) {
        if (stopping) {
            job.result().complete(new SmsResult.Failed("the modem is closing"));
        } else {
            sms.add(job);
        }
        return settle(now);
    }

    /** Ends the call in progress, if any. */
    List<Output> hangUp(Instant now) {
        call.hangUp(now);
        return settle(now);
    }

    /**
     * Winds down: a call in progress is hung up, and nothing but hang-ups is written from now on;
     * {@link #quiet()} says when the modem has answered them.
     */
    List<Output> stop(Instant now) {
        call.hangUp(now);
        stopping = true;
        sms.abandon("the modem is closing");
        queue.retainOnly(AtCommand.Kind.HANG_UP, AtCommand.Kind.HANG_UP_CALLS);
        return settle(now);
    }

    /** The time is {@code now}: timeouts, polls, limits. */
    List<Output> tick(Instant now) {
        return settle(now);
    }

    /** The serial port is gone: a call in progress fails, and nothing more will be written. */
    List<Output> linkLost(String why, Instant now) {
        stopping = true;
        queue.clear();
        call.modemLost(now);
        sms.abandon("the serial port is gone: " + why);
        health.reprobe(why);
        // the probe reprobe() queued has nowhere to go
        queue.clear();
        return settle(now);
    }

    /** The earliest time at which {@link #tick} has something to do, if any. */
    Optional<Instant> nextDeadline() {
        Instant next = null;
        List<Optional<Instant>> deadlines = stopping ? List.of(queue.deadline())
                : List.of(queue.deadline(), health.deadline(), call.deadline());
        for (Optional<Instant> d : deadlines) {
            if (d.isPresent() && (next == null || d.get().isBefore(next))) {
                next = d.get();
            }
        }
        return Optional.ofNullable(next);
    }

    /** The status last reported, or {@link ModemStatus#UNKNOWN} before the first. */
    ModemStatus status() {
        return status == null ? ModemStatus.UNKNOWN : status;
    }

    /** Whether the modem has nothing to answer: no command in flight or waiting. */
    boolean quiet() {
        return queue.inFlight().isEmpty() && queue.isEmpty();
    }

    /** Whether a call attempt is in progress. */
    boolean callInProgress() {
        return call.inProgress();
    }

    private static boolean isCallCommand(AtCommand c) {
        return switch (c.kind()) {
            case DIAL, LIST_CALLS, HANG_UP, HANG_UP_CALLS -> true;
            default -> false;
        };
    }

    /** Runs the timeout and timers due at {@code now}, picks the next command to write, reports a new status. */
    private List<Output> settle(Instant now) {
        // one command is in flight at a time, so at most one can have timed out
        queue.expire(now).ifPresent(c -> timedOut(c, now));
        if (!stopping) {
            call.tick(now);
            health.tick(now);
            sms.tick(health.answering(), call.inProgress());
        }
        if (silentEvidence != null) {
            reprobe(now, silentEvidence);
        }
        queue.next(now).ifPresent(c -> outputs.add(new Output.Write(c)));
        health.status().filter(s -> !s.equals(status)).ifPresent(s -> {
            status = s;
            outputs.add(new Output.Status(s));
        });
        List<Output> out = List.copyOf(outputs);
        outputs.clear();
        return out;
    }

    private void timedOut(AtCommand command, Instant now) {
        timeoutsInARow++;
        Logger.debug("modem did not answer {} within {} ms ({} in a row)", command, command.timeout().toMillis(),
                timeoutsInARow);
        if (isCallCommand(command)) {
            call.timedOut(command, now);
        } else if (SmsSender.owns(command)) {
            sms.timedOut(command);
        } else {
            health.timedOut(command, now);
        }
        if (call.inProgress() && timeoutsInARow >= settings.timeoutsBeforeCallFails()) {
            silentEvidence = timeoutsInARow + " commands in a row unanswered during a call";
        } else if (timeoutsInARow >= settings.timeoutsBeforeReprobe() && command.kind() != AtCommand.Kind.PROBE) {
            silentEvidence = timeoutsInARow + " commands in a row unanswered";
        }
    }

    private void reprobe(Instant now, String evidence) {
        Logger.warn("GSM modem stopped answering ({}): probing it again", evidence);
        silentEvidence = null;
        timeoutsInARow = 0;
        queue.clear();
        call.modemLost(now);
        sms.modemLost(evidence);
        health.reprobe(evidence);
    }
}
