package io.waypoint.sim.site;

import io.waypoint.sim.serial.modem.FarEnd;
import io.waypoint.sim.serial.modem.ModemBehaviour;
import io.waypoint.sim.world.kiosk.CallOutcome;
import io.waypoint.sim.world.kiosk.GsmState;
import java.time.Duration;

/**
 * The kiosk world's mobile network as the site's simulated modem shows it: the world's
 * {@link GsmState} becomes the modem's {@link ModemBehaviour}, and the world's {@link CallOutcome}
 * of a call becomes the modem's {@link FarEnd}. A modem's line runs on wall time while the world runs
 * {@code speed} times faster, so the world's durations (rings, talk) are divided by the speed; but
 * an answered call stays up at least {@link #SHORTEST_CALL_ON_THE_LINE} of line time (or its whole
 * world length if shorter), because a modem driver learns that a call was answered only by asking
 * ({@code AT+CLCC} every 2 s of line time): a call over before the next question looks unanswered.
 */
final class MobileNetwork {
    /** Share of the modem's lines preceded by noise while the world says it garbles. */
    static final double GARBAGE_NOISE = 0.5;
    /** When a placed call starts ringing, world time. */
    static final Duration ALERTS_AFTER = Duration.ofSeconds(2);
    /** When a busy number says so, world time. */
    static final Duration BUSY_AFTER = Duration.ofSeconds(3);
    /** The least line time an answered call stays up, unless the world's call is shorter. */
    static final Duration SHORTEST_CALL_ON_THE_LINE = Duration.ofSeconds(6);
    /** When a call the network cannot carry ends with NO CARRIER, world time. */
    static final Duration FAILS_AFTER = Duration.ofSeconds(2);

    private MobileNetwork() {}

    /** A healthy modem (credit refused by the operator's message) showing {@code gsm}. */
    static ModemBehaviour modem(GsmState gsm, double speed) {
        ModemBehaviour healthy = ModemBehaviour.normal().withAlertAfter(onTheLine(ALERTS_AFTER, speed))
                .withCredit(true, ModemBehaviour.Refusal.OPERATOR_MESSAGE);
        return follow(healthy, gsm);
    }

    /** {@code modem} showing {@code gsm}: signal, registration, credit, and a silent or garbling modem. */
    static ModemBehaviour follow(ModemBehaviour modem, GsmState gsm) {
        return modem.withCsq(gsm.signalCsq())
                .withRegistration(registration(gsm))
                .withCredit(gsm.credit(), modem.refusal())
                .withSilent(gsm.modem() == io.waypoint.sim.world.kiosk.ModemBehaviour.SILENT)
                .withNoise(gsm.modem() == io.waypoint.sim.world.kiosk.ModemBehaviour.GARBAGE ? GARBAGE_NOISE : 0);
    }

    /**
     * What the far end does with a call the world decided as {@code outcome}: answered calls ring,
     * then the far end hangs up after the talk (the kiosk may hang up first, at its limit); a dropped
     * call is answered and then lost ({@code NO CARRIER}); busy and unanswered calls say so; a call
     * the network cannot carry, or that should never have been dialled, ends at once with
     * {@code NO CARRIER}. (Refusals for no credit or no registration come from the modem itself.)
     */
    static FarEnd farEnd(CallOutcome outcome, double speed) {
        if (outcome instanceof CallOutcome.Answered a) {
            return FarEnd.answersAndHangsUp(onTheLine(a.ringing(), speed), talkOnTheLine(a.talk(), speed));
        }
        if (outcome instanceof CallOutcome.Dropped d) {
            return FarEnd.answersAndHangsUp(onTheLine(d.ringing(), speed), talkOnTheLine(d.after(), speed));
        }
        if (outcome instanceof CallOutcome.Busy) {
            return new FarEnd.Busy(onTheLine(BUSY_AFTER, speed));
        }
        if (outcome instanceof CallOutcome.NoAnswer n) {
            return new FarEnd.NoAnswer(onTheLine(n.ringing(), speed));
        }
        return new FarEnd.Drops(onTheLine(FAILS_AFTER, speed));
    }

    /** A world duration as line (wall) time. */
    static Duration onTheLine(Duration world, double speed) {
        return Duration.ofNanos(Math.round(world.toNanos() / speed));
    }

    /** How long an answered call stays up on the line: see {@link #SHORTEST_CALL_ON_THE_LINE}. */
    private static Duration talkOnTheLine(Duration world, double speed) {
        Duration scaled = onTheLine(world, speed);
        Duration least = world.compareTo(SHORTEST_CALL_ON_THE_LINE) < 0 ? world : SHORTEST_CALL_ON_THE_LINE;
        return scaled.compareTo(least) < 0 ? least : scaled;
    }

    private static ModemBehaviour.Registration registration(GsmState gsm) {
        return switch (gsm.registration()) {
            case HOME -> ModemBehaviour.Registration.HOME;
            case ROAMING -> ModemBehaviour.Registration.ROAMING;
            case SEARCHING -> ModemBehaviour.Registration.SEARCHING;
            case DENIED -> ModemBehaviour.Registration.DENIED;
            case NONE -> ModemBehaviour.Registration.NONE;
        };
    }
}
