package io.waypoint.sim.world.kiosk;

import java.util.List;

/**
 * Sunlight on the kiosk's panel over the day: a pure function of the instant, the scenario's sun and
 * its seed.
 *
 * <p>Clear sky: nothing before sunrise or after sunset, {@code 1000 · sin(π·x)^1.3} W/m² in between
 * ({@code x} the share of the daylight gone), so 1000 W/m² at solar noon. Passing clouds take a
 * share that wanders smoothly (random knots every 15 minutes) between 0 and twice the scenario's
 * {@code clouds}, so {@code clouds} on average. An overcast stretch lets through only its
 * {@code light} (the darkest of those under way).
 */
final class Sky {
    /** Irradiance of a clear sky at solar noon, W/m²: what a panel's rated watts assume. */
    static final double CLEAR_NOON = 1000;
    private static final long KNOT_MS = 15 * 60_000L;
    private static final long DAY_MS = 86_400_000L;

    /** An overcast stretch, epoch ms. */
    record Shade(long fromMs, long toMs, double light) {}

    private final long seed;
    private final long sunriseMs;
    private final long sunsetMs;
    private final double clouds;
    private final List<Shade> shades;

    Sky(KioskScenario.Sun sun, long seed, List<Shade> shades) {
        this.seed = seed;
        this.sunriseMs = sun.sunrise().toSecondOfDay() * 1000L;
        this.sunsetMs = sun.sunset().toSecondOfDay() * 1000L;
        this.clouds = sun.clouds();
        this.shades = List.copyOf(shades);
    }

    /** Sunlight on the panel at epoch {@code ms}, W/m². */
    double irradiance(long ms) {
        long ofDay = Math.floorMod(ms, DAY_MS);
        if (ofDay <= sunriseMs || ofDay >= sunsetMs) {
            return 0;
        }
        double x = (ofDay - sunriseMs) / (double) (sunsetMs - sunriseMs);
        double clear = CLEAR_NOON * Math.pow(Math.sin(Math.PI * x), 1.3);
        double overcast = 1;
        for (Shade s : shades) {
            if (ms >= s.fromMs() && ms < s.toMs()) {
                overcast = Math.min(overcast, s.light());
            }
        }
        return Math.max(0, clear * (1 - 2 * clouds * passingCover(ms)) * overcast);
    }

    /** How much of the sky passing clouds cover, 0..1, mean 0.5: random knots eased by a cosine. */
    private double passingCover(long ms) {
        long knot = Math.floorDiv(ms, KNOT_MS);
        double f = (ms - knot * KNOT_MS) / (double) KNOT_MS;
        double a = RandomStreams.unit(seed, RandomStreams.CLOUDS, knot);
        double b = RandomStreams.unit(seed, RandomStreams.CLOUDS, knot + 1);
        return a + (b - a) * (1 - Math.cos(Math.PI * f)) / 2;
    }
}
