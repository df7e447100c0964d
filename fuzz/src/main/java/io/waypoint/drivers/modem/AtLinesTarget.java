package io.waypoint.drivers.modem;

import io.waypoint.fuzz.FuzzTarget;
import io.waypoint.fuzz.InvariantViolation;
import io.waypoint.fuzz.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * AT modem output: the fuzz input is the bytes the modem sends, delivered in pieces to the real
 * {@link LineFramer}; each line is read by {@link AtLine#parse} and sorted by a {@link CommandQueue}
 * holding a kiosk's commands (probe, SIM, signal, registration, a dial, call polls), with timeouts
 * and syncs as the session would run them. A line the parser does not know is a reject of its kind;
 * a line's {@link AtLine#kind()}, which logs show, must never hold a phone number.
 */
public final class AtLinesTarget implements FuzzTarget {
    private static final int MAX_BYTES = 4096;
    // seven digits in a row is the shortest local phone number: no log line may hold one
    private static final Pattern NUMBER_IN_LOG = Pattern.compile("[0-9]{7,}");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Override
    public String name() {
        return "modem";
    }

    @Override
    public String describe() {
        return "AT modem lines (LineFramer, AtLine.parse, CommandQueue)";
    }

    @Override
    public int maxInputBytes() {
        return MAX_BYTES;
    }

    @Override
    public List<byte[]> seeds() {
        return AtLineGenerator.seeds();
    }

    @Override
    public byte[] generate(SplittableRandom random) {
        return AtLineGenerator.lines(random);
    }

    @Override
    public List<byte[]> dictionary() {
        return List.of("\r\n", "OK", "ERROR", "+CSQ: ", "+CREG: ", "+CLCC: ", "+CPIN: ", "+CME ERROR: ", "+CMEE: ", "+CLIP: ",
                "+CUSD: ", "NO CARRIER", "RING", ",", "\"", "AT").stream().map(s -> s.getBytes(StandardCharsets.US_ASCII)).toList();
    }

    @Override
    public Outcome run(byte[] input) {
        SplittableRandom delivery = FuzzTarget.deliveryRandom(input);
        LineFramer framer = new LineFramer();
        CommandQueue queue = new CommandQueue(TIMEOUT);
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        for (AtCommand.Kind k : List.of(AtCommand.Kind.PROBE, AtCommand.Kind.SIM, AtCommand.Kind.SIGNAL,
                AtCommand.Kind.REGISTRATION)) {
            queue.add(AtCommand.of(k, TIMEOUT));
        }
        queue.add(AtCommand.dial("+50766123456", Duration.ofSeconds(90)));
        queue.add(AtCommand.of(AtCommand.Kind.LIST_CALLS, TIMEOUT));
        queue.next(now);
        String firstUnknown = null;
        String firstKnown = null;
        int lines = 0;
        int at = 0;
        while (at < input.length) {
            int n = delivery.nextInt(4) == 0 ? 1 + delivery.nextInt(Math.min(8, input.length - at)) : input.length - at;
            for (byte[] raw : framer.accept(Arrays.copyOfRange(input, at, at + n))) {
                lines++;
                InvariantViolation.check(raw.length > 0 && raw.length <= LineFramer.MAX_LINE, () -> "a line of " + raw.length + " bytes");
                AtLine line = AtLine.parse(raw);
                String kind = line.kind();
                InvariantViolation.check(!NUMBER_IN_LOG.matcher(kind).find(), () -> "a line's kind, which logs show, holds a number: " + kind);
                if (line instanceof AtLine.Unknown u) {
                    firstUnknown = firstUnknown == null ? u.what() : firstUnknown;
                } else if (firstKnown == null && !(line instanceof AtLine.Ok)) {
                    firstKnown = line.getClass().getSimpleName();
                }
                if (queue.accept(line) instanceof CommandQueue.Routed.Completed) {
                    queue.next(now);
                }
            }
            at += n;
            if (delivery.nextInt(8) == 0) {
                now = now.plus(TIMEOUT);
                queue.expire(now);
                queue.next(now);
            }
        }
        if (lines == 0) {
            return Outcome.rejected(framer.droppedLines() > 0 ? "over-long line dropped" : "no complete line");
        }
        if (firstUnknown != null) {
            return Outcome.rejected(firstUnknown);
        }
        return Outcome.accepted(firstKnown == null ? "OK" : firstKnown);
    }
}
