package io.waypoint.drivers.modbus;

import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.drivers.serial.SerialLinkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The master on a Modbus RTU line (RS-485): reads and writes registers of the slaves on one
 * {@link SerialLink}, one request at a time.
 *
 * <p>Each request waits for the line to be quiet (3.5 characters; whatever still arrives then is a
 * late reply or noise, and is thrown away), goes out, and waits up to the response timeout for its
 * reply. A reply is recognised by its address, function, length and CRC wherever it starts, so noise
 * before it does not hide it. When the line goes quiet with something that is not the reply, it is
 * counted and thrown away: a reply with a bad CRC or cut short means the slave has answered and will
 * not again, so the request is repeated at once; noise and frames from other addresses are ignored
 * and the wait goes on, since the reply may still come. An attempt without a usable reply is retried
 * up to {@link ModbusMasterSettings#retries()} times. An exception reply is not retried.
 *
 * <p>Time comes from the link's clock. Thread-safe: concurrent requests take turns. The link belongs
 * to the caller, who closes it.
 */
public final class ModbusRtuMaster {
    private static final int MAX_BUFFER = 512;

    private final SerialLink link;
    private final Clock clock;
    private final ModbusMasterSettings settings;
    private final Duration silence;
    private final Counters counters = new Counters();
    private Instant quietAfter;

    public ModbusRtuMaster(SerialLink link, ModbusMasterSettings settings) {
        this.link = Objects.requireNonNull(link, "link");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = link.clock();
        this.silence = RtuSilence.at(link.baud());
    }

    /** Function 0x03: {@code quantity} (1..125) holding registers from {@code address}, as 0..65535. */
    public int[] readHoldingRegisters(int unit, int address, int quantity) throws ModbusException {
        return registers(transact(RtuRequest.read(unit, RtuRequest.READ_HOLDING, address, quantity)));
    }

    /** Function 0x04: {@code quantity} (1..125) input registers from {@code address}, as 0..65535. */
    public int[] readInputRegisters(int unit, int address, int quantity) throws ModbusException {
        return registers(transact(RtuRequest.read(unit, RtuRequest.READ_INPUT, address, quantity)));
    }

    /** Function 0x06: writes {@code value} (0..65535) to one register; returns once the slave echoed it. */
    public void writeSingleRegister(int unit, int address, int value) throws ModbusException {
        transact(RtuRequest.writeSingle(unit, address, value));
    }

    /** Function 0x10: writes {@code values} (1..123 of 0..65535) from {@code address}. */
    public void writeMultipleRegisters(int unit, int address, int... values) throws ModbusException {
        transact(RtuRequest.writeMultiple(unit, address, values));
    }

    /** The port this master talks on. */
    public String port() {
        return link.port();
    }

    /** The line's counters so far. */
    public ModbusStats stats() {
        return counters.snapshot();
    }

    private static int[] registers(RtuReply reply) {
        return ((RtuReply.Registers) reply).values();
    }

    private synchronized RtuReply transact(RtuRequest request) throws ModbusException {
        counters.requests.incrementAndGet();
        int attempts = settings.retries() + 1;
        ReplyProblem last = ReplyProblem.NO_REPLY;
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    counters.retries.incrementAndGet();
                }
                awaitQuietLine();
                link.write(request.frame());
                Attempt result = awaitReply(request, clock.instant().plus(settings.responseTimeout()));
                if (result instanceof Attempt.Replied replied) {
                    return accept(request, replied.reply());
                }
                last = ((Attempt.Failed) result).problem();
                Logger.debug("modbus {}: attempt {} of {} for {}: {}", link.port(), attempt, attempts, request,
                        last.meaning());
            }
        } catch (SerialLinkException e) {
            throw new ModbusException(new ModbusError.LinkFailure(e.getMessage()), "Modbus unit " + request.unit()
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModbusException(new ModbusError.LinkFailure("interrupted"), "Modbus unit " + request.unit()
                    + " on " + link.port() + ": interrupted while waiting for a reply (shutting down)", e);
        }
        throw new ModbusException(new ModbusError.NoValidReply(last, attempts, settings.responseTimeout()),
                "Modbus unit " + request.unit() + " on " + link.port() + ": " + last.meaning() + " to " + request
                        + " after " + attempts + " attempts of " + settings.responseTimeout().toMillis() + " ms: "
                        + last.whatToDo() + " (address " + request.unit() + ", " + link.baud() + " baud 8N1)", null);
    }

    private RtuReply accept(RtuRequest request, RtuReply reply) throws ModbusException {
        if (reply instanceof RtuReply.Exception e) {
            counters.exceptions.incrementAndGet();
            ModbusError.ExceptionReply error = new ModbusError.ExceptionReply(request.function(), e.code());
            throw new ModbusException(error, "Modbus unit " + request.unit() + " on " + link.port() + ": exception "
                    + e.code() + " (" + error.kind().meaning() + ") to " + request + ": " + error.kind().whatToDo(), null);
        }
        counters.replies.incrementAndGet();
        return reply;
    }

    /** What one attempt got. */
    private sealed interface Attempt {
        record Replied(RtuReply reply) implements Attempt {
        }

        record Failed(ReplyProblem problem) implements Attempt {
        }
    }

    private Attempt awaitReply(RtuRequest request, Instant deadline) throws SerialLinkException, InterruptedException {
        byte[] buffer = new byte[MAX_BUFFER];
        int length = 0;
        Instant lastByte = null;
        ReplyProblem seen = ReplyProblem.NO_REPLY;
        while (true) {
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                if (length > 0) {
                    seen = discard(request, buffer, length);
                }
                counters.timeouts.incrementAndGet();
                quietAfter = lastByte == null ? null : lastByte.plus(silence);
                return new Attempt.Failed(seen);
            }
            Instant wake = lastByte == null ? deadline : earliest(deadline, lastByte.plus(silence));
            Optional<SerialLink.Received> received = link.receive(Duration.between(now, wake));
            if (received.isPresent()) {
                byte[] piece = received.get().bytes();
                if (length + piece.length > MAX_BUFFER) {
                    // far longer than any reply: keep the newest bytes, the reply would be at the end
                    int keep = Math.max(0, MAX_BUFFER - piece.length);
                    counters.discardedBytes.addAndGet(length - keep);
                    System.arraycopy(buffer, length - keep, buffer, 0, keep);
                    length = keep;
                    piece = Arrays.copyOfRange(piece, Math.max(0, piece.length - MAX_BUFFER), piece.length);
                }
                System.arraycopy(piece, 0, buffer, length, piece.length);
                length += piece.length;
                lastByte = received.get().at();
                if (RtuReplyDecoder.scan(request, buffer, length) instanceof RtuReplyDecoder.Scan.Found found) {
                    if (found.start() > 0) {
                        counters.garbage.incrementAndGet();
                    }
                    counters.discardedBytes.addAndGet(length - (found.end() - found.start()));
                    quietAfter = lastByte.plus(silence);
                    return new Attempt.Replied(found.reply());
                }
            } else if (lastByte != null && !clock.instant().isBefore(lastByte.plus(silence))) {
                // the line went quiet after bytes that are not the reply: a whole frame of something else
                seen = discard(request, buffer, length);
                length = 0;
                lastByte = null;
                if (seen == ReplyProblem.CRC || seen == ReplyProblem.TRUNCATED) {
                    quietAfter = null;
                    return new Attempt.Failed(seen);
                }
            }
        }
    }

    /** Counts what the bytes were, and throws them away. */
    private ReplyProblem discard(RtuRequest request, byte[] buffer, int length) {
        ReplyProblem problem = ((RtuReplyDecoder.Scan.NotFound) RtuReplyDecoder.scan(request, buffer, length)).problem();
        counters.discardedBytes.addAndGet(length);
        switch (problem) {
            case CRC -> counters.crcErrors.incrementAndGet();
            case WRONG_ADDRESS -> counters.wrongAddress.incrementAndGet();
            case TRUNCATED -> counters.truncated.incrementAndGet();
            case GARBAGE -> counters.garbage.incrementAndGet();
            case NO_REPLY -> { }
        }
        return problem;
    }

    /**
     * A request may go out only after 3.5 characters of silence; what arrives meanwhile (a late reply,
     * the tail of noise) belongs to nothing and is thrown away. A line that never goes quiet is given
     * up on after one response timeout: the request goes out anyway and its reply is looked for.
     */
    private void awaitQuietLine() throws SerialLinkException, InterruptedException {
        Instant giveUp = clock.instant().plus(settings.responseTimeout());
        while (true) {
            Instant now = clock.instant();
            Duration wait = quietAfter == null || !now.isBefore(quietAfter) ? Duration.ZERO
                    : Duration.between(now, quietAfter);
            Optional<SerialLink.Received> stale = link.receive(wait);
            if (stale.isPresent()) {
                counters.discardedBytes.addAndGet(stale.get().length());
                quietAfter = stale.get().at().plus(silence);
                if (!clock.instant().isBefore(giveUp)) {
                    return;
                }
            } else if (quietAfter == null || !clock.instant().isBefore(quietAfter)) {
                return;
            }
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong replies = new AtomicLong();
        final AtomicLong exceptions = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong crcErrors = new AtomicLong();
        final AtomicLong wrongAddress = new AtomicLong();
        final AtomicLong truncated = new AtomicLong();
        final AtomicLong garbage = new AtomicLong();
        final AtomicLong discardedBytes = new AtomicLong();

        ModbusStats snapshot() {
            return new ModbusStats(requests.get(), replies.get(), exceptions.get(), retries.get(), timeouts.get(),
                    crcErrors.get(), wrongAddress.get(), truncated.get(), garbage.get(), discardedBytes.get());
        }
    }

    @Override
    public String toString() {
        return "Modbus RTU master on " + link.port() + " at " + link.baud() + " baud";
    }
}
