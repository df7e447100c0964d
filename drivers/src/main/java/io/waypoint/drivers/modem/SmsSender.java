package io.waypoint.drivers.modem;

import io.waypoint.drivers.modem.CommandQueue.Reply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Text-mode SMS, one at a time, as pure logic: {@code AT+CMGF=1}, then {@code AT+CMGS="<number>"},
 * the text and Ctrl-Z at the {@code >} prompt, and {@code +CMGS: <ref>} with OK, or an error.
 *
 * <p>The modem is the free phone's too, and a person's call comes first: an SMS waits while a call
 * attempt is in progress and begins only when the line is idle; one that is between its two commands
 * when a call is dialled goes back to the head of the queue. A call dialled while an SMS is being
 * sent waits for the modem's answer to it (seconds), as any command does. Text mode is set before
 * every SMS, since a modem that restarted has forgotten it.
 *
 * <p>The number lives only in the {@code AT+CMGS} command's bytes; the text only in its body's.
 */
final class SmsSender {
    /** How long {@code AT+CMGS} and the text may take to be answered: the network's round trip (SIM800: up to 60 s). */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    /** An SMS waiting or being sent. */
    record Job(String number, String text, CompletableFuture<SmsResult> result) {
        @Override
        public String toString() {
            return "Job[number and text hidden]";
        }
    }

    private enum Phase { TEXT_MODE, SENDING }

    private final Duration commandTimeout;
    private final Duration sendTimeout;
    private final Consumer<AtCommand> send;
    private final Consumer<AtCommand> write;
    private final Deque<Job> waiting = new ArrayDeque<>();
    private Job current;
    private Phase phase;

    /**
     * @param send  queues a command for the modem
     * @param write writes bytes at once, outside the queue (the text at the prompt, ESC)
     */
    SmsSender(Duration commandTimeout, Duration sendTimeout, Consumer<AtCommand> send, Consumer<AtCommand> write) {
        this.commandTimeout = commandTimeout;
        this.sendTimeout = sendTimeout;
        this.send = send;
        this.write = write;
    }

    /** Queues an SMS; checked here, so a bad one fails the caller rather than the modem thread. */
    void add(Job job) {
        AtCommand.requireDiallable(job.number());
        AtCommand.requireSmsText(job.text());
        waiting.add(job);
    }

    /** Begins the next SMS if the modem answers, no call is in progress and none is being sent. */
    void tick(boolean modemAnswering, boolean callInProgress) {
        if (current != null || waiting.isEmpty() || !modemAnswering || callInProgress) {
            return;
        }
        current = waiting.poll();
        phase = Phase.TEXT_MODE;
        send.accept(AtCommand.of(AtCommand.Kind.TEXT_MODE, commandTimeout));
    }

    /** Whether {@code c} is one of ours. */
    static boolean owns(AtCommand c) {
        return c.kind() == AtCommand.Kind.TEXT_MODE || c.kind() == AtCommand.Kind.SEND_SMS;
    }

    /** The modem answered one of our commands. */
    void replied(Reply reply, boolean callInProgress) {
        if (current == null) {
            return;
        }
        boolean ok = reply.result() instanceof AtLine.Ok;
        if (reply.command().kind() == AtCommand.Kind.TEXT_MODE && phase == Phase.TEXT_MODE) {
            if (!ok) {
                finish(new SmsResult.Failed("the modem refused text mode (AT+CMGF=1: " + reply.result().kind() + ")"));
            } else if (callInProgress) {
                // a call was dialled meanwhile: it goes first, this SMS starts again when the line is idle
                waiting.addFirst(current);
                current = null;
            } else {
                phase = Phase.SENDING;
                send.accept(AtCommand.sms(current.number(), sendTimeout));
            }
        } else if (reply.command().kind() == AtCommand.Kind.SEND_SMS && phase == Phase.SENDING) {
            if (ok) {
                int ref = reply.information().stream().filter(AtLine.SmsReference.class::isInstance)
                        .map(l -> ((AtLine.SmsReference) l).reference()).findFirst().orElse(-1);
                finish(new SmsResult.Sent(ref));
            } else {
                finish(new SmsResult.Failed("the modem answered " + reply.result().kind() + " to AT+CMGS"));
            }
        }
    }

    /** The modem asked for the text of the SMS in flight. */
    void prompted() {
        if (current != null && phase == Phase.SENDING) {
            write.accept(AtCommand.smsBody(current.text()));
        }
    }

    /** One of our commands was not answered in time. */
    void timedOut(AtCommand command) {
        if (current == null) {
            return;
        }
        if (command.kind() == AtCommand.Kind.SEND_SMS) {
            // the modem may still sit at its prompt and would take the next command for the text
            write.accept(AtCommand.smsCancel());
        }
        finish(new SmsResult.Failed("the modem did not answer " + command + " in time"));
    }

    /** The modem stopped answering or was reset: the SMS in flight failed; those waiting wait on. */
    void modemLost(String why) {
        if (current != null) {
            finish(new SmsResult.Failed("the modem stopped answering (" + why + ")"));
        }
    }

    /** Nothing more will be sent: every SMS fails. */
    void abandon(String why) {
        modemLost(why);
        for (Job j; (j = waiting.poll()) != null; ) {
            j.result().complete(new SmsResult.Failed(why));
        }
    }

    /** SMS waiting or being sent. */
    int pending() {
        return waiting.size() + (current == null ? 0 : 1);
    }

    private void finish(SmsResult result) {
        Job j = current;
        current = null;
        phase = null;
        j.result().complete(result);
    }
}
