package io.waypoint.well;

import io.waypoint.drivers.turbidity.TurbidityCalibration;
import io.waypoint.drivers.turbidity.TurbidityCalibration.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A technician calibrating the analog turbidity sensor: one point per standard (the sensor in a
 * formazin or polymer standard of known NTU; `calibrate turbidity 10` takes the current voltage as
 * 10 NTU). Once three standards are in, the points replace the calibration in use; further points
 * of the same session refine it. Points older than a day start a new session, so standards measured
 * months apart never mix. A second point at the same NTU replaces the first (the technician
 * re-measured that standard). Pure: the caller persists the result.
 */
final class CalibrationSession {
    static final int MIN_POINTS = 3;
    private static final Duration SESSION = Duration.ofDays(1);

    private final List<Point> points = new ArrayList<>();
    private Instant startedAt;

    /** What adding a point did. */
    record Outcome(List<Point> points, TurbidityCalibration calibration, String message) {}

    /**
     * Adds a point and says what happened.
     *
     * @return a calibration to use once there are enough points, else null
     * @throws IllegalArgumentException when the points cannot make a calibration (the message says
     *                                  which and what to do)
     */
    Outcome add(Instant now, double volts, double ntu) {
        if (startedAt == null || Duration.between(startedAt, now).compareTo(SESSION) > 0 || now.isBefore(startedAt)) {
            points.clear();
            startedAt = now;
        }
        List<Point> next = new ArrayList<>(points);
        next.removeIf(p -> p.ntu() == ntu);
        next.add(new Point(volts, ntu));
        next.sort(Comparator.comparingDouble(Point::ntu));
        if (next.size() < MIN_POINTS) {
            points.clear();
            points.addAll(next);
            return new Outcome(List.copyOf(points), null, String.format(Locale.ROOT,
                    "point %d of at least %d recorded: %.3f V = %s NTU. Rinse the sensor, put it in the next standard, wait a minute, then type calibrate turbidity <NTU>.",
                    next.size(), MIN_POINTS, volts, plain(ntu)));
        }
        TurbidityCalibration c = TurbidityCalibration.of(next); // throws with advice when the points disagree
        points.clear();
        points.addAll(next);
        return new Outcome(List.copyOf(points), c, String.format(Locale.ROOT,
                "calibration of %d points now in use (%s). Add more standards the same way to refine it.",
                next.size(), describe(next)));
    }

    List<Point> points() {
        return List.copyOf(points);
    }

    private static String describe(List<Point> pts) {
        StringBuilder b = new StringBuilder();
        for (Point p : pts) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(String.format(Locale.ROOT, "%s NTU at %.3f V", plain(p.ntu()), p.volts()));
        }
        return b.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
