package io.waypoint.sim.world.kiosk;

import java.time.Duration;

/**
 * A phone on a charging port, as a lithium-ion charger sees it: constant current up to 80 %, then
 * a taper (constant voltage) until the current falls to a tenth of the capacity, when the phone
 * stops charging and draws only its small {@code trickleMa} (a full phone draws under 20-50 mA).
 * Ports give the dedicated-charging-port signature, so a phone draws its full {@code maxMa}.
 *
 * <p>Pure: every figure is a function of {@code powered}, the time the port has been powered in
 * all since the phone was plugged in.
 *
 * @param model        what kind of phone, for people reading a log
 * @param capacityMah  its battery, mAh
 * @param maxMa        what it draws while charging below 80 %, mA at 5 V
 * @param trickleMa    what it draws when full, mA
 * @param initialLevel its charge when plugged in, 0 to 1
 */
public record Phone(String model, int capacityMah, int maxMa, int trickleMa, double initialLevel) implements PortLoad {
    /** Share of the current drawn that ends up in the battery. */
    static final double EFFICIENCY = 0.9;
    private static final double CC_LEVEL = 0.8;

    public Phone {
        if (capacityMah <= 0 || maxMa <= 0 || trickleMa < 0 || trickleMa >= maxMa) {
            throw new IllegalArgumentException("a phone needs capacity > 0 and 0 <= trickle < max current, was "
                    + capacityMah + " mAh, " + maxMa + " mA, " + trickleMa + " mA");
        }
        if (!(initialLevel >= 0 && initialLevel <= 1)) {
            throw new IllegalArgumentException("initialLevel must be 0 to 1, was " + initialLevel);
        }
    }

    @Override
    public double currentMa(Duration powered) {
        double h = hours(powered);
        if (h >= fullAfterHours()) {
            return trickleMa;
        }
        double cvStart = cvStartHours();
        return h < cvStart ? maxMa : maxMa * Math.exp(-(h - cvStart) / tauHours());
    }

    /** Its battery level after {@code powered} of power, 0 to 1 (1 once it has stopped charging). */
    public double levelAfter(Duration powered) {
        double h = hours(powered);
        if (h >= fullAfterHours()) {
            return 1;
        }
        double cvStart = cvStartHours();
        if (h < cvStart) {
            return initialLevel + h * maxMa * EFFICIENCY / capacityMah;
        }
        return CC_LEVEL + (1 - CC_LEVEL) * (1 - Math.exp(-(h - cvStart) / tauHours()));
    }

    /** The power after which it is full and draws only its trickle. */
    public Duration fullAfter() {
        return Duration.ofMillis(Math.round(fullAfterHours() * 3_600_000));
    }

    /** The current below which the phone stops charging: a tenth of its capacity, mA. */
    public double terminationMa() {
        return Math.max(trickleMa, Math.min(maxMa, capacityMah / 10.0));
    }

    /** Hours of taper in which the current falls by e: the level approaches 100 % as the current falls. */
    private double tauHours() {
        return (1 - CC_LEVEL) * capacityMah / (maxMa * EFFICIENCY);
    }

    /** When the taper starts, hours of power; negative for a phone plugged in above 80 %. */
    private double cvStartHours() {
        if (initialLevel < CC_LEVEL) {
            return (CC_LEVEL - initialLevel) * capacityMah / (maxMa * EFFICIENCY);
        }
        double done = Math.min(0.999_999, (initialLevel - CC_LEVEL) / (1 - CC_LEVEL));
        return tauHours() * Math.log(1 - done);
    }

    private double fullAfterHours() {
        if (initialLevel >= 1) {
            return 0;
        }
        return Math.max(0, cvStartHours() + tauHours() * Math.log(maxMa / terminationMa()));
    }

    private static double hours(Duration d) {
        return Math.max(0, d.toMillis() / 3_600_000.0);
    }
}
