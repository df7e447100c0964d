package io.waypoint.kiosk.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How the charging ports behave. Currents are in amperes, read per port (an INA219 with an 8 mΩ
 * shunt resolves about 1 mA, enough to tell a full phone from a charging one).
 *
 * @param ports            how many ports, numbered 1 to {@code ports} as on their labels (1–64)
 * @param startOnPlug      false (the default): a turn starts only when the port's button is pressed,
 *                         one turn per press. True: a free port is kept powered and a phone drawing
 *                         more than {@code plugAbove} starts a turn by itself; a phone left plugged
 *                         in then gets a new turn whenever its port frees, so this is less fair
 * @param timeLimit        the length of a turn (60 min: a solar kiosk charges about one phone an hour per port)
 * @param plugAbove        a free powered port drawing more than this has a phone plugged in
 * @param fullBelow        a phone whose smoothed current stays below this for {@code fullFor} is full
 * @param fullFor          how long the low current must last
 * @param unpluggedBelow   a port drawing less than this for {@code unpluggedFor} has no phone on it
 * @param unpluggedFor     how long, so that a charger IC pausing for a reading or two is not taken for an unplug
 * @param plugGrace        after a press, how long the person has to plug the phone in before an empty port ends the turn
 * @param overCurrentAbove a current above this for {@code overCurrentFor} is a fault: the relay opens at once
 * @param overCurrentFor   how long the over-current must last (a plug-in inrush is shorter)
 * @param shortAbove       a single reading above this is a short circuit: the relay opens at once
 * @param doneTimeout      how long a finished port waits for its phone to be collected before it frees
 * @param smoothing        the time constant of the average that judges "full", so noise does not end a turn early or late
 */
public record ChargingSettings(int ports, boolean startOnPlug, Duration timeLimit, double plugAbove,
                               double fullBelow, Duration fullFor, double unpluggedBelow, Duration unpluggedFor,
                               Duration plugGrace, double overCurrentAbove, Duration overCurrentFor, double shortAbove,
                               Duration doneTimeout, Duration smoothing) {

    /**
     * @throws IllegalArgumentException for a port count outside 1–64, a duration that is not
     *         positive, or currents not rising as 0 &lt; unpluggedBelow &lt; fullBelow &le; plugAbove
     *         &lt; overCurrentAbove &lt; shortAbove
     */
    public ChargingSettings {
        if (ports < 1 || ports > 64) {
            throw new IllegalArgumentException("ports must be 1 to 64, was " + ports);
        }
        for (Duration d : new Duration[] {timeLimit, fullFor, unpluggedFor, plugGrace, overCurrentFor, doneTimeout,
                smoothing}) {
            Objects.requireNonNull(d, "a charging duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("charging durations must be positive, was " + d);
            }
        }
        if (!(0 < unpluggedBelow && unpluggedBelow < fullBelow && fullBelow <= plugAbove && plugAbove < overCurrentAbove
                && overCurrentAbove < shortAbove)) {
            throw new IllegalArgumentException("charging currents must rise in this order: 0 < unplugged "
                    + unpluggedBelow + " < full " + fullBelow + " <= plugged " + plugAbove + " < over-current "
                    + overCurrentAbove + " < short " + shortAbove);
        }
    }

    /**
     * Eight ports started by their buttons; 60-minute turns; full below 50 mA (smoothed over 30 s)
     * for 3 min; unplugged below 10 mA for 10 s, with 60 s to plug in after a press; over-current
     * above 2.4 A (the most a USB charging port gives) for 2 s, a short above 4 A at once; a
     * finished phone waits 10 min to be collected; in plug mode, a phone is seen above 80 mA.
     */
    public static ChargingSettings defaults() {
        return new ChargingSettings(8, false, Duration.ofMinutes(60), 0.08, 0.05, Duration.ofMinutes(3), 0.01,
                Duration.ofSeconds(10), Duration.ofSeconds(60), 2.4, Duration.ofSeconds(2), 4.0, Duration.ofMinutes(10),
                Duration.ofSeconds(30));
    }

    /** These settings with {@code ports} ports. */
    public ChargingSettings withPorts(int ports) {
        return new ChargingSettings(ports, startOnPlug, timeLimit, plugAbove, fullBelow, fullFor, unpluggedBelow,
                unpluggedFor, plugGrace, overCurrentAbove, overCurrentFor, shortAbove, doneTimeout, smoothing);
    }

    /** These settings with turns started by plugging a phone in ({@code true}) or by the button only. */
    public ChargingSettings withStartOnPlug(boolean startOnPlug) {
        return new ChargingSettings(ports, startOnPlug, timeLimit, plugAbove, fullBelow, fullFor, unpluggedBelow,
                unpluggedFor, plugGrace, overCurrentAbove, overCurrentFor, shortAbove, doneTimeout, smoothing);
    }

    /** These settings with turns of {@code timeLimit}. */
    public ChargingSettings withTimeLimit(Duration timeLimit) {
        return new ChargingSettings(ports, startOnPlug, timeLimit, plugAbove, fullBelow, fullFor, unpluggedBelow,
                unpluggedFor, plugGrace, overCurrentAbove, overCurrentFor, shortAbove, doneTimeout, smoothing);
    }
}
