package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the free phone behaves.
 *
 * @param dialRules       what may be dialled, and the emergency numbers
 * @param talkLimit       how long an answered ordinary call may last (emergency calls have no limit)
 * @param warnBefore      how long before the limit the person is warned
 * @param attemptsPerTurn how many ordinary calls a turn may place; a call that does not connect does
 *                        not end the turn, so the person may try again until these are used up
 * @param dialWithin      how long a turn waits for a number (after the button, a failed attempt or a
 *                        refused number) before it ends
 * @param answerWithin    how long a placed call may ring before the kiosk hangs up as "no answer"
 *                        (ModemManager allows 90 s for ATD)
 * @param creditRetry     how long after the operator last refused a call for credit an ordinary call
 *                        is tried again (the SIM may have been topped up meanwhile, usually remotely)
 */
public record CallSettings(DialRules dialRules, Duration talkLimit, Duration warnBefore, int attemptsPerTurn,
                           Duration dialWithin, Duration answerWithin, Duration creditRetry) {

    /** @throws IllegalArgumentException for a non-positive duration or attempt count, or a warning not before the limit */
    public CallSettings {
        Objects.requireNonNull(dialRules, "dialRules");
        for (Duration d : new Duration[] {talkLimit, warnBefore, dialWithin, answerWithin, creditRetry}) {
            Objects.requireNonNull(d, "a call duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("call durations must be positive, was " + d);
            }
        }
        if (warnBefore.compareTo(talkLimit) >= 0) {
            throw new IllegalArgumentException("the warning " + warnBefore + " must come before the limit " + talkLimit);
        }
        if (attemptsPerTurn < 1) {
            throw new IllegalArgumentException("a turn needs at least one attempt, was " + attemptsPerTurn);
        }
    }

    /**
     * The Red Cross family-links call: three minutes, warned 30 s before the end; three attempts a
     * turn (about 40 % of attempts do not connect, so three fail together about 6 % of the time);
     * two minutes to dial; 90 s to answer; {@link DialRules#defaults()}; an ordinary call tried again
     * 10 min after the operator last refused one for credit. Why 10 min: a refused trial costs the
     * person a few seconds and not their attempt, and the operator nothing, while every minute the
     * kiosk goes on refusing after staff topped up the SIM denies people their call; callers queue 10
     * to 30 min for the handset, so one who found the phone "emergency only" may still be there when it
     * is tried again; and at most six refusals an hour are no burden on the modem or the log.
     */
    public static CallSettings defaults() {
        return new CallSettings(DialRules.defaults(), Duration.ofMinutes(3), Duration.ofSeconds(30), 3,
                Duration.ofMinutes(2), Duration.ofSeconds(90), Duration.ofMinutes(10));
    }

    /** These settings with other dial rules. */
    public CallSettings withDialRules(DialRules rules) {
        return new CallSettings(rules, talkLimit, warnBefore, attemptsPerTurn, dialWithin, answerWithin, creditRetry);
    }
}
