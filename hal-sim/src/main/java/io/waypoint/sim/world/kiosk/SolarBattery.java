package io.waypoint.sim.world.kiosk;

import java.time.Instant;

/**
 * The kiosk's 12 V lead-acid battery and solar charge controller: the battery's charge integrates
 * what the controller takes from the panel ({@link KioskWorld#panelW}) less the kiosk's load. The
 * load is the kiosk's doing (ports powered, modem, router, screen), so this small model is stepped
 * by the integrator with the load it measures: {@link #advance} integrates from the last instant to
 * the new one with that load held, in steps of at most {@value #STEP_MS} ms.
 *
 * <p>The model: resting voltage from the state of charge by the usual flooded lead-acid table (12.7 V
 * full, 12.06 V half, 10.5 V empty; linear between tenths); a sag of {@code I · 5/Ah} Ω under load;
 * while charging a rise of up to 0.25 V plus {@code I · 8/Ah} Ω, capped at the 14.4 V absorption
 * voltage, and 13.6 V float when full with the panel covering the load. The controller (97 %
 * efficient) takes from the panel the load plus what the battery accepts: up to a quarter of its
 * capacity in amperes below 80 %, tapering to nothing at full; 90 % of the charge stored stays.
 * An empty battery gives nothing: the load then gets only what the panel gives.
 *
 * <p>It starts at the world's start with the scenario's charge. Advancing to an instant not after
 * the last one integrates nothing (only the reading follows the new load). Thread-safe: one lock.
 */
public final class SolarBattery {
    static final long STEP_MS = 10_000;
    private static final double[] RESTING_V = {10.5, 11.31, 11.58, 11.75, 11.9, 12.06, 12.2, 12.32, 12.42, 12.5, 12.7};
    private static final double CONTROLLER_EFFICIENCY = 0.97;
    private static final double CHARGE_EFFICIENCY = 0.9;
    private static final double BULK_END = 0.8;
    private static final double FULL = 0.995;
    private static final double ABSORPTION_V = 14.4;
    private static final double FLOAT_V = 13.6;

    private final KioskWorld world;
    private final double capacityAh;
    private long lastMs;
    private double soc;
    private double harvestedWh;
    private PowerReading reading;

    SolarBattery(KioskWorld world) {
        this.world = world;
        this.capacityAh = world.scenario().battery().capacityAh();
        this.soc = world.scenario().battery().charge();
        this.lastMs = world.start().toEpochMilli();
        this.reading = read(lastMs, 0);
    }

    /**
     * Integrates up to {@code to} with the kiosk drawing {@code loadW} since the last advance, and
     * reads the power system at {@code to}.
     *
     * @throws IllegalArgumentException for a load that is negative or not finite
     */
    public synchronized PowerReading advance(Instant to, double loadW) {
        if (!(loadW >= 0) || Double.isInfinite(loadW)) {
            throw new IllegalArgumentException("the load is watts >= 0, was " + loadW);
        }
        long toMs = to.toEpochMilli();
        while (lastMs < toMs) {
            long step = Math.min(STEP_MS, toMs - lastMs);
            Flows f = flows(lastMs + step / 2, loadW);
            double hours = step / 3_600_000.0;
            double ah = f.batteryA() * hours * (f.batteryA() > 0 ? CHARGE_EFFICIENCY : 1);
            soc = Math.max(0, Math.min(1, soc + ah / capacityAh));
            harvestedWh += f.solarW() * hours;
            lastMs += step;
        }
        reading = read(Math.max(lastMs, toMs), loadW);
        return reading;
    }

    /** The last reading. */
    public synchronized PowerReading reading() {
        return reading;
    }

    /** The battery's resting (open-circuit) voltage at a state of charge 0..1. */
    static double restingVolts(double stateOfCharge) {
        double x = Math.max(0, Math.min(1, stateOfCharge)) * 10;
        int i = Math.min(9, (int) Math.floor(x));
        return RESTING_V[i] + (RESTING_V[i + 1] - RESTING_V[i]) * (x - i);
    }

    /** What flows at an instant: what the controller takes from the panel, and the battery's current. */
    private record Flows(double solarW, double batteryA, double batteryV, boolean empty, double panelW) {}

    private Flows flows(long ms, double loadW) {
        double panelW = world.panelW(Instant.ofEpochMilli(ms));
        double available = panelW * CONTROLLER_EFFICIENCY;
        double acceptA = soc < BULK_END ? 0.25 * capacityAh
                : soc >= FULL ? 0 : 0.25 * capacityAh * (1 - soc) / (1 - BULK_END);
        double solarW = Math.min(available, loadW + acceptA * ABSORPTION_V);
        double netW = solarW - loadW;
        boolean empty = soc <= 0 && netW < 0;
        if (empty) {
            netW = 0;
        }
        // the current and the terminal voltage depend on each other (P = V·I): a few rounds settle them
        double v = restingVolts(soc);
        double a = 0;
        for (int round = 0; round < 6; round++) {
            a = netW / v;
            v = terminalVolts(a, available >= loadW);
        }
        return new Flows(solarW, a, v, empty, panelW);
    }

    private double terminalVolts(double amps, boolean sunCoversLoad) {
        double resting = restingVolts(soc);
        if (soc >= FULL && sunCoversLoad && amps >= 0) {
            return FLOAT_V;
        }
        if (amps < 0) {
            return resting + amps * 5 / capacityAh;
        }
        double rise = 0.25 * Math.min(1, amps / (0.02 * capacityAh));
        return Math.min(ABSORPTION_V, resting + rise + amps * 8 / capacityAh);
    }

    private PowerReading read(long ms, double loadW) {
        Flows f = flows(ms, loadW);
        double irradiance = world.irradianceWm2(Instant.ofEpochMilli(ms));
        double panelV = irradiance <= 0 ? 0 : 17 + 1.5 * Math.min(1, irradiance / Sky.CLEAR_NOON);
        ChargerState charger = f.panelW() * CONTROLLER_EFFICIENCY < 1 ? ChargerState.OFF
                : soc >= FULL && f.solarW() >= loadW ? ChargerState.FLOAT
                : soc >= BULK_END ? ChargerState.ABSORPTION : ChargerState.BULK;
        return new PowerReading(Instant.ofEpochMilli(ms), soc, f.batteryV(), f.batteryA(), panelV, f.solarW(), loadW,
                charger, harvestedWh, f.empty());
    }
}
