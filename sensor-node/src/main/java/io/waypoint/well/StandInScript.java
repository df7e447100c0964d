package io.waypoint.well;

import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import java.time.Duration;

/**
 * Scripted well readings for the stand-in publisher: what a well reports minute by minute in a
 * named scenario. Pure: readings are a function of the time since the start, so a run is the same
 * at any speed. Replaced by the hardware simulator's world and the real drivers in the water issue.
 */
final class StandInScript {
    private final String scenario;
    private double totalLitres = 45_000;
    private double cartridgeLitres = 1_200;

    StandInScript(String scenario) {
        if (!scenario.equals("normal-day") && !scenario.equals("turbid-after-rain")) {
            throw new IllegalArgumentException("scenario must be normal-day or turbid-after-rain, was " + scenario);
        }
        this.scenario = scenario;
    }

    /** Turbidity in NTU {@code t} after the start. */
    double turbidity(Duration t) {
        double min = t.toSeconds() / 60.0;
        double base = 0.4 + 0.1 * Math.sin(min / 30.0);
        if (scenario.equals("normal-day")) {
            return base;
        }
        // rain at minute 10: turbidity climbs to 8 NTU in 2 minutes, stays 8 minutes, clears over 10
        if (min < 10) {
            return base;
        } else if (min < 12) {
            return base + (8 - base) * (min - 10) / 2;
        } else if (min < 20) {
            return 8 - 0.1 * (min - 12);
        } else if (min < 30) {
            return 7.2 + (base - 7.2) * (min - 20) / 10;
        }
        return base;
    }

    /** The telemetry of the interval that ends {@code t} after the start. */
    WellTelemetry interval(Duration t, Duration interval) {
        double ntu = turbidity(t);
        double lpm = 12 + 2 * Math.sin(t.toSeconds() / 900.0);
        double litres = lpm * interval.toSeconds() / 60.0;
        totalLitres += litres;
        cartridgeLitres += litres;
        return new WellTelemetry((int) interval.toSeconds(), new Summary(ntu * 0.95, ntu, ntu * 1.05, 6),
                new Summary(lpm * 0.9, lpm, lpm * 1.1, 6), litres, totalLitres, cartridgeLitres, WellTelemetry.SENSOR_OK, 0);
    }
}
