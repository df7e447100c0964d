package io.waypoint.fuzz;

import io.waypoint.drivers.serial.SerialLink;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A serial line whose far end answers requests with the fuzz input: after each request it sends the
 * part of the input its {@link Answer} says is the answer to that request (the rest waits for the
 * next request), in pieces and with pauses chosen from the input itself (so one input is always
 * delivered the same way), at the line's speed, on a {@link SteppedClock}. Every receive costs a
 * microsecond of line time, as a real call does, so a driver's loop always moves its clock on.
 */
public final class ScriptedSerialLink implements SerialLink {
    private static final Duration CALL_COST = Duration.ofNanos(1_000);

    /** How the far end answers. */
    @FunctionalInterface
    public interface Answer {
        /**
         * Where the answer to {@code request} ends in {@code input}, from {@code from}: at most
         * {@code input.length}.
         */
        int end(byte[] request, byte[] input, int from, SplittableRandom delivery);

        /** A far end that sends everything it has after the first request. */
        Answer EVERYTHING = (request, input, from, delivery) -> input.length;
    }

    private final byte[] reply;
    private final int baud;
    private final SteppedClock clock;
    private final SplittableRandom delivery;
    private final Duration longPause;
    private final Answer answer;
    private int position;
    private int answerEnd;
    private Duration silenceBeforeNext;
    private long writes;

    /**
     * @param longPause a pause that ends a frame for the driver, sometimes put between pieces
     */
    public ScriptedSerialLink(byte[] reply, int baud, Duration longPause, Answer answer) {
        this.reply = reply.clone();
        this.answer = answer;
        this.baud = baud;
        this.longPause = longPause;
        this.clock = new SteppedClock(Instant.parse("2026-11-27T12:00:00Z"));
        this.delivery = FuzzTarget.deliveryRandom(reply);
    }

    @Override
    public String port() {
        return "/dev/fuzz";
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public SteppedClock clock() {
        return clock;
    }

    @Override
    public void write(byte[] bytes) {
        writes++;
        // what is left of the last answer still comes; the answer to this request after it
        answerEnd = Math.max(answerEnd, Math.min(reply.length, answer.end(bytes, reply, answerEnd, delivery)));
        clock.advance(byteTime(bytes.length));
    }

    /** How many requests the driver sent. */
    public long writes() {
        return writes;
    }

    @Override
    public Optional<Received> receive(Duration maxWait) {
        clock.advance(CALL_COST);
        if (position >= answerEnd) {
            clock.advance(maxWait);
            return Optional.empty();
        }
        if (silenceBeforeNext == null) {
            silenceBeforeNext = nextSilence();
        }
        if (silenceBeforeNext.compareTo(maxWait) > 0) {
            clock.advance(maxWait);
            silenceBeforeNext = silenceBeforeNext.minus(maxWait);
            return Optional.empty();
        }
        clock.advance(silenceBeforeNext);
        silenceBeforeNext = null;
        int remaining = answerEnd - position;
        int dice = delivery.nextInt(10);
        int n = dice < 6 ? remaining : dice < 9 ? 1 + delivery.nextInt(Math.min(16, remaining)) : 1;
        byte[] piece = Arrays.copyOfRange(reply, position, position + n);
        position += n;
        clock.advance(byteTime(n));
        return Optional.of(new Received(piece, clock.instant()));
    }

    private Duration nextSilence() {
        int dice = delivery.nextInt(20);
        if (dice < 14) {
            return Duration.ZERO;
        }
        if (dice < 18) {
            return Duration.ofNanos(delivery.nextLong(longPause.toNanos()));
        }
        return dice == 18 ? longPause : longPause.multipliedBy(100);
    }

    private Duration byteTime(int bytes) {
        return Duration.ofNanos(bytes * 10L * 1_000_000_000L / baud);
    }

    @Override
    public long droppedBytes() {
        return 0;
    }

    @Override
    public void close() {
    }
}
