package io.waypoint.drivers.modem;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.drivers.serial.SerialLinkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * A GSM modem (SIM800, SIM7600 and the like) driven with AT commands over a {@link SerialLink}: it
 * places one voice call at a time and keeps an eye on the SIM, the signal and the network.
 *
 * <p>Once started it probes the modem with {@code AT}, sets it up (no echo, numeric errors, ATH hangs
 * up voice, OK on dialling, any old call hung up), then asks for SIM, signal and registration every
 * {@link ModemSettings#healthPoll()} and reports a {@link ModemStatus} whenever it changes. A modem that
 * leaves {@link ModemSettings#timeoutsBeforeReprobe()} commands in a row unanswered is reported
 * {@link ModemFault#NOT_RESPONDING} and probed every {@link ModemSettings#probeInterval()} until it
 * answers, then set up again.
 *
 * <p>A call: {@link #dial} gives {@link CallEvent.Dialling}, then possibly {@link CallEvent.Alerting} and
 * {@link CallEvent.Answered}, and always one {@link CallEvent.Ended}, to the listener.
 *
 * <p><b>Privacy.</b> The dialled number exists only in the ATD command written to the port. It is in no
 * event, log line or exception; lines the modem sends that carry numbers ({@code +CLCC}, {@code +CLIP},
 * {@code MISSED_CALL}...) are recognised by their prefix and the number is never decoded; logs name the
 * kind of line, never the line. The IMEI, IMSI and ICCID are never asked for.
 *
 * <p>Two threads: one reads the port and cuts lines (as bytes: noise and non-UTF-8 cost a line, never
 * the reader), one runs the {@link ModemSession} and calls the listener. Time comes from the link's
 * clock. Thread-safe. The link belongs to the caller, who closes it after {@link #close()}.
 */
public final class AtModem implements AutoCloseable {
    private static final Duration IDLE_WAIT = Duration.ofMinutes(1);
    private static final Duration READ_WAIT = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /** What the session thread is given to do. */
    private sealed interface Input {
        record Line(byte[] bytes, Instant at) implements Input {
        }

        record Dial(String number, Duration talkLimit, boolean emergency) implements Input {
            @Override
            public String toString() {
                return "Dial[number hidden, talkLimit=" + talkLimit + ", emergency=" + emergency + "]";
            }
        }

        record Sms(SmsSender.Job job) implements Input {
        }

        record HangUp() implements Input {
        }

        record LinkLost(String why) implements Input {
        }

        record Stop() implements Input {
        }
    }

    private final SerialLink link;
    private final Clock clock;
    private final ModemListener listener;
    private final ModemSettings settings;
    private final ModemSession session;
    private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
    private final AtomicBoolean callInProgress = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once the worker has stopped: until then it may be waiting for the reply to close()'s hang-up. */
    private volatile boolean readerStop;
    private final Thread reader;
    private final Thread worker;
    private volatile ModemStatus status = ModemStatus.UNKNOWN;

    private AtModem(SerialLink link, ModemSettings settings, ModemListener listener) {
        this.link = link;
        this.clock = link.clock();
        this.listener = listener;
        this.settings = settings;
        this.session = new ModemSession(settings);
        this.reader = new Thread(this::readLoop, "modem-rx " + link.port());
        this.worker = new Thread(this::sessionLoop, "modem " + link.port());
        reader.setDaemon(true);
        worker.setDaemon(true);
    }

    /**
     * Starts talking to the modem on {@code link} (opened at the modem's baud rate, typically 115200).
     * Returns at once; the first {@link ModemListener#status} follows when the modem is set up, or when
     * it does not answer.
     */
    public static AtModem start(SerialLink link, ModemSettings settings, ModemListener listener) {
        AtModem modem = new AtModem(Objects.requireNonNull(link, "link"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(listener, "listener"));
        modem.worker.start();
        modem.reader.start();
        return modem;
    }

    /** Places an ordinary call: {@link #dial(String, Duration, boolean)} with {@code emergency} false. */
    public void dial(String number, Duration talkLimit) {
        dial(number, talkLimit, false);
    }

    /**
     * Places a voice call to {@code number}, hung up after {@code talkLimit} of talking (the kiosk's
     * three minutes) if nobody hangs up first. Events follow on the listener. A modem that does not
     * answer ({@link ModemFault#NOT_RESPONDING}, or not probed yet) gives {@link CallResult#FAILED} at
     * once; any other fault is left to the modem and the network to refuse, since emergency numbers go
     * through without SIM, credit or a home network.
     *
     * <p>An ordinary call that gets through (rings or is answered) ends {@link ModemFault#NO_CREDIT}; one
     * the operator refuses gives {@link CallEvent.Refused} and starts or keeps it. An emergency call
     * does neither way: it goes through without credit, so it proves nothing about it.
     *
     * @param number    digits with an optional leading {@code +}, already checked by the caller; checked
     *                  again here, since {@code *} and {@code #} would run network codes
     * @param emergency whether {@code number} is an emergency number (the caller's list: 112, 911, ...)
     * @throws IllegalArgumentException the number holds anything else (the message does not repeat it)
     * @throws IllegalStateException    a call is in progress, or the modem is closed
     */
    public void dial(String number, Duration talkLimit, boolean emergency) {
        AtCommand.requireDiallable(number);
        if (talkLimit.isZero() || talkLimit.isNegative()) {
            throw new IllegalArgumentException("talkLimit must be positive, was " + talkLimit);
        }
        if (closed.get()) {
            throw new IllegalStateException("the modem on " + link.port() + " is closed");
        }
        if (!callInProgress.compareAndSet(false, true)) {
            throw new IllegalStateException("a call is in progress: hang up, or wait for it to end, before dialling");
        }
        inputs.add(new Input.Dial(number, talkLimit, emergency));
    }

    /**
     * Sends {@code text} as one SMS to {@code number} in text mode, after any SMS queued before it and
     * only while no call attempt is in progress: a person's call is never cut or delayed for it beyond
     * the modem's answer to an SMS already being sent. The result completes on the modem's thread
     * (return quickly from what it runs): {@link SmsResult.Sent}, or {@link SmsResult.Failed} when the
     * modem refuses or does not answer, or the modem is closed. Neither the number nor the text is logged.
     *
     * @param number digits with an optional leading {@code +}
     * @param text   1 to 160 characters as {@link AtCommand#requireSmsText} allows
     * @throws IllegalArgumentException the number or the text may not be sent (the message repeats neither)
     */
    public java.util.concurrent.CompletableFuture<SmsResult> sendSms(String number, String text) {
        AtCommand.requireDiallable(number);
        AtCommand.requireSmsText(text);
        java.util.concurrent.CompletableFuture<SmsResult> result = new java.util.concurrent.CompletableFuture<>();
        if (closed.get()) {
            result.complete(new SmsResult.Failed("the modem on " + link.port() + " is closed"));
            return result;
        }
        inputs.add(new Input.Sms(new SmsSender.Job(number, text, result)));
        return result;
    }

    /** Ends the call in progress from our side (the person is done); nothing if there is none. */
    public void hangUp() {
        inputs.add(new Input.HangUp());
    }

    /** Whether a call attempt is in progress: from {@link #dial} until its {@link CallEvent.Ended}. */
    public boolean callInProgress() {
        return callInProgress.get();
    }

    /** The status last reported ({@link ModemStatus#UNKNOWN} before the first). */
    public ModemStatus status() {
        return status;
    }

    /** The port the modem is on. */
    public String port() {
        return link.port();
    }

    /**
     * Hangs up a call in progress, waits (up to two command timeouts) for the modem to confirm, then
     * stops; harmless if repeated. Does not close the link.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        inputs.add(new Input.Stop());
        join(worker, settings.commandTimeout().multipliedBy(2).plus(STOP_WAIT));
        readerStop = true;
        reader.interrupt();
        join(reader, STOP_WAIT);
    }

    private static void join(Thread t, Duration patience) {
        try {
            t.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop() {
        LineFramer framer = new LineFramer();
        try {
            // not closed.get(): the replies to the hang-up close() sends arrive after it is set
            while (!readerStop) {
                Optional<SerialLink.Received> piece = link.receive(READ_WAIT);
                if (piece.isPresent()) {
                    for (byte[] line : framer.accept(piece.get().bytes())) {
                        inputs.add(new Input.Line(line, piece.get().at()));
                    }
                }
            }
        } catch (SerialLinkException e) {
            if (!closed.get()) {
                inputs.add(new Input.LinkLost(e.getMessage()));
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    private void sessionLoop() {
        perform(session.start(clock.instant()));
        // once asked to stop, the loop goes on until the hang-up close() asked for is answered
        Instant stopBy = null;
        while (true) {
            Instant now = clock.instant();
            Instant next = session.nextDeadline().orElse(now.plus(IDLE_WAIT));
            if (stopBy != null && stopBy.isBefore(next)) {
                next = stopBy;
            }
            Duration wait = Duration.between(now, next);
            Input input;
            try {
                input = wait.isNegative() || wait.isZero() ? inputs.poll()
                        : inputs.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            Instant at = clock.instant();
            if (input instanceof Input.Stop) {
                stopBy = at.plus(settings.commandTimeout().multipliedBy(2));
            }
            try {
                perform(handle(input, at));
            } catch (RuntimeException e) {
                // a bug must not stop the modem; the exception's class says enough, its text could hold a line
                Logger.error("modem on {}: {} while handling {}", link.port(), e.getClass().getName(),
                        input == null ? "the time" : input.getClass().getSimpleName());
            }
            // after a lost link the loop goes on, so that a dial still gets its events (FAILED)
            if (stopBy != null && (session.quiet() || !at.isBefore(stopBy))) {
                return;
            }
        }
    }

    private List<ModemSession.Output> handle(Input input, Instant at) {
        if (input == null) {
            return session.tick(at);
        }
        if (input instanceof Input.Line line) {
            return session.received(line.bytes(), line.at());
        }
        if (input instanceof Input.Dial dial) {
            return session.dial(dial.number(), dial.talkLimit(), dial.emergency(), at);
        }
        if (input instanceof Input.Sms sms) {
            return session.sms(sms.job(), at);
        }
        if (input instanceof Input.HangUp) {
            return session.hangUp(at);
        }
        if (input instanceof Input.Stop) {
            return session.stop(at);
        }
        if (input instanceof Input.LinkLost lost) {
            Logger.error("{}: the GSM modem is unreachable until the port is reopened", lost.why());
            return session.linkLost(lost.why(), at);
        }
        throw new IllegalStateException("unknown input " + input.getClass().getSimpleName());
    }

    private void perform(List<ModemSession.Output> outputs) {
        for (ModemSession.Output o : outputs) {
            if (o instanceof ModemSession.Output.Write w) {
                write(w.command());
            } else if (o instanceof ModemSession.Output.Call c) {
                if (c.event() instanceof CallEvent.Ended) {
                    callInProgress.set(false);
                }
                tell(() -> listener.call(c.event()));
            } else if (o instanceof ModemSession.Output.Status s) {
                ModemStatus before = status;
                status = s.status();
                if (s.status().ok()) {
                    // a signal that wanders a step is no news for a log on an SD card
                    boolean news = before == null || !before.ok() || before.network() != s.status().network();
                    if (news) {
                        Logger.info("modem on {}: {}", link.port(), s.status().describe());
                    } else {
                        Logger.debug("modem on {}: {}", link.port(), s.status().describe());
                    }
                } else {
                    Logger.warn("modem on {}: {}", link.port(), s.status().describe());
                }
                tell(() -> listener.status(s.status()));
            }
        }
    }

    private void write(AtCommand command) {
        try {
            Logger.trace("modem on {}: writing {}", link.port(), command);
            link.write(command.bytes());
        } catch (SerialLinkException e) {
            // the reader sees the same failure and reports it; the command will time out meanwhile
            Logger.debug("modem on {}: writing {} failed", link.port(), command);
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            Logger.warn("modem on {}: the listener threw {}", link.port(), e.getClass().getName());
        }
    }

    @Override
    public String toString() {
        return "GSM modem on " + link.port();
    }
}
