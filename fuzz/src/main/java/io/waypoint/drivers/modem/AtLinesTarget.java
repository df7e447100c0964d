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
 * AT modem output: the fuzz input is the bytes the modem sends, delivered to the real
 * {@link LineFramer} an answer at a time when the session has asked something (or in odd pieces);
 * each line goes to a {@link ModemSession}, the whole conversation with a modem as pure logic (the
 * {@link CommandQueue}, the modem's health, the {@link CallStateMachine}), which probes and sets up
 * the modem and places a call once it answers, with the time moving on and the session's timers run
 * as {@link AtModem} would. A line {@link AtLine#parse} does
 * not know is a reject of its kind. Checked besides: a line's {@link AtLine#kind()}, which logs
 * show, never holds a phone number, and every call attempt gives Dialling, then at most Alerting and
 * Answered, then exactly one Ended.
 */
public final class AtLinesTarget implements FuzzTarget {
    private static final int MAX_BYTES = 4096;
    // seven digits in a row is the shortest local phone number: no log line may hold one
    private static final Pattern NUMBER_IN_LOG = Pattern.compile("[0-9]{7,}");

    @Override
    public String name() {
        return "modem";
    }

    @Override
    public String describe() {
        return "AT modem lines (LineFramer, AtLine.parse, ModemSession: CommandQueue, ModemHealth, CallStateMachine)";
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
        return random.nextBoolean() ? AtLineGenerator.conversation(random) : AtLineGenerator.lines(random);
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
        ModemSession session = new ModemSession(ModemSettings.defaults());
        CallEvents calls = new CallEvents();
        Instant[] now = {Instant.parse("2026-11-27T12:00:00Z")};
        calls.check(session.start(now[0]));
        boolean dialled = false;
        String firstUnknown = null;
        String firstKnown = null;
        int lines = 0;
        int at = 0;
        while (at < input.length) {
            // the modem answers what it is asked: with nothing asked, time goes on until the session asks
            for (int wait = 0; wait < 5 && session.quiet(); wait++) {
                now[0] = session.nextDeadline().filter(d -> d.isAfter(now[0])).orElse(now[0].plusSeconds(5));
                calls.check(session.tick(now[0]));
            }
            // a person dials once the modem answers (and, on a modem that never does, part way through)
            if (!dialled && (session.status().ok() || at > input.length / 2)) {
                dialled = true;
                calls.check(session.dial("+50766123456", Duration.ofMinutes(3), false, now[0]));
            }
            int n = delivery.nextInt(4) == 0 ? 1 + delivery.nextInt(Math.min(8, input.length - at)) : nextAnswerEnd(input, at) - at;
            for (byte[] raw : framer.accept(Arrays.copyOfRange(input, at, at + n))) {
                lines++;
                InvariantViolation.check(raw.length > 0 && raw.length <= LineFramer.MAX_LINE, () -> "a line of " + raw.length + " bytes");
                AtLine line = AtLine.parse(raw);
                String kind = line.kind();
                InvariantViolation.check(!NUMBER_IN_LOG.matcher(kind).find(), () -> "a line's kind, which logs show, holds a number: "
                        + kind);
                if (line instanceof AtLine.Unknown u) {
                    firstUnknown = firstUnknown == null ? u.what() : firstUnknown;
                } else if (firstKnown == null && !(line instanceof AtLine.Ok)) {
                    firstKnown = line.getClass().getSimpleName();
                }
                now[0] = now[0].plusMillis(40);
                calls.check(session.received(raw, now[0]));
            }
            at += n;
            // the line goes quiet for a moment, now and then longer than a command may take
            now[0] = now[0].plusMillis(delivery.nextInt(8) == 0 ? 6_000 : 200);
            calls.check(session.tick(now[0]));
        }
        calls.check(session.tick(now[0].plusSeconds(120)));
        calls.check(session.linkLost("the fuzz input ended", now[0].plusSeconds(121)));
        calls.ended();
        if (lines == 0) {
            return Outcome.rejected(framer.droppedLines() > 0 ? "over-long line dropped" : "no complete line");
        }
        if (firstUnknown != null) {
            return Outcome.rejected(firstUnknown);
        }
        if (calls.result != null) {
            return Outcome.accepted("call " + calls.result.wire());
        }
        return Outcome.accepted(firstKnown == null ? "OK" : firstKnown);
    }

    /** Where the modem's next answer ends: after the next line that ends a command (or the input). */
    private static int nextAnswerEnd(byte[] input, int from) {
        int lineStart = from;
        for (int i = from; i < input.length; i++) {
            if (input[i] == '\n') {
                if (endsAnswer(input, lineStart, i)) {
                    return i + 1;
                }
                lineStart = i + 1;
            }
        }
        return input.length;
    }

    private static boolean endsAnswer(byte[] input, int from, int to) {
        String line = new String(input, from, to - from, StandardCharsets.ISO_8859_1).strip();
        return line.equals("OK") || line.equals("ERROR") || line.startsWith("+CME ERROR") || line.startsWith("+CMS ERROR")
                || line.equals("NO CARRIER") || line.equals("BUSY") || line.equals("NO ANSWER") || line.equals("NO DIALTONE");
    }

    /** The call events so far, against CallEvent's promise: Dialling, Alerting/Answered, one Ended, in that order. */
    private static final class CallEvents {
        private boolean inCall;
        private boolean answered;
        private CallResult result;

        void check(List<ModemSession.Output> outputs) {
            for (ModemSession.Output o : outputs) {
                if (!(o instanceof ModemSession.Output.Call c)) {
                    continue;
                }
                CallEvent e = c.event();
                if (e instanceof CallEvent.Dialling) {
                    InvariantViolation.check(!inCall, "a second Dialling before the first call ended");
                    inCall = true;
                    answered = false;
                } else if (e instanceof CallEvent.Ended end) {
                    InvariantViolation.check(inCall, "an Ended without a Dialling");
                    InvariantViolation.check(answered || end.talked().isZero(), () -> "talked " + end.talked() + " unanswered");
                    inCall = false;
                    result = result == null ? end.result() : result;
                } else {
                    InvariantViolation.check(inCall, () -> e + " outside a call");
                    answered |= e instanceof CallEvent.Answered;
                }
            }
        }

        void ended() {
            InvariantViolation.check(!inCall, "a call that never ended, though the modem was lost");
        }
    }
}
